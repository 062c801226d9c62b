/**
 * The numbers behind a figure: contrasts, thresholds, clusters and ROI values computed with the
 * same shared/compare code as the Compare workspace, from maps the caller loads (the app from
 * its study cache, the CLI from files by path).
 */
import type { Atlas } from '../atlas';
import { atlasLike, maskFromLabels, maskFromPreset, resolvePreset, sphereMask } from '../atlas';
import { clusterTable, computeContrast, resolveThreshold, roiSubjectValues, roiSummary, statisticName, statMap, withDirection } from '../compare';
import type { ClusterRow, ContrastMaps, ResolvedThreshold, RoiSummary } from '../compare';
import type { Grid } from '../spaces/types';
import type { Layer } from '../scene/types';
import type { Measure, Study } from '../study/types';
import type { OverlayColours } from './colormaps';
import type { ConnectomePanel, ContrastSpec, Figure, FigureFwe, MatrixPanel, RoiPanel } from './schema';
import { applyFwe, fweClusterP } from '../compare/fweDisplay';
import type { FweResult } from '../compare/fweMap';
import { inferenceCaption } from '../stats/permutation/session';
import { edgeMatrices, edgewisePaired, type ConnMatrix } from '../connectivity';
import type { Volume } from './volume';
import type { Capture3d, Capture3dRequest } from './capture3d';
import { conditionEdges, edgePasses, type MatrixNode } from '../connectivity';
import type { Mesh } from '../mesh';
import type { PreparedConnectome } from './connectome';

export interface MeasureMaps {
  grid: Grid;
  subjects: string[];
  /** per condition, one map per subject (aligned with `subjects`); null where absent */
  maps: Record<string, (Float32Array | null)[]>;
}

/** Where a figure's data come from. Every failure throws an Error whose message names the file. */
export interface FigureSources {
  template: Volume;
  templateName: string;
  /** the template's bundled file name (3D renders load it in the capturing page) */
  templateFile: string;
  atlas: Atlas | null;
  atlasName: string;
  study: Study | null;
  measureMaps(measureId: string): Promise<MeasureMaps>;
  layer(layerId: string): Promise<{ layer: Layer; volume: Volume }>;
  /**
   * ROI x ROI matrices of a connectivity measure: node names, the node table (MNI centroids, NaN
   * where unknown; empty when there is none or it does not fit) and per condition one matrix per subject.
   */
  matrices?(measureId: string): Promise<{ names: string[]; nodes?: MatrixNode[]; matrices: Record<string, (ConnMatrix | null)[]> }>;
  /** The glass brain of connectome panels: the atlas's outer surface (shared/mesh brainShell, 3 mm); null without an atlas. */
  brainShell?(): Promise<Mesh | null>;
  /** Draws a 3D panel with the app's own 3D views (WebGL); absent where there is none. */
  capture3d?(req: Capture3dRequest): Promise<Capture3d>;
  /**
   * The FWE p map of a contrast with FWE inference (spec.fwe), run as Compare runs it (fweRunPlan:
   * the source swaps the maps itself for one-sided B − A). Absent where the source cannot run
   * permutations: such a figure is refused, never drawn uncorrected.
   */
  fwe?(spec: ContrastSpec & { fwe: FigureFwe }, input: FweInput): Promise<FweResult>;
}

/** What a permutation run of a figure contrast starts from: the subject maps used for the contrast. */
export interface FweInput {
  /** condition A's maps, then condition B's (paired: aligned by subject); a source must not change them */
  a: Float32Array[];
  b: Float32Array[];
  design: 'paired' | 'two-group';
  grid: Grid;
  /** the contrast's dof (the cluster-forming p becomes a t with it) */
  dof: number;
}

/** A contrast's FWE inference as drawn: the caption (Compare's words), the alpha and each cluster row's FWE p. */
export interface PreparedFwe {
  caption: string;
  alpha: number;
  /** FWE p by cluster-table row id: the smallest voxel p inside (the cluster's p for extent and mass) */
  clusterP: Record<number, number>;
  result: FweResult;
}

