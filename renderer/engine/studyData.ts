/**
 * The open study's data: subject maps and matrices, read on demand, one measure at a time.
 * The store holds the Study (plain data); voxel buffers stay here, for the measure in use only,
 * so memory follows what is open (a switch hands the old maps' buffers to the readers for reuse).
 * Files are read through the host and parsed in a pool of workers; maps on another grid are
 * resampled to the first map's grid.
 */
import type { HostApi } from '../../shared/ipc/host';
import type { ConnMatrix } from '../../shared/connectivity';
import { parseMatrix, parseNodeTable } from '../../shared/connectivity';
import type { Grid } from '../../shared/spaces/types';
import { resample, sameGrid, voxelSizes } from '../../shared/spaces';
import { atlasOnGrid } from '../../shared/atlas';
import { anyNonZero } from '../../shared/stats';
import type { ImportResult, Measure, Study, StudyProblem } from '../../shared/study';
import { baseName, validateStudy } from '../../shared/study';
import { actions, shownMeasureId, type AppStore } from '../store';
import { firstMapMeasure, type MeasureStatus } from '../store/study';
import { getStore } from '../store/useApp';
import { createWorkerReader, runLimited, poolSize, type MapReader } from './studyReaders';
import { volumeCache } from './volumeCache';

export interface MeasureData {
  measureId: string;
  measure: Measure;
  /** The grid every map below is on (the first map's). */
  grid: Grid;
  subjects: string[];
  conditions: string[];
  /** Per condition, one map per subject (aligned with `subjects`); null where the file is absent or unreadable. */
  maps: Record<string, (Float32Array | null)[]>;
  /** True when any map was resampled to `grid`. */
  resampled: boolean;
  note?: string;
}

export interface MatrixNode {
  name: string;
  x: number;
  y: number;
  z: number;
}

export interface MatrixData {
  nodes: MatrixNode[];
  /** Per condition, one matrix per subject (aligned with study.subjects); null where absent or unreadable. */
  matrices: Record<string, (ConnMatrix | null)[]>;
}

/** The timers a load uses for its progress bar; tests pass a clock they advance by hand. */
export interface LoadClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: LoadClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

interface Setup {
  store: AppStore;
  host: HostApi | null;
  reader: MapReader | null;
  /** Readers in the pool (null: one per core, 2 to 4); a load keeps twice this many files in flight. */
  poolSize: number | null;
  clock: LoadClock;
}

const setup: Setup = { store: null as unknown as AppStore, host: null, reader: null, poolSize: null, clock: realClock };
const SHOW_PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 400;

let loaded = new Map<string, MeasureData>();
let inFlight = new Map<string, Promise<MeasureData>>();
let matrixCache = new Map<string, MatrixData>();
let gridsByPath: Record<string, Grid> = {};
let sizesByPath: Record<string, number> = {};
/** Problems only the importer can see (unrecognised files, missing files, bad side files). */
let importProblems: StudyProblem[] = [];
let readProblems: StudyProblem[] = [];
/** Bumped on every openStudy so late results of an older study are dropped. */
let generation = 0;

/** Wire the loader to the app (main.tsx / App does this once). Tests pass their own reader, pool size and clock. */
export function initStudyData(options: { store: AppStore; host: HostApi | null; reader?: MapReader; poolSize?: number; clock?: LoadClock }): void {
  setup.store = options.store;
  setup.host = options.host;
  setup.reader = options.reader ?? null;
  setup.poolSize = options.poolSize ?? null;
  setup.clock = options.clock ?? realClock;
}

function readers(): number {
  return setup.poolSize ?? poolSize();
}

function store(): AppStore {
  if (!setup.store) setup.store = getStore();
  return setup.store;
}

function host(): HostApi {
  if (!setup.host) throw new Error('Study files cannot be read here (no host)');
  return setup.host;
}

function reader(): MapReader {
  setup.reader ??= createWorkerReader(readers());
  return setup.reader;
}

function studyOrThrow(): Study {
  const s = store().getState().study;
  if (!s) throw new Error('No study is open');
  return s;
}

function measureOrThrow(measureId: string): Measure {
  const m = studyOrThrow().measures.find((x) => x.id === measureId);
  if (!m) throw new Error(`The open study has no measure "${measureId}"`);
  return m;
}

function setStatus(measureId: string, status: MeasureStatus | null): void {
  const cur = { ...store().getState().measureStatus };
  if (status) cur[measureId] = status;
  else delete cur[measureId];
  store().setState({ measureStatus: cur });
}

/** Re-run validation with every grid and matrix size seen so far. */
function revalidate(): void {
  const study = store().getState().study;
  if (!study) return;
  store().setState({ studyProblems: [...importProblems, ...validateStudy(study, gridsByPath, sizesByPath), ...readProblems] });
}

