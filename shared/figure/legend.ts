/**
 * NAME.legend.md: the settings an author copies into the figure legend and the methods, written
 * beside every export.
 */
import { SURFACE_VIEW_LABELS } from './surface';
import { renderCameraText } from './render';
import { connectomeCameraText, edgeThresholdText } from './connectome';
import type { ThresholdSpec } from '../compare';
import { fmtP } from './roiPlot';
import { contrastKey, type PreparedContrast, type PreparedFigure, type PreparedFwe } from './prepare';
import { passesFwe } from '../compare/fweMap';
import { panelLetter } from './document';
import type { Figure } from './schema';
import { autoCuts } from './volume';
import { planeAxes } from './slices';
import { sliceCount } from './layout';

/**
 * The multiple-comparison correction in words. With FWE (permutation) inference it is the
 * inference as Compare's caption names it (method, FWE alpha, permutation count and seed).
 */
export function correctionText(t: ThresholdSpec, fwe?: Pick<PreparedFwe, 'caption'> | null): string {
  if (fwe) return `family-wise error (FWE) by permutation: ${fwe.caption}`;
  if (t.mode === 'fdr-q') return `false discovery rate (Benjamini–Hochberg) over the tested voxels, q < ${t.value}`;
  if (t.mode === 'p-unc') return `none (uncorrected p < ${t.value})`;
  return 'none (a cut on the statistic)';
}

const FWE_METHOD = {
  'max-t': 'voxelwise max-T: each voxel’s t against the permutation distribution of the largest t over the brain',
  'cluster-extent': 'cluster extent: clusters above the cluster-forming threshold (26-connected) against the permutation distribution of the largest cluster size',
  'cluster-mass': 'cluster mass (the sum of t above the cluster-forming threshold): clusters (26-connected) against the permutation distribution of the largest cluster mass',
  tfce: 'TFCE (E = 0.5, H = 2, 100 steps, 26-connected): each voxel’s TFCE against the permutation distribution of the largest TFCE over the brain',
} as const;

/** The permutation inference in full, for the methods: what was permuted, how many times, with which seed. */
export function fweMethodText(c: PreparedContrast & { fwe: PreparedFwe }): string {
  const r = c.fwe.result;
  const f = c.spec.fwe!;
  const paired = c.maps.design === 'paired';
  const rows = `${r.exact ? `all ${r.N}` : r.N} ${paired ? 'sign-flips of the paired differences' : 'permutations of the group labels'}${r.exact ? ' (enumerated)' : `, seed ${f.seed} (xoshiro128**)`}, the first the observed data`;
  const sides = c.spec.threshold.sided === 1 ? `one-sided (${c.first} > ${c.second})` : 'two-sided (|t|)';
  const cft = f.method === 'cluster-extent' || f.method === 'cluster-mass' ? `; cluster-forming p < ${f.clusterP} (|t| > ${Number(r.clusterT.toPrecision(4))})` : '';
  return `${FWE_METHOD[f.method]}; ${sides}; ${rows}${cft}; FWE p = (1 + #{permutations ≥ observed}) / ${r.N}, shown where FWE p < ${f.alpha}`;
}

function sliceCoords(p: Figure['panels'][number] & { kind: 'slices' }, prep: PreparedFigure): string {
  const axis = planeAxes(p.plane).n;
  const coords = p.mode === 'single' ? [p.coords[0] ?? 0] : p.autoCoords ? autoCuts(prep.sources.template, axis, sliceCount(p)) : p.coords;
  return `${axis} = ${coords.map((c) => String(Math.round(c)).replace('-', '−')).join(', ')} mm (MNI)`;
}

