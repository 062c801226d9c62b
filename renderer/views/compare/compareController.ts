/**
 * Runs the compare workspace's data: loads the measure's subject maps (study engine), has the
 * compare worker compute the contrast once, then answers every threshold change on the main
 * thread from the cached maps (a drag redraws within a frame) while the worker builds the
 * cluster table and ROI values. Panes subscribe to the display maps; the store gets metadata.
 */
import { BufferPool } from '../../workers/bufferPool';
import { resolveThreshold, sortRows, thresholdedDisplayMap, withDirection, statMap, type CompareRequest, type CompareResponse, type ContrastMaps, type ResolvedThreshold, type Statistic } from '../../../shared/compare';
import { atlasLike, maskFromLabels, maskFromPreset, resolvePreset, sphereMask, maskFromImage, type Atlas } from '../../../shared/atlas';
import { frameOf } from '../../../shared/nifti';
import type { Grid } from '../../../shared/spaces/types';
import type { Measure, Study } from '../../../shared/study';
import { actions, type AppState, type AppStore } from '../../store';
import { conditionsOf, type CompareState, type RoiDef, type RoiResult } from '../../store/compare';
import { volumeCache } from '../../engine/volumeCache';
import { loadMeasure, studyBrainMask } from '../../engine/studyData';
import { ComparePermutation, type SubjectMaps } from '../../engine/comparePermutation';
import { applyFwe, fweClusterP } from './fweDisplay';
import { compareSettings, shownMeasureId } from '../../store/selectors';

/** What the panes draw; replaced (new object) whenever any map changes. */
export interface CompareDisplay {
  key: string;
  grid: Grid;
  meanA: Float32Array | null;
  meanB: Float32Array | null;
  /** shared window of the two condition means */
  meanRange: { min: number; max: number; signed: boolean };
  /** the thresholded statistic (0 below threshold) */
  stat: Float32Array;
  /** dual coding: every tested voxel's statistic, drawn translucent under `stat`; else null */
  below: Float32Array | null;
  statMax: number;
  /** |cut| on the displayed statistic for the colour ramp (Infinity when nothing survives) */
  cut: number;
  /** ROI outlines (label k = ROI k, SEED_LABEL = the RSFC seed) */
  roiLabels: Float32Array | null;
  /** the FWE inference the stat map is cut by (the caption helper's words), or null */
  inference: string | null;
  version: number;
}

export const SEED_LABEL = 90;

type Listener = (d: CompareDisplay | null) => void;

interface Current {
  key: string;
  base: ContrastMaps;
  byDirection: Map<string, ContrastMaps>;
  grid: Grid;
  subjects: string[];
  measure: Measure | null;
  group: boolean;
}

export class CompareController {
  private worker: Worker | null = null;
  private current: Current | null = null;
  private display: CompareDisplay | null = null;
  private listeners = new Set<Listener>();
  private nextRequest = 1;
  private latestClusters = 0;
  private latestRoi = 0;
  private clusterTimer: ReturnType<typeof setTimeout> | null = null;
  private atlasSent = false;
  /** Subject-map buffers the worker handed back, for the next contrast's copies. */
  private released = new BufferPool();
  private onReleased: (() => void) | null = null;
  private pending: { key: string; resolve: (m: ContrastMaps) => void; reject: (e: Error) => void } | null = null;
  private wanted: string | null = null;
  private roiMasks = new Map<string, { mask: Uint8Array; voxels: number }>();
  private version = 0;
  private buffers: { key: string; sets: { stat: Float32Array; below: Float32Array }[]; next: number } | null = null;
  private unsub: (() => void) | null = null;
  /** how long the last display update took (ms), for tests and the status line */
  lastRedrawMs = 0;
  /** FWE (permutation) runs and their stored results */
  readonly permutation: ComparePermutation;
  private subjectWaiters = new Map<number, { resolve: (m: SubjectMaps) => void; reject: (e: Error) => void }>();

  constructor(private readonly store: AppStore) {
    this.permutation = new ComparePermutation(store);
  }