export interface PreparedContrast {
  spec: ContrastSpec;
  measure: Measure;
  maps: ContrastMaps;
  resolved: ResolvedThreshold;
  grid: Grid;
  /** The statistic where a voxel passes the threshold and the minimum extent; 0 elsewhere. */
  display: Volume;
  colours: OverlayColours;
  statName: string;
  first: string;
  second: string;
  rows: ClusterRow[];
  /** paired subjects used */
  n: number;
  meanA: Volume;
  meanB: Volume;
  a: Float32Array[];
  b: Float32Array[];
  /** FWE (permutation) inference when spec.fwe is set: `display` is then cut to the voxels whose FWE p passes */
  fwe?: PreparedFwe | null;
}

export interface PreparedRoi {
  name: string;
  units: string;
  conditions: [string, string];
  a: number[];
  b: number[];
  summary: RoiSummary;
}

export interface PreparedMatrix {
  names: string[];
  /** n x n row-major; NaN on the diagonal */
  values: Float64Array;
  limit: number;
  what: string;
  pairs: number;
  fisher: boolean;
  label: string;
}

export interface PreparedFigure {
  contrasts: Map<string, PreparedContrast>;
  rois: Map<string, PreparedRoi>;
  layers: Map<string, { layer: Layer; volume: Volume }>;
  matrices: Map<string, PreparedMatrix>;
  /** connectome panels' edges and nodes by panel id */
  connectomes: Map<string, PreparedConnectome>;
  /** 3D panels' pictures by panel id, made at the layout's pixel size (capturePanels in compose.ts) */
  captures: Map<string, Capture3d>;
  sources: FigureSources;
}

export const contrastKey = (c: ContrastSpec): string => JSON.stringify([c.measureId, c.conditionA, c.conditionB, c.direction, c.statistic, c.threshold, c.connectivity, c.fwe ?? null]);

/** Two-sided maps: cool colours below zero, warm above (the Compare panes' colours). */
function contrastColours(display: Float32Array, sided: 1 | 2): OverlayColours {
  let lo = Infinity;
  let hi = 0;
  for (const v of display) {
    const a = Math.abs(v);
    if (a > 0) {
      if (a < lo) lo = a;
      if (a > hi) hi = a;
    }
  }
  if (!Number.isFinite(lo)) lo = hi = 1;
  const top = Math.max(hi, lo * 1.5);
  return { posMap: 'warm', negMap: sided === 2 ? 'winter' : null, pos: lo, neg: sided === 2 ? -lo : null, max: top, min: -top };
}