/**
 * Make `result.study` the open study: drops the previous study's data, keeps the importer's
 * problems and validates. The first map measure becomes the active one.
 */
export function openStudy(result: ImportResult, source?: { kind: 'folder' | 'table' | 'demo'; path: string; label: string }): void {
  generation++;
  // The previous study's maps become the new study's buffers (fresh memory is slow to fill), and
  // the readers start now rather than at the first file.
  const freed = buffersOf(loaded.values());
  const read = setup.host ? reader() : setup.reader;
  if (read) {
    if (freed.length && read.recycle) read.recycle(freed);
    read.warm?.();
  }
  loaded = new Map();
  inFlight = new Map();
  matrixCache = new Map();
  gridsByPath = {};
  sizesByPath = {};
  readProblems = [];
  const plain = new Set(validateStudy(result.study).map((p) => p.message));
  importProblems = result.problems.filter((p) => !plain.has(p.message));
  store().setState({
    study: result.study,
    // A new study shows its first map measure (not an undo step: opening a study is not undone).
    scene: { ...store().getState().scene, compare: { ...store().getState().scene.compare, measureId: firstMapMeasure(result.study) } },
    studyRoot: result.study.root,
    studySource: source ?? null,
    pendingImport: null,
    measureStatus: {},
  });
  revalidate();
}

export function loadedMeasure(measureId: string): MeasureData | undefined {
  return loaded.get(measureId);
}

/** Drop a measure's maps (and any load in progress is discarded when it ends). */
export function unloadMeasure(measureId: string): void {
  loaded.delete(measureId);
  inFlight.delete(measureId);
  const st = store().getState().measureStatus[measureId];
  if (st && st.state === 'loaded') setStatus(measureId, null);
}

/**
 * Only the measure in use (and the active one) keeps its maps: memory follows what is open. Drops
 * every other loaded measure and returns their maps' buffers, which a new load hands to the
 * readers: writing into fresh memory costs a page fault per 4 KiB, about as long as inflating the
 * file. Nobody else keeps those maps past a synchronous use (the compare view copies them).
 */
function evictOthers(keepId: string): ArrayBuffer[] {
  const active = shownMeasureId(store().getState());
  const dropped: MeasureData[] = [];
  for (const [id, d] of [...loaded]) {
    if (id === keepId || id === active) continue;
    unloadMeasure(id);
    dropped.push(d);
  }
  return buffersOf(dropped);
}

/** The (not yet transferred) buffers of these measures' maps, each once. */
function buffersOf(data: Iterable<MeasureData>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const d of data) for (const m of Object.values(d.maps).flat()) if (m && m.buffer.byteLength > 0) buffers.add(m.buffer as ArrayBuffer);
  return [...buffers];
}

/** Keeps `data` and drops the other measures (their buffers go to the garbage collector here). */
function remember(data: MeasureData): void {
  loaded.set(data.measureId, data);
  evictOthers(data.measureId);
}