  /** Runs (or re-selects) the FWE inference chosen in the store on the contrast shown. */
  async runPermutation(): Promise<void> {
    const cur = this.current;
    if (!cur || cur.group) return;
    const requestId = this.nextRequest++;
    const maps = () =>
      new Promise<SubjectMaps>((resolve, reject) => {
        this.subjectWaiters.set(requestId, { resolve, reject });
        this.post({ type: 'subject-maps', requestId, measureId: cur.key });
      });
    const r = await this.permutation.start(cur.key, cur.grid.dims as [number, number, number], cur.base.dof, maps);
    if (r && this.current?.key === cur.key) this.redraw();
  }

  start(): void {
    if (this.unsub) return;
    this.unsub = this.store.subscribe((s, prev) => this.onState(s, prev));
    this.onState(this.store.getState(), null);
  }

  stop(): void {
    this.unsub?.();
    this.unsub = null;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    fn(this.display);
    return () => this.listeners.delete(fn);
  }

  get grid(): Grid | null {
    return this.current?.grid ?? null;
  }

  get subjects(): string[] {
    return this.current?.subjects ?? [];
  }

  /** The maps in the current direction (tests and the readout use them). */
  maps(): ContrastMaps | null {
    const cur = this.current;
    return cur ? this.directed(cur, compareSettings(this.store.getState()).direction) : null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('../../workers/compare.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<CompareResponse>) => this.onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      this.setCompare({ status: 'error', statusText: `the compare worker stopped (${e.message || 'out of memory?'})` });
      this.pending?.reject(new Error('the compare worker stopped'));
      this.pending = null;
      this.onReleased?.();
      this.onReleased = null;
      w.terminate();
      this.worker = null;
      this.atlasSent = false;
    };
    this.worker = w;
    return w;
  }

  private post(req: CompareRequest, transfer: Transferable[] = []): void {
    this.ensureWorker().postMessage(req, transfer);
  }

  private setCompare(patch: Partial<CompareState>): void {
    const c = this.store.getState().compare;
    this.store.setState({ compare: { ...c, ...patch } });
  }

  /** Which maps the state asks for: a study measure (with its two conditions) or a group map. */
  private wantedKey(s: AppState): string | null {
    const c = compareSettings(s);
    if (c.groupMap) return `group:${c.groupMap.layerId}:${c.groupMap.dof}`;
    const study = s.study;
    if (!study || !shownMeasureId(s)) return null;
    const m = study.measures.find((x) => x.id === shownMeasureId(s));
    if (!m || m.kind === 'connectivity-matrix') return null;
    const [a, b] = conditionsOf(s);
    if (!a || !b) return null;
    return `${m.id}|${a}|${b}`;
  }

  private onState(s: AppState, prev: AppState | null): void {
    const key = this.wantedKey(s);
    if (key !== this.wanted) {
      this.wanted = key;
      if (key) void this.load(key, s);
      else {
        this.current = null;
        this.publish(null);
      }
      return;
    }
    if (!this.current || !prev) return;
    const c = compareSettings(s);
    const p = compareSettings(prev);
    const thresholdChanged = c.fwe !== p.fwe || c.threshold !== p.threshold || c.statistic !== p.statistic || c.direction !== p.direction || c.dualCoding !== p.dualCoding;
    if (thresholdChanged) this.redraw();
    if (c.rois !== p.rois || c.direction !== p.direction) void this.updateRois();
    if (c.clusterSort !== p.clusterSort) this.setCompare({ clusters: sortRows(s.compare.clusters, c.clusterSort) });
  }

  private async load(key: string, s: AppState): Promise<void> {
    const c = compareSettings(s);
    this.setCompare({ status: 'loading', statusText: 'Loading subject maps…', clusters: [], roiResults: [], resolved: null, contrastKey: null });
    try {
      let cur: Current;
      if (c.groupMap) cur = await this.loadGroup(key, c.groupMap.layerId, c.groupMap.dof);
      else cur = await this.loadStudy(key, s.study!, shownMeasureId(s)!, conditionsOf(s) as [string, string]);
      if (this.wanted !== key) return;
      this.current = cur;
      this.roiMasks.clear();
      if (!this.atlasSent) this.sendAtlas();
      this.setCompare({ status: 'ready', statusText: '', contrastKey: key, dof: cur.base.dof, n: cur.base.n });
      this.redraw();
      void this.updateRois();
    } catch (e) {
      if (this.wanted !== key) return;
      this.setCompare({ status: 'error', statusText: e instanceof Error ? e.message : String(e) });
      actions.reportError(this.store, 'Compare', e instanceof Error ? e.message : String(e));
    } finally {
      actions.setProgress(this.store, null);
    }
  }

