/**
 * The open study's data: subject maps and matrices, read on demand, one measure at a time.
 * The store holds the Study (plain data); voxel buffers stay here, for the measure in use only,
 * so memory follows what is open (a switch hands the old maps' buffers to the readers for reuse).
 * Files are read through the host and parsed in a pool of workers; maps on another grid are
 * resampled to the first map's grid.
 */
import type { FileRef, FolderListing, HostApi } from '../../shared/ipc/host';
import type { MatrixNode } from '../../shared/connectivity';
import type { Grid } from '../../shared/spaces/types';
import { describeGrid, resample, sameGrid } from '../../shared/spaces';
import type { ImportResult, Measure, Study, StudyProblem } from '../../shared/study';
import { baseName, studyBrainMask, validateStudy } from '../../shared/study';
import { actions, shownMeasureId, type AppStore } from '../store';
import { firstMapMeasure, type MeasureStatus } from '../store/study';
import { createWorkerReader, runLimited, poolSize, type MapReader } from './studyReaders';
import type { VolumeCache } from './volumeCache';
import { readMatrices, type EdgeResults, type MatrixData } from './studyMatrices';
import type { PreparedContrast } from '../../shared/figure';
import { realClock, type LoadClock, type MeasureData } from './studyDataTypes';
import { forgetStoredFwe } from './comparePermutation';

export type { MatrixNode };
export type { MatrixData };
export type { MeasureData, LoadClock };

/** What a StudyData is made with; tests pass their own reader, pool size and clock. */
export interface StudyDataOptions {
  store: AppStore;
  host: HostApi | null;
  /** the bundled atlas, for the brain mask of a grid without loaded maps */
  volumes?: Pick<VolumeCache, 'atlas'> | null;
  reader?: MapReader;
  /** Readers in the pool (default: one per core, 2 to 4); a load keeps twice this many files in flight. */
  poolSize?: number;
  clock?: LoadClock;
}

const SHOW_PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 400;

/** The open study's data. One instance per app, made in main.tsx; each test makes a fresh one. */
export class StudyData {
  private readonly store: AppStore;
  private readonly hostApi: HostApi | null;
  private readonly volumes: Pick<VolumeCache, 'atlas'> | null;
  private readerFn: MapReader | null;
  private readonly poolSize: number | null;
  private readonly clock: LoadClock;
  private loaded = new Map<string, MeasureData>();
  private inFlight = new Map<string, Promise<MeasureData>>();
  private matrixCache = new Map<string, MatrixData>();
  readonly edgeResults: EdgeResults = new WeakMap();
  /** What this session can reopen without asking again (browsers forget picked files on reload). */
  readonly sessionSources = new Map<string, { kind: 'folder'; listing: FolderListing } | { kind: 'table'; table: FileRef; others: FileRef[] }>();
  /** Contrasts computed for figures, by contrast key; dropped when another study opens. */
  readonly figureContrasts = new Map<string, PreparedContrast>();
  private gridsByPath: Record<string, Grid> = {};
  private sizesByPath: Record<string, number> = {};
  /** Problems only the importer can see (unrecognised files, missing files, bad side files). */
  private importProblems: StudyProblem[] = [];
  private readProblems: StudyProblem[] = [];
  /** Bumped on every openStudy so late results of an older study are dropped. */
  private generation = 0;

  constructor(options: StudyDataOptions) {
    this.store = options.store;
    this.hostApi = options.host;
    this.volumes = options.volumes ?? null;
    this.readerFn = options.reader ?? null;
    this.poolSize = options.poolSize ?? null;
    this.clock = options.clock ?? realClock;
  }

  private readers(): number {
    return this.poolSize ?? poolSize();
  }


  private host(): HostApi {
    if (!this.hostApi) throw new Error('Study files cannot be read here (no host)');
    return this.hostApi;
  }

  private reader(): MapReader {
    this.readerFn ??= createWorkerReader(this.readers());
    return this.readerFn;
  }

  private studyOrThrow(): Study {
    const s = this.store.getState().study;
    if (!s) throw new Error('No study is open');
    return s;
  }

  private measureOrThrow(measureId: string): Measure {
    const m = this.studyOrThrow().measures.find((x) => x.id === measureId);
    if (!m) throw new Error(`The open study has no measure "${measureId}"`);
    return m;
  }

  private setStatus(measureId: string, status: MeasureStatus | null): void {
    const cur = { ...this.store.getState().measureStatus };
    if (status) cur[measureId] = status;
    else delete cur[measureId];
    this.store.setState({ measureStatus: cur });
  }