function describeGrid(g: Grid): string {
  const vs = voxelSizes(g.affine).map((v) => Number(v.toFixed(2)));
  return `${g.dims.join('x')} at ${vs.every((v) => v === vs[0]) ? vs[0] : vs.join('x')} mm`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Every subject map of a measure, aligned with study.subjects per condition. Reads in parallel
 * in workers with a progress bar (files done/total); `onProgress` gets the same counts.
 * A file that cannot be read becomes null and a problem naming it; the rest still load.
 */
export function loadMeasure(measureId: string, onProgress?: (done: number, total: number) => void): Promise<MeasureData> {
  const have = loaded.get(measureId);
  if (have) {
    remember(have);
    return Promise.resolve(have);
  }
  const running = inFlight.get(measureId);
  if (running) return running;
  const p = readMeasure(measureId, onProgress).finally(() => {
    if (inFlight.get(measureId) === p) inFlight.delete(measureId);
  });
  inFlight.set(measureId, p);
  return p;
}

async function readMeasure(measureId: string, onProgress?: (done: number, total: number) => void): Promise<MeasureData> {
  const gen = generation;
  const study = studyOrThrow();
  const measure = measureOrThrow(measureId);
  if (measure.kind === 'connectivity-matrix') throw new Error(`${measure.label} holds matrices, not maps; use loadMatrices`);
  const files = measure.files;
  const total = files.length;
  const s = store();
  let done = 0;
  // The bar appears only when a load outlasts SHOW_PROGRESS_AFTER_MS (under a second needs no
  // indicator: the pressed measure button is the feedback), then repaints a few times a second.
  // Each repaint recomposites the WebGL views (tens of ms with software GL), so a bar flashing
  // through a sub-second load only slows it down.
  const clock = setup.clock;
  let visible = false;
  let lastShown = -Infinity;
  const show = () => {
    if (gen !== generation || done >= total) return;
    visible = true;
    lastShown = clock.now();
    setStatus(measureId, { state: 'loading', done, total });
    actions.setProgress(s, { label: `Loading ${measure.label}: ${done} of ${total} files`, fraction: total ? done / total : null });
  };
  const showTimer = clock.setTimeout(show, SHOW_PROGRESS_AFTER_MS);
  const tick = () => {
    if (gen !== generation) return;
    onProgress?.(done, total);
    if (visible && clock.now() - lastShown >= PROGRESS_EVERY_MS) show();
  };
  tick();
  const results: ({ grid: Grid; data: Float32Array } | null)[] = new Array(total).fill(null);
  const failures: StudyProblem[] = [];
  const h = host();
  const read = reader();
  const freed = evictOthers(measureId);
  if (freed.length && read.recycle) read.recycle(freed);
  const t0 = clock.now();
  const timing = { read: 0, parse: 0, work: 0 };
  const inflaters = new Map<string, number>();
  try {
    // Keep each worker fed (one file parsing, one being fetched) without holding every file's bytes at once.
    await runLimited(files, readers() * 2, async (f, i) => {
      try {
        const ta = clock.now();
        // A Blob (browser) is read by the worker itself: the page's thread never touches the bytes.
        const bytes = h.readSource ? await h.readSource(f.path) : await h.readFile(f.path);
        const tb = clock.now();
        const m = await read(baseName(f.path), bytes, f.frame ?? 0);
        timing.read += tb - ta;
        timing.parse += clock.now() - tb;
        timing.work += m.ms ?? 0;
        if (m.inflater) inflaters.set(m.inflater, (inflaters.get(m.inflater) ?? 0) + 1);
        results[i] = { grid: m.grid, data: m.data };
      } catch (e) {
        const msg = errorText(e);
        const name = baseName(f.path);
        failures.push({ severity: 'error', kind: 'missing-file', measure: measure.label, subjects: [f.subject], paths: [f.path], message: msg.includes(name) ? msg : `${name}: ${msg}` });
      }
      done++;
      tick();
    });
  } finally {
    read.trim?.();
    clock.clearTimeout(showTimer);
    if (visible && gen === generation) actions.setProgress(s, null);
  }
  if (gen !== generation) throw new Error('The study was closed while it was loading');
  console.info(`${measure.label}: ${total} files in ${(clock.now() - t0).toFixed(0)} ms (waiting for bytes ${timing.read.toFixed(0)} ms, waiting for the readers ${timing.parse.toFixed(0)} ms, reading in workers ${timing.work.toFixed(0)} ms; summed over files; inflated by ${[...inflaters].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'})`);

  const first = results.find((r) => r !== null);
  if (!first) {
    readProblems = [...readProblems.filter((p) => p.measure !== measure.label), ...failures];
    const message = `${measure.label}: none of its ${total} files could be read`;
    setStatus(measureId, { state: 'failed', done, total, message });
    revalidate();
    throw Object.assign(new Error(message), { userFacing: true });
  }
  const grid = first.grid;
  const subjects = study.subjects;
  const conditions = study.conditions;
  const subjectIndex = new Map(subjects.map((x, i) => [x, i]));
  const maps: Record<string, (Float32Array | null)[]> = {};
  for (const c of conditions) maps[c] = new Array(subjects.length).fill(null);
  let nResampled = 0;
  files.forEach((f, i) => {
    const r = results[i];
    if (!r) return;
    gridsByPath[f.path] = r.grid;
    let data = r.data;
    // Only maps on another grid are resampled (trilinear: these are continuous values).
    if (r !== first && !sameGrid(r.grid, grid)) {
      data = resample(r, grid, 'linear', 0);
      nResampled++;
    }
    const si = subjectIndex.get(f.subject);
    const row = maps[f.condition];
    if (si !== undefined && row) row[si] = data;
  });
  const note = nResampled > 0 ? `${measure.label}: ${nResampled} of ${total} maps were resampled (trilinear) to ${describeGrid(grid)}, the first map's grid.` : undefined;
  const data: MeasureData = { measureId, measure, grid, subjects, conditions, maps, resampled: nResampled > 0, ...(note ? { note } : {}) };
  readProblems = [...readProblems.filter((p) => p.measure !== measure.label), ...failures];
  remember(data);
  setStatus(measureId, { state: 'loaded', done, total, ...(note ? { note } : {}) });
  revalidate();
  return data;
}

/** A measure's ROI x ROI matrices (small: parsed on the main thread) and its node table. */
export async function loadMatrices(measureId: string): Promise<MatrixData> {
  const have = matrixCache.get(measureId);
  if (have) return have;
  const gen = generation;
  const study = studyOrThrow();
  const measure = measureOrThrow(measureId);
  if (measure.kind !== 'connectivity-matrix') throw new Error(`${measure.label} holds maps, not matrices; use loadMeasure`);
  const h = host();
  const decoder = new TextDecoder();
  const subjectIndex = new Map(study.subjects.map((x, i) => [x, i]));
  const matrices: Record<string, (ConnMatrix | null)[]> = {};
  for (const c of study.conditions) matrices[c] = new Array(study.subjects.length).fill(null);
  const failures: StudyProblem[] = [];
  let done = 0;
  await runLimited(measure.files, 8, async (f) => {
    try {
      const m = parseMatrix(decoder.decode(await h.readFile(f.path)), baseName(f.path));
      sizesByPath[f.path] = m.n;
      const si = subjectIndex.get(f.subject);
      if (si !== undefined && matrices[f.condition]) matrices[f.condition][si] = m;
    } catch (e) {
      const name = baseName(f.path);
      const msg = errorText(e);
      failures.push({ severity: 'error', kind: 'missing-file', measure: measure.label, subjects: [f.subject], paths: [f.path], message: msg.includes(name) ? msg : `${name}: ${msg}` });
    }
    done++;
    if (gen === generation) setStatus(measureId, { state: 'loading', done, total: measure.files.length });
  });
  if (gen !== generation) throw new Error('The study was closed while it was loading');
  const sizes = Object.values(matrices).flat().filter((m): m is ConnMatrix => m !== null);
  const n = sizes[0]?.n ?? 0;
  let nodes: MatrixNode[] = [];
  if (measure.nodes) {
    try {
      nodes = parseNodeTable(decoder.decode(await h.readFile(measure.nodes)), baseName(measure.nodes));
    } catch (e) {
      failures.push({ severity: 'warning', kind: 'bad-table', measure: measure.label, paths: [measure.nodes], message: `${errorText(e)}; nodes are numbered instead of named.` });
    }
  }
  if (nodes.length !== n) {
    const names = sizes[0]?.names;
    if (nodes.length > 0) failures.push({ severity: 'warning', kind: 'bad-table', measure: measure.label, paths: measure.nodes ? [measure.nodes] : [], message: `${measure.label}: the node table lists ${nodes.length} nodes but the matrices are ${n}x${n}; nodes are numbered instead.` });
    nodes = Array.from({ length: n }, (_, i) => ({ name: names?.[i] ?? `node ${i + 1}`, x: NaN, y: NaN, z: NaN }));
  }
  readProblems = [...readProblems.filter((p) => p.measure !== measure.label), ...failures];
  const data: MatrixData = { nodes, matrices };
  matrixCache.set(measureId, data);
  setStatus(measureId, { state: sizes.length ? 'loaded' : 'failed', done, total: measure.files.length });
  revalidate();
  return data;
}

/**
 * Voxels to analyse on `grid`: nonzero (and finite) in every loaded map on that grid; without
 * loaded maps there, the AAL atlas's labelled voxels (resampled nearest-neighbour); else all voxels.
 */
export function studyBrainMask(grid: Grid): Uint8Array {
  const nVox = grid.dims[0] * grid.dims[1] * grid.dims[2];
  const candidates = [...loaded.values()].reverse().filter((d) => sameGrid(d.grid, grid));
  const maps = candidates.length ? Object.values(candidates[0].maps).flat().filter((m): m is Float32Array => m !== null) : [];
  if (maps.length) {
    // Inside the brain = non-zero in at least one map (outside, every map is 0). A voxel where only
    // some subjects are exactly 0 is still tested, as scipy/numpy and the CLI do; NaN anywhere drops it.
    const mask = anyNonZero(maps);
    for (const m of maps) for (let i = 0; i < nVox; i++) if (m[i] !== m[i]) mask[i] = 0;
    return mask;
  }
  const mask = new Uint8Array(nVox);
  const atlas = volumeCache.atlas();
  if (atlas) {
    const on = atlasOnGrid(atlas, grid);
    for (let i = 0; i < nVox; i++) mask[i] = on.data[i] > 0 ? 1 : 0;
    return mask;
  }
  return mask.fill(1);
}

/** For tests: forget everything (between cases). */
export function resetStudyData(): void {
  generation++;
  loaded = new Map();
  inFlight = new Map();
  matrixCache = new Map();
  gridsByPath = {};
  sizesByPath = {};
  importProblems = [];
  readProblems = [];
}