  private async loadStudy(key: string, study: Study, measureId: string, [condA, condB]: [string, string]): Promise<Current> {
    const measure = study.measures.find((m) => m.id === measureId)!;
    // The loader shows its own progress bar when a load outlasts a second.
    const data = await loadMeasure(measureId);
    const mapsA = data.maps[condA] ?? [];
    const mapsB = data.maps[condB] ?? [];
    const a: Float32Array[] = [];
    const b: Float32Array[] = [];
    const subjects: string[] = [];
    if (study.design === 'paired') {
      data.subjects.forEach((subj, i) => {
        const x = mapsA[i];
        const y = mapsB[i];
        if (x && y) {
          a.push(x);
          b.push(y);
          subjects.push(subj);
        }
      });
    } else {
      for (const x of mapsA) if (x) a.push(x);
      for (const y of mapsB) if (y) b.push(y);
    }
    if (a.length < 2 || b.length < 2) throw new Error(`${measure.label}: fewer than two subjects have maps for both ${condA} and ${condB}`);
    // A map whose buffer went back to the readers (another measure started loading) reads as empty.
    const nVox = data.grid.dims[0] * data.grid.dims[1] * data.grid.dims[2];
    if ([...a, ...b].some((m) => m.length !== nVox)) throw new Error(`${measure.label}: its maps were unloaded while the contrast was being prepared; choose the measure again`);
    const mask = studyBrainMask(data.grid);
    await this.releaseContrast();
    this.setCompare({ status: 'computing', statusText: `Computing ${condA} − ${condB} over ${a.length} subjects…` });
    // The worker keeps the maps it is given for ROI values: send copies so the study cache stays
    // intact, written into the memory of the maps the worker released (fresh memory is slow to fill).
    const copy = (x: Float32Array) => {
      const c = new Float32Array(this.released.take(x.byteLength), 0, x.length);
      c.set(x);
      return c;
    };
    const ca = a.map(copy);
    const cb = b.map(copy);
    this.released.trim(0);
    const maskCopy = mask ? mask.slice() : undefined;
    const base = await this.compute(key, () =>
      this.post({ type: 'compute-contrast', measureId: key, a: ca, b: cb, mask: maskCopy, design: study.design }, [...ca, ...cb].map((x) => x.buffer as ArrayBuffer)),
    );
    return { key, base, byDirection: new Map([['A-B', base]]), grid: data.grid, subjects, measure, group: false };
  }

  private async loadGroup(key: string, layerId: string, dof: number): Promise<Current> {
    const cached = volumeCache.get(layerId);
    const layer = this.store.getState().scene.layers.find((l) => l.id === layerId);
    if (!cached || !layer) throw new Error('the group map is no longer open');
    const t = frameOf(cached.image, Math.min(layer.frame, cached.image.nFrames - 1)).slice();
    this.setCompare({ status: 'computing', statusText: `Reading ${layer.name} as a t map with ${dof} degrees of freedom…` });
    const base = await this.compute(key, () => this.post({ type: 'group-map', measureId: key, t, dof }, [t.buffer as ArrayBuffer]));
    return { key, base, byDirection: new Map([['A-B', base]]), grid: cached.image.grid, subjects: [], measure: null, group: true };
  }

  /**
   * The worker drops the contrast it holds (each holds every subject map) and hands their buffers
   * back before the next one is copied: memory follows what is shown.
   */
  private releaseContrast(): Promise<void> {
    if (!this.worker) return Promise.resolve();
    return new Promise((resolve) => {
      const prev = this.onReleased;
      this.onReleased = () => {
        prev?.();
        resolve();
      };
      this.post({ type: 'forget' });
    });
  }

  private compute(key: string, send: () => void): Promise<ContrastMaps> {
    return new Promise((resolve, reject) => {
      this.pending?.reject(new Error('superseded'));
      this.pending = { key, resolve, reject };
      send();
    });
  }

  private sendAtlas(): void {
    const atlas = volumeCache.atlas();
    if (!atlas) return;
    const like = atlasLike(atlas);
    this.post({ type: 'set-atlas', atlasId: 'aal', atlas: { grid: like.grid, data: like.data.slice(), names: like.names } });
    this.atlasSent = true;
  }