async function prepareContrast(spec: ContrastSpec, src: FigureSources): Promise<PreparedContrast> {
  const measure = src.study?.measures.find((m) => m.id === spec.measureId);
  if (!measure) throw new Error(`the study has no measure "${spec.measureId}"`);
  const mm = await src.measureMaps(spec.measureId);
  const ma = mm.maps[spec.conditionA];
  const mb = mm.maps[spec.conditionB];
  if (!ma || !mb) throw new Error(`${measure.label}: the study has no condition "${!ma ? spec.conditionA : spec.conditionB}"`);
  const design = src.study?.design ?? 'paired';
  let a: Float32Array[];
  let b: Float32Array[];
  if (design === 'paired') {
    const keep = mm.subjects.map((_, i) => !!ma[i] && !!mb[i]);
    a = ma.filter((_, i) => keep[i]) as Float32Array[];
    b = mb.filter((_, i) => keep[i]) as Float32Array[];
  } else {
    a = ma.filter((m): m is Float32Array => !!m);
    b = mb.filter((m): m is Float32Array => !!m);
  }
  if (a.length < 2 || b.length < 2) throw new Error(`${measure.label}: fewer than two subjects have maps under both conditions`);
  // Test voxels inside the brain of the first subject's maps (the demo and most pipelines write 0 outside).
  const mask = new Uint8Array(a[0].length);
  for (let i = 0; i < mask.length; i++) mask[i] = a[0][i] !== 0 && b[0][i] !== 0 && a[0][i] === a[0][i] ? 1 : 0;
  const maps = withDirection(computeContrast({ a, b, design, mask }), spec.direction);
  const [first, second] = spec.direction === 'A-B' ? [spec.conditionA, spec.conditionB] : [spec.conditionB, spec.conditionA];
  let resolved = resolveThreshold(spec.threshold, maps, spec.statistic, { a: spec.conditionA, b: spec.conditionB });
  const table = clusterTable(maps, spec.statistic, resolved, { grid: mm.grid, connectivity: spec.connectivity, atlas: src.atlas ? atlasLike(src.atlas) : undefined });
  const stat = statMap(maps, spec.statistic);
  const display = new Float32Array(stat.length);
  for (let i = 0; i < stat.length; i++) if (table.labels[i] > 0) display[i] = stat[i] === stat[i] ? stat[i] : 0;
  let fwe: PreparedFwe | null = null;
  if (spec.fwe) {
    // As Compare: the uncorrected map at the cluster-forming threshold, cut to the voxels whose FWE p passes.
    if (!src.fwe) throw new Error(`${measure.label}: the figure's contrast is FWE-corrected (permutation ${spec.fwe.method}), and this renderer cannot run permutations`);
    const result = await src.fwe({ ...spec, fwe: spec.fwe }, { a, b, design, grid: mm.grid, dof: maps.dof });
    if (result.p.length !== stat.length) throw new Error(`${measure.label}: the FWE p map has ${result.p.length} voxels, the contrast ${stat.length}`);
    const caption = inferenceCaption({ method: result.method, alpha: spec.fwe.alpha, N: result.N, exact: result.exact, seed: spec.fwe.seed, design, clusterT: result.clusterT, oneSided: spec.threshold.sided === 1 ? `${first} > ${second}` : undefined });
    resolved = applyFwe(display, result, spec.fwe.alpha, resolved, caption);
    fwe = { caption, alpha: spec.fwe.alpha, clusterP: fweClusterP(table.labels, result.p, table.rows), result };
  }
  return {
    spec,
    measure,
    maps,
    resolved,
    grid: mm.grid,
    display: { grid: mm.grid, data: display },
    colours: contrastColours(display, resolved.sided),
    statName: statisticName(spec.statistic, design),
    first,
    second,
    rows: table.rows,
    n: maps.n,
    meanA: { grid: mm.grid, data: maps.meanA },
    meanB: { grid: mm.grid, data: maps.meanB },
    a,
    b,
    fwe,
  };
}

function roiMask(panel: RoiPanel, grid: Grid, atlas: Atlas | null): Uint8Array {
  const s = panel.roi.source;
  if (s.type === 'sphere') return sphereMask(grid, s.centerMm, s.radiusMm);
  if (!atlas) throw new Error(`ROI "${panel.roi.name}" needs the atlas, which is not loaded`);
  if (s.type === 'preset') {
    const r = resolvePreset(atlas, s.preset);
    if (!r) throw new Error(`ROI "${panel.roi.name}": the atlas has no preset "${s.preset}"`);
    return maskFromPreset(atlas, r, grid);
  }
  if (s.type === 'label') return maskFromLabels(atlas, [s.index], grid);
  throw new Error(`ROI "${panel.roi.name}": mask ROIs cannot be drawn in figures yet`);
}

/** Computes everything the figure's panels show (each contrast once). */
async function prepareMatrix(p: MatrixPanel, src: FigureSources): Promise<PreparedMatrix> {
  const measure = src.study?.measures.find((m) => m.id === p.measureId);
  if (!measure || !src.matrices) throw new Error(`the study has no connectivity measure "${p.measureId}"`);
  const { names, matrices } = await src.matrices(p.measureId);
  const ma = matrices[p.conditionA] ?? [];
  const mb = matrices[p.conditionB] ?? [];
  const a: ConnMatrix[] = [];
  const b: ConnMatrix[] = [];
  ma.forEach((m, i) => {
    if (m && mb[i]) {
      a.push(m);
      b.push(mb[i]!);
    }
  });
  if (a.length < 2) throw new Error(`${measure.label}: fewer than two subjects have matrices under both conditions`);
  // Files that already hold Fisher z are compared as they are (as the Connectivity workspace does).
  const fisher = !/fisher|(^|\W)z($|\W)/i.test(`${measure.label} ${measure.units} ${measure.id}`);
  const n = a[0].n;
  const m = edgeMatrices(edgewisePaired(a, b, { fisher }), n);
  const values = p.show === 't' ? m.t : m.meanA.map((v, i) => v - m.meanB[i]);
  let limit = 0;
  for (const v of values) if (Number.isFinite(v)) limit = Math.max(limit, Math.abs(v));
  return { names, values, limit: limit || 1, what: p.show === 't' ? `paired t, ${p.conditionA} − ${p.conditionB}` : `Δ mean z, ${p.conditionA} − ${p.conditionB}`, pairs: a.length, fisher, label: measure.label };
}