  /** Re-run validation with every grid and matrix size seen so far. */
  private revalidate(): void {
    const study = this.store.getState().study;
    if (!study) return;
    this.store.setState({ studyProblems: [...this.importProblems, ...validateStudy(study, this.gridsByPath, this.sizesByPath), ...this.readProblems] });
  }

  /**
   * Make `result.study` the open study: drops the previous study's data, keeps the importer's
   * problems and validates. The first map measure becomes the active one.
   */
  openStudy(result: ImportResult, source?: { kind: 'folder' | 'table' | 'demo'; path: string; label: string }): void {
    this.generation++;
    // The previous study's maps become the new study's buffers (fresh memory is slow to fill), and
    // the readers start now rather than at the first file.
    const freed = buffersOf(this.loaded.values());
    const read = this.hostApi ? this.reader() : this.readerFn;
    if (read) {
      if (freed.length && read.recycle) read.recycle(freed);
      read.warm?.();
    }
    this.loaded = new Map();
    this.inFlight = new Map();
    this.matrixCache = new Map();
    this.figureContrasts.clear();
    forgetStoredFwe();
    this.gridsByPath = {};
    this.sizesByPath = {};
    this.readProblems = [];
    const plain = new Set(validateStudy(result.study).map((p) => p.message));
    this.importProblems = result.problems.filter((p) => !plain.has(p.message));
    const scene = this.store.getState().scene;
    this.store.setState({
      study: result.study,
      // A new study shows its first map measure (not an undo step: opening a study is not undone).
      scene: { ...scene, compare: { ...scene.compare, measureId: firstMapMeasure(result.study) } },
      studyRoot: result.study.root,
      studySource: source ?? null,
      pendingImport: null,
      measureStatus: {},
    });
    this.revalidate();
  }

  loadedMeasure(measureId: string): MeasureData | undefined {
    return this.loaded.get(measureId);
  }

  /** Drop a measure's maps (and any load in progress is discarded when it ends). */
  unloadMeasure(measureId: string): void {
    this.loaded.delete(measureId);
    this.inFlight.delete(measureId);
    const st = this.store.getState().measureStatus[measureId];
    if (st && st.state === 'loaded') this.setStatus(measureId, null);
  }

  /**
   * Only the measure in use (and the active one) keeps its maps: memory follows what is open. Drops
   * every other loaded measure and returns their maps' buffers, which a new load hands to the
   * readers: writing into fresh memory costs a page fault per 4 KiB, about as long as inflating the
   * file. Nobody else keeps those maps past a synchronous use (the compare view copies them).
   */
  private evictOthers(keepId: string): ArrayBuffer[] {
    const active = shownMeasureId(this.store.getState());
    const dropped: MeasureData[] = [];
    for (const [id, d] of [...this.loaded]) {
      if (id === keepId || id === active) continue;
      this.unloadMeasure(id);
      dropped.push(d);
    }
    return buffersOf(dropped);
  }


  /** Keeps `data` and drops the other measures (their buffers go to the garbage collector here). */
  private remember(data: MeasureData): void {
    this.loaded.set(data.measureId, data);
    this.evictOthers(data.measureId);
  }



  /**
   * Every subject map of a measure, aligned with study.subjects per condition. Reads in parallel
   * in workers with a progress bar (files done/total); `onProgress` gets the same counts.
   * A file that cannot be read becomes null and a problem naming it; the rest still load.
   */
  loadMeasure(measureId: string, onProgress?: (done: number, total: number) => void): Promise<MeasureData> {
    const have = this.loaded.get(measureId);
    if (have) {
      this.remember(have);
      return Promise.resolve(have);
    }
    const running = this.inFlight.get(measureId);
    if (running) return running;
    const p = this.readMeasure(measureId, onProgress).finally(() => {
      if (this.inFlight.get(measureId) === p) this.inFlight.delete(measureId);
    });
    this.inFlight.set(measureId, p);
    return p;
  }