  private onMessage(m: CompareResponse): void {
    switch (m.type) {
      case 'progress':
        if (this.pending?.key === m.measureId) actions.setProgress(this.store, { label: 'Computing the contrast', fraction: m.done / m.total });
        return;
      case 'subject-maps': {
        const w = this.subjectWaiters.get(m.requestId);
        this.subjectWaiters.delete(m.requestId);
        w?.resolve({ a: m.a, b: m.b, design: m.design });
        return;
      }
      case 'contrast-ready':
        if (this.pending?.key === m.measureId) {
          this.pending.resolve(m.maps);
          this.pending = null;
        }
        return;
      case 'clusters-ready': {
        if (m.requestId !== this.latestClusters) return;
        const c = this.store.getState().compare;
        const settings = compareSettings(this.store.getState());
        const fwe = settings.fwe.on ? this.permutation.resultFor(this.current?.key ?? null, settings.fwe) : null;
        this.setCompare({
          clusters: sortRows(m.rows, settings.clusterSort),
          clustersMs: Math.round(m.elapsedMs),
          clustersFor: m.resolved.spec,
          resolved: fwe ? { ...m.resolved, description: c.resolved?.description ?? m.resolved.description } : m.resolved,
          perm: { ...c.perm, clusterP: fwe ? fweClusterP(m.labels, fwe.p, m.rows) : {} },
        });
        return;
      }
      case 'roi-ready': {
        if (m.requestId !== this.latestRoi) return;
        const results: RoiResult[] = m.results.map((r) => ({ ...r, voxels: this.roiMasks.get(r.roi)?.voxels ?? 0 }));
        this.setCompare({ roiResults: results });
        return;
      }
      case 'released':
        // Kept only when a copy is about to use them; otherwise they go to the garbage collector.
        if (!this.onReleased) return;
        for (const b of m.buffers) this.released.give(b);
        this.onReleased();
        this.onReleased = null;
        return;
      case 'error':
        if (this.pending && (m.measureId === this.pending.key || m.requestId === undefined)) {
          this.pending.reject(new Error(m.message));
          this.pending = null;
          return;
        }
        // A cluster or ROI request overtaken by a newer one (its contrast may be gone by now).
        if (m.requestId !== undefined && this.subjectWaiters.has(m.requestId)) {
          this.subjectWaiters.get(m.requestId)!.reject(new Error(m.message));
          this.subjectWaiters.delete(m.requestId);
          return;
        }
        if (m.requestId !== undefined && m.requestId !== this.latestClusters && m.requestId !== this.latestRoi) return;
        actions.reportError(this.store, 'Compare', m.message);
        return;
      default:
        return;
    }
  }

  private directed(cur: Current, direction: 'A-B' | 'B-A'): ContrastMaps {
    let maps = cur.byDirection.get(direction);
    if (!maps) {
      maps = withDirection(cur.base, direction);
      cur.byDirection.set(direction, maps);
    }
    return maps;
  }