export function figureLegend(fig: Figure, prep: PreparedFigure, version: string): string {
  const src = prep.sources;
  const lines: string[] = [`# ${fig.name}`, ''];
  if (src.study?.simulated) lines.push(`> ${src.study.notice ?? 'Simulated data'}.`, '');
  lines.push(`Page: ${fig.page.widthMm} mm wide${fig.page.heightMm ? `, ${fig.page.heightMm} mm tall` : ''}, ${fig.page.dpi} dpi, text ${fig.page.fontPt} pt and larger, ${fig.page.background} background.`, '');
  lines.push('## Panels', '');
  fig.panels.forEach((p, i) => {
    const c = 'contrast' in p && p.contrast ? prep.contrasts.get(contrastKey(p.contrast)) : undefined;
    let what: string = p.kind;
    if (p.kind === 'slices') what = `${p.mode === 'mosaic' ? 'mosaic of' : 'one'} ${p.plane} slice${p.mode === 'mosaic' ? 's' : ''} (${p.content === 'layers' ? 'Viewer layers' : p.content === 'contrast' ? 'thresholded contrast' : `mean under ${p.content === 'conditionA' ? c?.first : c?.second}`})${p.radiological ? ', radiological convention (left on the right)' : ', neurological convention (left on the left)'}${p.outlines ? ', atlas outlines' : ''}; at ${sliceCoords(p, prep)}`;
    if (p.kind === 'glass') what = `glass brain, signed maximum-intensity projections (${p.display === 'ortho' ? 'sagittal, coronal, axial' : 'left and right sagittal, coronal, axial'})`;
    if (p.kind === 'roi') {
      const r = prep.rois.get(p.id);
      what = `ROI ${p.roi.name}: per-subject means (lines), group means with 95% CI${r ? `; paired t(${r.summary.dof}) = ${r.summary.t.toFixed(2)}, ${fmtP(r.summary.p)}, dz = ${r.summary.dz.toFixed(2)} [${r.summary.dzLow.toFixed(2)}, ${r.summary.dzHigh.toFixed(2)}]` : ''}`;
    }
    if (p.kind === 'clusters') what = `cluster table (up to ${p.maxRows} clusters; peak in MNI mm, label from the atlas at the peak)`;
    if (p.kind === 'colorbar') what = 'colorbar';
    if (p.kind === 'render') what = `volume render of the template (ch2bet, niivue ray casting) with ${p.content === 'layers' ? 'the Viewer layers' : p.content === 'contrast' ? 'the thresholded contrast' : `the mean under ${p.content === 'conditionA' ? c?.first : c?.second} where the contrast survives`} over it; ${renderCameraText(p.camera)}${p.clipPlane ? `; clip plane at depth ${p.clipPlane[0]}, azimuth ${p.clipPlane[1]}°, elevation ${p.clipPlane[2]}°` : ''}`;
    if (p.kind === 'surface') what = `cortical surfaces of the template (ch2bet), the thresholded map sampled −3..+3 mm along each vertex normal (largest |value|); rows: ${p.rows.map((r) => (r === 'contrast' ? 'thresholded contrast' : `mean under ${r === 'conditionA' ? p.contrast.conditionA : p.contrast.conditionB}`)).join(', ')}; views: ${p.views.map((v) => SURFACE_VIEW_LABELS[v]).join(', ')}; camera yaw ${p.camera.yaw.toFixed(2)} rad, pitch ${p.camera.pitch.toFixed(2)} rad, zoom ${p.camera.zoom.toFixed(2)}`;
    if (p.kind === 'connectome') {
      const k = prep.connectomes.get(p.id);
      what = k
        ? `3D connectome, ${k.label}: the edges of the edgewise paired t of ${k.a} − ${k.b} (${k.pairs} pairs, ${k.fisher ? 'on Fisher z = atanh(r)' : 'on z as given'}) at ${edgeThresholdText(p.threshold)}${p.threshold.mode === 'fdr-q' ? `, FDR (Benjamini–Hochberg) over the ${k.tested} edges of the upper triangle` : `, of ${k.tested} edges tested`}: ${k.edges.length} edges drawn as tubes between the ROI centroids (MNI mm), warm: higher under ${k.a}, cool: higher under ${k.b}, radius and saturation growing with |t| up to ${k.limit.toFixed(2)} (the largest |t| tested); ${k.nodes.length} nodes${p.labels ? ', named where an edge is drawn' : ''}; glass brain: ${k.shell ? `the outer surface of the atlas (${src.atlasName}, 3 mm)` : 'none (no atlas)'}; camera: ${connectomeCameraText(p.camera)}, the picture cropped to the glass brain`
        : `3D connectome (${p.measureId})`;
    }
    if (p.kind === 'matrix') {
      const m = prep.matrices.get(p.id);
      what = `connectivity matrix (${m ? `${m.label}, ${m.what}, edgewise paired t on ${m.fisher ? 'Fisher z of r' : 'z as given'}, ${m.pairs} pairs` : p.measureId})`;
    }
    lines.push(`- **${panelLetter(i)}**: ${what}${c ? `; ${c.measure.label}, ${c.first} − ${c.second}` : ''}`);
  });
  lines.push('');
  for (const c of prep.contrasts.values()) {
    const t = c.spec.threshold;
    lines.push(`## ${c.measure.label}: ${c.first} − ${c.second}`, '');
    lines.push(`- Measure: ${c.measure.label} (${c.measure.units})`);
    lines.push(`- Conditions: ${c.first} and ${c.second}; n = ${c.n} ${c.maps.design === 'paired' ? 'subjects with both sessions (paired, within-subject)' : `(${c.maps.nA} + ${c.maps.nB}, two groups)`}`);
    lines.push(`- Statistic: ${c.statName}; dof = ${Number.isInteger(c.maps.dof) ? c.maps.dof : c.maps.dof.toFixed(1)}`);
    lines.push(`- Threshold: ${c.resolved.description}`);
    lines.push(`- Correction: ${correctionText(t, c.fwe)}`);
    if (c.fwe) lines.push(`- Permutation inference: ${fweMethodText({ ...c, fwe: c.fwe })}`);
    lines.push(`- Minimum cluster extent: ${t.minExtentVoxels > 1 ? `${t.minExtentVoxels} voxels` : 'none'}`);
    lines.push(`- Cluster connectivity: ${c.spec.connectivity} neighbours`);
    const fwe = c.fwe;
    if (fwe) lines.push(`- Clusters at the cluster-forming threshold: ${c.rows.length}, of which ${c.rows.filter((r) => passesFwe(fwe.clusterP[r.id] ?? 1, fwe.alpha, fwe.result.N)).length} with FWE p < ${fwe.alpha}`);
    else lines.push(`- Clusters passing: ${c.rows.length}`);
    lines.push('');
  }
  lines.push('## Software and reference data', '');
  lines.push(`- Template: ${src.templateName} (MNI space)`);
  lines.push(`- Atlas: ${src.atlas ? src.atlasName : 'none'}`);
  lines.push(`- Made with ContrastScope ${version}`);
  lines.push('');
  return lines.join('\n');
}
