/**
 * The compare workspace's engine: loads the measure's subject maps (study data), has the compare
 * worker compute the contrast once, then answers every threshold change on the main thread from
 * the cached maps (a drag redraws within a frame) while the worker builds the cluster table and
 * ROI values. Panes subscribe to the display maps; the store gets the metadata.
 * One instance per app, made in main.tsx and handed down through context (renderer/context).
 */
import {
  displayCut, maskVoxels, meanWindow, resolveThreshold, roiMask, roiOutlineVolume, seedMask, sortRows, statRange, thresholdedDisplayMap, withDirection,
  type CompareDisplay, type CompareResponse, type ContrastMaps, type ResolvedThreshold, type Statistic,
} from '../../shared/compare';
import { atlasLike } from '../../shared/atlas';
import type { Grid } from '../../shared/spaces/types';
import { actions, compareSettings, shownMeasureId, type AppState, type AppStore } from '../store';
import { conditionsOf, type CompareState, type RoiResult } from '../store/compare';
import { ComparePermutation } from './comparePermutation';
import { CompareWorkerLink } from './compareWorkerLink';
import { loadGroupContrast, loadStudyContrast, type LoadedContrast, type StudyMaps } from './compareLoad';
import { applyFwe, fweClusterP } from '../../shared/compare/fweDisplay';
import type { VolumeCache } from './volumeCache';

type Listener = (d: CompareDisplay | null) => void;

export interface CompareClientDeps {
  store: AppStore;
  study: StudyMaps;
  volumes: Pick<VolumeCache, 'get' | 'atlas' | 'atlasFor'>;
  /** tests and other bundlers may start the worker themselves */
  createWorker?: () => Worker;
}

export class CompareClient {
  private readonly store: AppStore;
  private readonly link: CompareWorkerLink;
  private current: LoadedContrast | null = null;
  private display: CompareDisplay | null = null;
  private listeners = new Set<Listener>();
  private latestClusters = 0;
  private latestRoi = 0;
  private clusterTimer: ReturnType<typeof setTimeout> | null = null;
  private wanted: string | null = null;
  private roiMasks = new Map<string, { mask: Uint8Array; voxels: number }>();
  private version = 0;
  private buffers: { key: string; sets: { stat: Float32Array; below: Float32Array }[]; next: number } | null = null;
  private ranges = new WeakMap<ContrastMaps, Map<string, { min: number; max: number }>>();
  private unsub: (() => void) | null = null;
  /** how long the last display update took (ms), for tests and the status line */
  lastRedrawMs = 0;
  /** FWE (permutation) runs and their stored results */
  readonly permutation: ComparePermutation;

  constructor(private readonly deps: CompareClientDeps) {
    this.store = deps.store;
    this.permutation = new ComparePermutation(deps.store);
    this.link = new CompareWorkerLink(
      {
        onCrash: (message) => this.setCompare({ status: 'error', statusText: message }),
        onProgress: (done, total) => actions.setProgress(this.store, { label: 'Computing the contrast', fraction: done / total }),
        onOther: (m) => this.onMessage(m),
      },
      deps.createWorker,
    );
  }