  /** Threshold -> display maps on this thread (no t recomputation), then clusters in the worker. */
  redraw(): void {
    const cur = this.current;
    if (!cur) return;
    const start = performance.now();
    const s = this.store.getState();
    const c = compareSettings(s);
    const results = s.compare;
    const maps = this.directed(cur, c.direction);
    const names = namesOf(s);
    let resolved: ResolvedThreshold;
    try {
      resolved = resolveThreshold(c.threshold, maps, c.statistic, names);
    } catch (e) {
      this.setCompare({ statusText: e instanceof Error ? e.message : String(e) });
      return;
    }
    // Two alternating sets of display buffers: a drag allocates nothing (fresh multi-MB arrays
    // cost page faults and GC), and each publish still hands the panes a new array to notice.
    const bufs = this.displayBuffers(cur, maps.t.length);
    const stat = thresholdedDisplayMap(maps, c.statistic, resolved, false, bufs.stat);
    // FWE mode: the uncorrected map at the cluster-forming p, cut to the voxels whose stored FWE p passes.
    const fwe = c.fwe.on ? this.permutation.resultFor(cur.key, c.fwe) : null;
    if (fwe) resolved = applyFwe(stat, fwe, c.fwe.alpha, resolved, this.permutation.caption(fwe, c.fwe.alpha));
    const below = c.dualCoding ? thresholdedDisplayMap(maps, c.statistic, resolved, true, bufs.below) : null;
    const { min, max } = rangeOf(maps, c.statistic);
    const statMax = Math.max(Math.abs(min), Math.abs(max)) || 1;
    const cut = displayCut(resolved, maps, c.statistic, stat);
    const roiLabels = this.display?.key === cur.key ? this.display.roiLabels : null;
    this.publish({
      key: cur.key,
      grid: cur.grid,
      meanA: cur.group ? null : c.direction === 'A-B' ? cur.base.meanA : cur.base.meanB,
      meanB: cur.group ? null : c.direction === 'A-B' ? cur.base.meanB : cur.base.meanA,
      meanRange: this.display?.key === cur.key ? this.display.meanRange : meanRange(cur.base),
      stat,
      below,
      statMax,
      cut,
      roiLabels,
      // Before a run the bar says the map is not FWE-corrected yet, so no figure passes for corrected.
      inference: fwe ? this.permutation.caption(fwe, c.fwe.alpha) : c.fwe.on ? `FWE (${c.fwe.method}) not run yet, uncorrected only` : null,
      version: ++this.version,
    });
    this.lastRedrawMs = performance.now() - start;
    this.setCompare({
      resolved,
      statRange: { min, max },
      redrawMs: Math.round(this.lastRedrawMs * 10) / 10,
      perm: { ...results.perm, resultKey: fwe?.key ?? null, caption: fwe ? this.permutation.caption(fwe, c.fwe.alpha) : null },
    });
    this.scheduleClusters();
  }

  private displayBuffers(cur: Current, n: number): { stat: Float32Array; below: Float32Array } {
    if (this.buffers?.key !== cur.key || this.buffers.sets[0].stat.length !== n) {
      const set = () => ({ stat: new Float32Array(n), below: new Float32Array(n) });
      this.buffers = { key: cur.key, sets: [set(), set()], next: 0 };
    }
    const b = this.buffers;
    b.next ^= 1;
    return b.sets[b.next];
  }

  private scheduleClusters(): void {
    if (this.clusterTimer) clearTimeout(this.clusterTimer);
    // Coalesce a drag: the table follows the last position, not every pixel of it.
    this.clusterTimer = setTimeout(() => {
      this.clusterTimer = null;
      const cur = this.current;
      if (!cur) return;
      const s = this.store.getState();
      const c = compareSettings(s);
      const requestId = this.nextRequest++;
      this.latestClusters = requestId;
      this.post({
        type: 'clusters',
        requestId,
        measureId: cur.key,
        statistic: c.statistic,
        direction: c.direction,
        threshold: c.threshold,
        grid: cur.grid,
        connectivity: 26,
        atlasId: this.atlasSent ? 'aal' : undefined,
        names: namesOf(s),
      });
    }, 16);
  }

  private roiMask(roi: RoiDef, grid: Grid, atlas: Atlas | null): Uint8Array | null {
    const src = roi.source;
    if (src.type === 'sphere') return sphereMask(grid, src.centerMm, src.radiusMm);
    if (src.type === 'mask') {
      const v = volumeCache.get(src.layerId);
      return v ? maskFromImage(v.image, grid) : null;
    }
    if (!atlas) return null;
    if (src.type === 'label') return maskFromLabels(atlas, [src.index], grid);
    const r = resolvePreset(atlas, src.preset);
    return r ? maskFromPreset(atlas, r, grid) : null;
  }

  private async updateRois(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    const s = this.store.getState();
    const atlas = volumeCache.atlas();
    const rois: { roi: string; mask: Uint8Array }[] = [];
    for (const r of compareSettings(s).rois) {
      let m = this.roiMasks.get(r.id);
      if (!m) {
        const mask = this.roiMask(r, cur.grid, atlas);
        if (!mask) continue;
        let voxels = 0;
        for (let i = 0; i < mask.length; i++) voxels += mask[i];
        m = { mask, voxels };
        this.roiMasks.set(r.id, m);
      }
      rois.push({ roi: r.id, mask: m.mask.slice() });
    }
    this.updateRoiOutlines(cur, compareSettings(s).rois, atlas);
    if (rois.length === 0) {
      this.setCompare({ roiResults: [] });
      return;
    }
    const requestId = this.nextRequest++;
    this.latestRoi = requestId;
    this.post({ type: 'roi', requestId, measureId: cur.key, direction: compareSettings(s).direction, rois }, rois.map((r) => r.mask.buffer as ArrayBuffer));
  }