/**
 * A connectome panel's edges: the Connectivity workspace's test (conditionEdges: paired by subject,
 * Fisher z unless the files hold z, BH FDR over the upper triangle) and its threshold (edgePasses).
 */
async function prepareConnectome(p: ConnectomePanel, src: FigureSources): Promise<PreparedConnectome> {
  const measure = src.study?.measures.find((m) => m.id === p.measureId);
  if (!measure || !src.matrices) throw new Error(`the study has no connectivity measure "${p.measureId}"`);
  const data = await src.matrices(p.measureId);
  const nodes = data.nodes ?? [];
  const r = conditionEdges(measure, { nodes, matrices: data.matrices }, p.conditionA, p.conditionB);
  if (!r) throw new Error(`${measure.label}: fewer than two subjects have matrices under both conditions`);
  if ('error' in r) throw new Error(r.error);
  let limit = 0;
  for (const e of r.edges) if (Number.isFinite(e.t)) limit = Math.max(limit, Math.abs(e.t));
  const edges = r.edges.filter((e) => edgePasses(e, p.threshold)).sort((x, y) => Math.abs(y.t) - Math.abs(x.t)).map((e) => ({ i: e.i, j: e.j, t: e.t }));
  const shell = src.brainShell ? await src.brainShell() : null;
  return { label: measure.label, a: p.conditionA, b: p.conditionB, nodes: r.nodes, edges, tested: r.edges.length, limit: limit || 1, pairs: r.pairs, fisher: r.fisher, shell };
}

/** `cache` keeps contrasts between calls (the app's preview redraws often; the maps do not change). */
export async function prepareFigure(figure: Figure, src: FigureSources, cache?: Map<string, PreparedContrast>): Promise<PreparedFigure> {
  const out: PreparedFigure = { contrasts: new Map(), rois: new Map(), layers: new Map(), matrices: new Map(), connectomes: new Map(), captures: new Map(), sources: src };
  const contrastOf = async (spec: ContrastSpec) => {
    const k = contrastKey(spec);
    let c = out.contrasts.get(k) ?? cache?.get(k);
    if (!c) {
      c = await prepareContrast(spec, src);
      cache?.set(k, c);
    }
    out.contrasts.set(k, c);
    return c;
  };
  for (const p of figure.panels) {
    const brain = p.kind === 'slices' || p.kind === 'glass' || p.kind === 'render';
    if (brain && p.content !== 'layers' && p.contrast) await contrastOf(p.contrast);
    if (brain && p.content === 'layers') {
      for (const id of p.layerIds) if (!out.layers.has(id)) out.layers.set(id, await src.layer(id));
    }
    if (p.kind === 'clusters' || p.kind === 'surface') await contrastOf(p.contrast);
    if (p.kind === 'matrix') out.matrices.set(p.id, await prepareMatrix(p, src));
    if (p.kind === 'connectome') out.connectomes.set(p.id, await prepareConnectome(p, src));
    if (p.kind === 'roi') {
      const c = await contrastOf(p.contrast);
      const mask = roiMask(p, c.grid, src.atlas);
      let voxels = 0;
      for (const v of mask) voxels += v;
      if (!voxels) throw new Error(`ROI "${p.roi.name}" holds no voxel on the maps' grid`);
      const firstMaps = c.spec.direction === 'A-B' ? [c.a, c.b] : [c.b, c.a];
      const v = roiSubjectValues(firstMaps[0], firstMaps[1], mask);
      out.rois.set(p.id, { name: p.roi.name, units: c.measure.units, conditions: [c.first, c.second], a: v.a, b: v.b, summary: roiSummary(v.a, v.b, src.study?.design ?? 'paired') });
    }
  }
  return out;
}