  /** Runs (or re-selects) the FWE inference chosen in the store on the contrast shown. */
  async runPermutation(): Promise<void> {
    const cur = this.current;
    if (!cur || cur.group) return;
    const s = this.store.getState();
    const c = compareSettings(s);
    const [condA, condB] = conditionsOf(s);
    const [first, second] = c.direction === 'A-B' ? [condA, condB] : [condB, condA];
    const sides = { sided: c.threshold.sided, direction: c.direction, label: `${first} > ${second}` };
    const r = await this.permutation.start(cur.key, cur.grid.dims as [number, number, number], cur.base.dof, () => this.link.subjectMaps(cur.key), sides);
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

  /** The maps in the current direction (tests and the readout use them). */
  maps(): ContrastMaps | null {
    const cur = this.current;
    return cur ? this.directed(cur, compareSettings(this.store.getState()).direction) : null;
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
        if (this.store.getState().compare.subjects.length) this.setCompare({ subjects: [] });
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
    if (s.compare.clusterAtlasId !== prev.compare.clusterAtlasId) this.scheduleClusters();
  }

  private async load(key: string, s: AppState): Promise<void> {
    const c = compareSettings(s);
    this.setCompare({ status: 'loading', statusText: 'Loading subject maps…', clusters: [], roiResults: [], resolved: null, contrastKey: null });
    const status = (statusText: string) => this.setCompare({ status: 'computing', statusText });
    try {
      let cur: LoadedContrast;
      if (c.groupMap) {
        const layerId = c.groupMap.layerId;
        const layer = this.store.getState().scene.layers.find((l) => l.id === layerId);
        cur = await loadGroupContrast(this.link, key, this.deps.volumes.get(layerId), layer, c.groupMap.dof, status);
      } else cur = await loadStudyContrast(this.link, this.deps.study, key, s.study!, shownMeasureId(s)!, conditionsOf(s) as [string, string], status);
      if (this.wanted !== key) return;
      this.current = cur;
      this.roiMasks.clear();
      if (!this.link.atlasSent) this.sendAtlas();
      this.setCompare({ status: 'ready', statusText: '', contrastKey: key, dof: cur.base.dof, n: cur.base.n, subjects: cur.subjects });
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

  private sendAtlas(): void {
    const atlas = this.deps.volumes.atlas();
    if (!atlas) return;
    const like = atlasLike(atlas);
    this.link.post({ type: 'set-atlas', atlasId: 'aal', atlas: { grid: like.grid, data: like.data.slice(), names: like.names } });
    this.link.atlasSent = true;
  }

  /** The worker's id of the atlas that names clusters: the table's choice (sent once), else the bundled 'aal'. */
  private clusterAtlas(layerId: string | null): string | undefined {
    // A removed layer's atlas stays cached for undo, but the table goes back to AAL (as its select shows).
    const inScene = !!layerId && this.store.getState().scene.layers.some((l) => l.id === layerId);
    const chosen = inScene ? this.deps.volumes.atlasFor(layerId!) : null;
    if (layerId && chosen) {
      if (!this.link.sentAtlases.has(layerId)) {
        const like = atlasLike(chosen);
        this.link.post({ type: 'set-atlas', atlasId: layerId, atlas: { grid: like.grid, data: like.data.slice(), names: like.names } });
        this.link.sentAtlases.add(layerId);
      }
      return layerId;
    }
    return this.link.atlasSent ? 'aal' : undefined;
  }

  private onMessage(m: CompareResponse): void {
    switch (m.type) {
      case 'clusters-ready': {
        if (m.requestId !== this.latestClusters) return;
        const st = this.store.getState();
        const c = st.compare;
        const f = compareSettings(st).fwe;
        const th = compareSettings(st);
        const fwe = f.on ? this.permutation.resultFor(this.current?.key ?? null, f, { sided: th.threshold.sided, direction: th.direction }) : null;
        this.setCompare({
          clusters: sortRows(m.rows, compareSettings(st).clusterSort),
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
      case 'error':
        // A cluster or ROI request overtaken by a newer one (its contrast may be gone by now).
        if (m.requestId !== undefined && m.requestId !== this.latestClusters && m.requestId !== this.latestRoi) return;
        actions.reportError(this.store, 'Compare', m.message);
        return;
      default:
        return;
    }
  }

  private directed(cur: LoadedContrast, direction: 'A-B' | 'B-A'): ContrastMaps {
    let maps = cur.byDirection.get(direction);
    if (!maps) {
      maps = withDirection(cur.base, direction);
      cur.byDirection.set(direction, maps);
    }
    return maps;
  }

  /** Min and max of a statistic, once per contrast and statistic. */
  private rangeOf(maps: ContrastMaps, statistic: Statistic): { min: number; max: number } {
    let byStat = this.ranges.get(maps);
    if (!byStat) this.ranges.set(maps, (byStat = new Map()));
    let r = byStat.get(statistic);
    if (!r) byStat.set(statistic, (r = statRange(maps, statistic)));
    return r;
  }

  /** Threshold -> display maps on this thread (no t recomputation), then clusters in the worker. */
  redraw(): void {
    const cur = this.current;
    if (!cur) return;
    const start = performance.now();
    const s = this.store.getState();
    const c = compareSettings(s);
    const maps = this.directed(cur, c.direction);
    let resolved: ResolvedThreshold;
    try {
      resolved = resolveThreshold(c.threshold, maps, c.statistic, namesOf(s));
    } catch (e) {
      this.setCompare({ statusText: e instanceof Error ? e.message : String(e) });
      return;
    }
    // Two alternating sets of display buffers: a drag allocates nothing (fresh multi-MB arrays
    // cost page faults and GC), and each publish still hands the panes a new array to notice.
    const bufs = this.displayBuffers(cur, maps.t.length);
    const stat = thresholdedDisplayMap(maps, c.statistic, resolved, false, bufs.stat);
    // FWE mode: the uncorrected map at the cluster-forming p, cut to the voxels whose stored FWE p passes.
    const fwe = c.fwe.on ? this.permutation.resultFor(cur.key, c.fwe, { sided: c.threshold.sided, direction: c.direction }) : null;
    if (fwe) resolved = applyFwe(stat, fwe, c.fwe.alpha, resolved, this.permutation.caption(fwe, c.fwe.alpha));
    const below = c.dualCoding ? thresholdedDisplayMap(maps, c.statistic, resolved, true, bufs.below) : null;
    const { min, max } = this.rangeOf(maps, c.statistic);
    const same = this.display?.key === cur.key;
    this.publish({
      key: cur.key,
      grid: cur.grid,
      meanA: cur.group ? null : c.direction === 'A-B' ? cur.base.meanA : cur.base.meanB,
      meanB: cur.group ? null : c.direction === 'A-B' ? cur.base.meanB : cur.base.meanA,
      meanRange: same ? this.display!.meanRange : meanWindow(cur.base),
      stat,
      below,
      statMax: Math.max(Math.abs(min), Math.abs(max)) || 1,
      cut: displayCut(resolved, c.statistic, stat),
      roiLabels: same ? this.display!.roiLabels : null,
      // Before a run the bar says the map is not FWE-corrected yet, so no figure passes for corrected.
      inference: fwe ? this.permutation.caption(fwe, c.fwe.alpha) : c.fwe.on ? `FWE (${c.fwe.method}) not run yet, uncorrected only` : null,
      version: ++this.version,
    });
    this.lastRedrawMs = performance.now() - start;
    this.setCompare({
      resolved,
      statRange: { min, max },
      redrawMs: Math.round(this.lastRedrawMs * 10) / 10,
      perm: { ...s.compare.perm, resultKey: fwe?.key ?? null, caption: fwe ? this.permutation.caption(fwe, c.fwe.alpha) : null },
    });
    this.scheduleClusters();
  }

  private displayBuffers(cur: LoadedContrast, n: number): { stat: Float32Array; below: Float32Array } {
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
      const requestId = this.link.requestId();
      this.latestClusters = requestId;
      this.link.post({
        type: 'clusters',
        requestId,
        measureId: cur.key,
        statistic: c.statistic,
        direction: c.direction,
        threshold: c.threshold,
        grid: cur.grid,
        connectivity: 26,
        atlasId: this.clusterAtlas(s.compare.clusterAtlasId),
        names: namesOf(s),
      });
    }, 16);
  }

  private async updateRois(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    const c = compareSettings(this.store.getState());
    const atlas = this.deps.volumes.atlas();
    const maskImage = (id: string) => this.deps.volumes.get(id)?.image;
    const rois: { roi: string; mask: Uint8Array }[] = [];
    for (const r of c.rois) {
      let m = this.roiMasks.get(r.id);
      if (!m) {
        const mask = roiMask(r.source, cur.grid, atlas, maskImage, (id) => this.deps.volumes.atlasFor(id));
        if (!mask) continue;
        m = { mask, voxels: maskVoxels(mask) };
        this.roiMasks.set(r.id, m);
      }
      rois.push({ roi: r.id, mask: m.mask.slice() });
    }
    const labels = roiOutlineVolume(cur.grid, c.rois.map((r) => this.roiMasks.get(r.id)?.mask ?? null), seedMask(cur.measure, cur.grid, atlas));
    if (this.display && this.display.key === cur.key) this.publish({ ...this.display, roiLabels: labels, version: ++this.version });
    if (rois.length === 0) {
      this.setCompare({ roiResults: [] });
      return;
    }
    const requestId = this.link.requestId();
    this.latestRoi = requestId;
    this.link.post({ type: 'roi', requestId, measureId: cur.key, direction: c.direction, rois }, rois.map((r) => r.mask.buffer as ArrayBuffer));
  }

  private publish(d: CompareDisplay | null): void {
    this.display = d;
    for (const fn of this.listeners) fn(d);
  }
}

function namesOf(s: AppState): { a?: string; b?: string } {
  const [a, b] = conditionsOf(s);
  return { a: a ?? undefined, b: b ?? undefined };
}