  /** One label volume with every ROI (k = its position + 1) and the RSFC seed. */
  private updateRoiOutlines(cur: Current, rois: RoiDef[], atlas: Atlas | null): void {
    const [nx, ny, nz] = cur.grid.dims;
    const labels = new Float32Array(nx * ny * nz);
    let any = false;
    rois.forEach((r, k) => {
      const m = this.roiMasks.get(r.id);
      if (!m) return;
      for (let i = 0; i < labels.length; i++) if (m.mask[i]) labels[i] = k + 1;
      any = true;
    });
    const seed = seedMask(cur.measure, cur.grid, atlas);
    if (seed) {
      for (let i = 0; i < labels.length; i++) if (seed[i]) labels[i] = SEED_LABEL;
      any = true;
    }
    if (!this.display || this.display.key !== cur.key) return;
    this.publish({ ...this.display, roiLabels: any ? labels : null, version: ++this.version });
  }

  private publish(d: CompareDisplay | null): void {
    this.display = d;
    for (const fn of this.listeners) fn(d);
  }
}

const ranges = new WeakMap<ContrastMaps, Map<string, { min: number; max: number }>>();

/** Min and max of a statistic over the whole map (NaN ignored), once per contrast and statistic. */
function rangeOf(maps: ContrastMaps, statistic: Statistic): { min: number; max: number } {
  let byStat = ranges.get(maps);
  if (!byStat) ranges.set(maps, (byStat = new Map()));
  let r = byStat.get(statistic);
  if (!r) {
    const values = statMap(maps, statistic);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    r = { min, max };
    byStat.set(statistic, r);
  }
  return r;
}

/** The RSFC seed region as a mask on the measure grid: its atlas labels, else a 6 mm sphere at its centre. */
export function seedMask(measure: Measure | null, grid: Grid, atlas: Atlas | null): Uint8Array | null {
  if (!measure || measure.kind !== 'rsfc-seed') return null;
  if (atlas && measure.seedLabels?.length) {
    const idx: number[] = [];
    for (const e of atlas.table.entries.values()) if (measure.seedLabels.includes(e.name)) idx.push(e.index);
    if (idx.length) return maskFromLabels(atlas, idx, grid);
  }
  if (measure.seedMm) return sphereMask(grid, measure.seedMm, 6);
  return null;
}


function namesOf(s: AppState): { a?: string; b?: string } {
  const [a, b] = conditionsOf(s);
  return { a: a ?? undefined, b: b ?? undefined };
}

/** Window of the two condition means: 2nd..98th percentile of tested voxels, symmetric when they change sign. */
function meanRange(maps: ContrastMaps): { min: number; max: number; signed: boolean } {
  const vals: number[] = [];
  const step = Math.max(1, Math.floor(maps.meanA.length / 200000));
  for (let i = 0; i < maps.meanA.length; i += step) {
    if (maps.t[i] !== maps.t[i]) continue;
    const a = maps.meanA[i];
    const b = maps.meanB[i];
    if (Number.isFinite(a)) vals.push(a);
    if (Number.isFinite(b)) vals.push(b);
  }
  if (vals.length === 0) return { min: 0, max: 1, signed: false };
  vals.sort((x, y) => x - y);
  const lo = vals[Math.floor(0.02 * (vals.length - 1))];
  const hi = vals[Math.floor(0.98 * (vals.length - 1))];
  if (lo < 0 && hi > 0) {
    const m = Math.max(-lo, hi);
    return { min: -m, max: m, signed: true };
  }
  return { min: lo, max: hi, signed: false };
}

/** The colour ramp starts at the weakest displayed value that passes (for p/q: the statistic at the t cut). */
function displayCut(resolved: ResolvedThreshold, maps: ContrastMaps, statistic: string, stat: Float32Array): number {
  if (resolved.empty) return Infinity;
  if (resolved.on === 't' && (statistic === 'paired-t' || statistic === 'welch-t')) return resolved.statCutoff;
  if (resolved.on === 'statistic') return resolved.statCutoff;
  let best = Infinity;
  for (let i = 0; i < stat.length; i++) {
    const a = Math.abs(stat[i]);
    if (a > 0 && a < best) best = a;
  }
  void maps;
  return best;
}