  private async readMeasure(measureId: string, onProgress?: (done: number, total: number) => void): Promise<MeasureData> {
    const gen = this.generation;
    const study = this.studyOrThrow();
    const measure = this.measureOrThrow(measureId);
    if (measure.kind === 'connectivity-matrix') throw new Error(`${measure.label} holds matrices, not maps; use loadMatrices`);
    const files = measure.files;
    const total = files.length;
    const s = this.store;
    let done = 0;
    // The bar appears only when a load outlasts SHOW_PROGRESS_AFTER_MS (under a second needs no
    // indicator: the pressed measure button is the feedback), then repaints a few times a second.
    // Each repaint recomposites the WebGL views (tens of ms with software GL), so a bar flashing
    // through a sub-second load only slows it down.
    const clock = this.clock;
    let visible = false;
    let lastShown = -Infinity;
    const show = () => {
      if (gen !== this.generation || done >= total) return;
      visible = true;
      lastShown = clock.now();
      this.setStatus(measureId, { state: 'loading', done, total });
      actions.setProgress(s, { label: `Loading ${measure.label}: ${done} of ${total} files`, fraction: total ? done / total : null });
    };
    const showTimer = clock.setTimeout(show, SHOW_PROGRESS_AFTER_MS);
    const tick = () => {
      if (gen !== this.generation) return;
      onProgress?.(done, total);
      if (visible && clock.now() - lastShown >= PROGRESS_EVERY_MS) show();
    };
    tick();
    const results: ({ grid: Grid; data: Float32Array } | null)[] = new Array(total).fill(null);
    const failures: StudyProblem[] = [];
    const h = this.host();
    const read = this.reader();
    const freed = this.evictOthers(measureId);
    if (freed.length && read.recycle) read.recycle(freed);
    const t0 = clock.now();
    const timing = { read: 0, parse: 0, work: 0 };
    const inflaters = new Map<string, number>();
    try {
      // Keep each worker fed (one file parsing, one being fetched) without holding every file's bytes at once.
      await runLimited(files, this.readers() * 2, async (f, i) => {
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
      if (visible && gen === this.generation) actions.setProgress(s, null);
    }
    if (gen !== this.generation) throw new Error('The study was closed while it was loading');
    console.info(`${measure.label}: ${total} files in ${(clock.now() - t0).toFixed(0)} ms (waiting for bytes ${timing.read.toFixed(0)} ms, waiting for the readers ${timing.parse.toFixed(0)} ms, reading in workers ${timing.work.toFixed(0)} ms; summed over files; inflated by ${[...inflaters].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'})`);

    const first = results.find((r) => r !== null);
    if (!first) {
      this.readProblems = [...this.readProblems.filter((p) => p.measure !== measure.label), ...failures];
      const message = `${measure.label}: none of its ${total} files could be read`;
      this.setStatus(measureId, { state: 'failed', done, total, message });
      this.revalidate();
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
      this.gridsByPath[f.path] = r.grid;
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
    this.readProblems = [...this.readProblems.filter((p) => p.measure !== measure.label), ...failures];
    this.remember(data);
    this.setStatus(measureId, { state: 'loaded', done, total, ...(note ? { note } : {}) });
    this.revalidate();
    return data;
  }

  /** A measure's ROI x ROI matrices (small: parsed on the main thread) and its node table. */
  async loadMatrices(measureId: string): Promise<MatrixData> {
    const have = this.matrixCache.get(measureId);
    if (have) return have;
    const gen = this.generation;
    const study = this.studyOrThrow();
    const measure = this.measureOrThrow(measureId);
    if (measure.kind !== 'connectivity-matrix') throw new Error(`${measure.label} holds maps, not matrices; use loadMeasure`);
    const total = measure.files.length;
    const r = await readMatrices(this.host(), study, measure, (path, n, done) => {
      if (n !== null) this.sizesByPath[path] = n;
      if (gen === this.generation) this.setStatus(measureId, { state: 'loading', done, total });
    });
    if (gen !== this.generation) throw new Error('The study was closed while it was loading');
    this.readProblems = [...this.readProblems.filter((p) => p.measure !== measure.label), ...r.failures];
    this.matrixCache.set(measureId, r.data);
    this.setStatus(measureId, { state: r.any ? 'loaded' : 'failed', done: r.done, total });
    this.revalidate();
    return r.data;
  }

  /**
   * Voxels to analyse on `grid`: nonzero (and finite) in every loaded map on that grid; without
   * loaded maps there, the AAL atlas's labelled voxels (resampled nearest-neighbour); else all voxels.
   */
  studyBrainMask(grid: Grid): Uint8Array {
    const candidates = [...this.loaded.values()].reverse().filter((d) => sameGrid(d.grid, grid));
    const maps = candidates.length ? Object.values(candidates[0].maps).flat().filter((m): m is Float32Array => m !== null) : [];
    return studyBrainMask(grid, maps, this.volumes?.atlas() ?? null);
  }
}

/** The (not yet transferred) buffers of these measures' maps, each once. */
function buffersOf(data: Iterable<MeasureData>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const d of data) for (const m of Object.values(d.maps).flat()) if (m && m.buffer.byteLength > 0) buffers.add(m.buffer as ArrayBuffer);
  return [...buffers];
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
