// The compare worker's logic, free of any worker API so it runs in tests and in Node:
// the renderer's worker file only wires onmessage/postMessage to handleCompareRequest.

import type { AtlasLike } from '../clusters';
import { clusterTable } from './clusterTable';
import { computeContrast, contrastFromGroupMap, withDirection } from './contrast';
import type { CompareRequest, PostCompare, RoiReadyMessage } from './protocol';
import { roiGroupMapValues, roiSubjectValues, roiSummary } from './roiValues';
import { resolveThreshold } from './threshold';
import { signFlipP } from '../stats/permutation/roi';
import type { ContrastMaps, Direction } from './types';

interface CachedMeasure {
  /** maps in the A - B direction */
  base: ContrastMaps;
  byDirection: Map<Direction, ContrastMaps>;
  /** the subject maps, kept for ROI values (absent for group maps) */
  a?: Float32Array[];
  b?: Float32Array[];
}

export interface CompareHandler {
  handle(request: CompareRequest, post: PostCompare): void;
  /** how many times a contrast was actually computed (tests check the cache with it) */
  readonly counts: { contrastsComputed: number };
  cached(measureId: string): ContrastMaps | undefined;
}

export function createCompareHandler(): CompareHandler {
  const measures = new Map<string, CachedMeasure>();
  const atlases = new Map<string, AtlasLike>();
  const counts = { contrastsComputed: 0 };

  function measure(measureId: string): CachedMeasure {
    const m = measures.get(measureId);
    if (!m) throw Object.assign(new Error(`the contrast of "${measureId}" has not been computed yet`), { userFacing: true });
    return m;
  }

  function directed(m: CachedMeasure, direction: Direction): ContrastMaps {
    let maps = m.byDirection.get(direction);
    if (!maps) {
      maps = withDirection(m.base, direction);
      m.byDirection.set(direction, maps);
    }
    return maps;
  }

  /**
   * Keeps this contrast only: memory follows what is shown (each contrast holds every subject map).
   * The dropped contrast's subject maps go back to the page for reuse.
   */
  function store(measureId: string, base: ContrastMaps, post: PostCompare, a?: Float32Array[], b?: Float32Array[]): void {
    forget(undefined, post, false);
    measures.set(measureId, { base, byDirection: new Map([['A-B', base]]), a, b });
    const { maps, transfer } = copyForTransfer(base);
    post({ type: 'contrast-ready', measureId, maps }, transfer);
  }

  /** Drops one contrast (or all) and hands their subject maps back; `always` answers even with none. */
  function forget(measureId: string | undefined, post: PostCompare, always: boolean): void {
    const released = new Set<ArrayBuffer>();
    for (const [id, old] of [...measures]) {
      if (measureId !== undefined && id !== measureId) continue;
      for (const m of [...(old.a ?? []), ...(old.b ?? [])]) if (m.buffer.byteLength > 0) released.add(m.buffer as ArrayBuffer);
      measures.delete(id);
    }
    if (released.size || always) post({ type: 'released', buffers: [...released] }, [...released]);
  }

  function handle(req: CompareRequest, post: PostCompare): void {
    const requestId = 'requestId' in req ? req.requestId : undefined;
    const measureId = 'measureId' in req ? req.measureId : undefined;
    try {
      switch (req.type) {
        case 'compute-contrast': {
          let last = -1;
          post({ type: 'progress', measureId: req.measureId, done: 0, total: 100 });
          const base = computeContrast({
            a: req.a,
            b: req.b,
            design: req.design,
            mask: req.mask,
            onProgress: (done, total) => {
              if (done === last || done === 0) return;
              last = done;
              post({ type: 'progress', measureId: req.measureId, done, total });
            },
          });
          counts.contrastsComputed++;
          store(req.measureId, base, post, req.a, req.b);
          return;
        }
        case 'group-map': {
          post({ type: 'progress', measureId: req.measureId, done: 0, total: 100 });
          const base = contrastFromGroupMap({ t: req.t, dof: req.dof, mask: req.mask });
          counts.contrastsComputed++;
          post({ type: 'progress', measureId: req.measureId, done: 100, total: 100 });
          store(req.measureId, base, post);
          return;
        }
        case 'threshold': {
          const maps = directed(measure(req.measureId), req.direction);
          post({ type: 'threshold-ready', requestId: req.requestId, measureId: req.measureId, resolved: resolveThreshold(req.threshold, maps, req.statistic, req.names) });
          return;
        }
        case 'clusters': {
          const start = now();
          const maps = directed(measure(req.measureId), req.direction);
          const atlas = req.atlasId === undefined ? undefined : atlases.get(req.atlasId);
          if (req.atlasId !== undefined && !atlas) throw Object.assign(new Error(`atlas "${req.atlasId}" was not sent to the compare worker`), { userFacing: false });
          const resolved = resolveThreshold(req.threshold, maps, req.statistic, req.names);
          const table = clusterTable(maps, req.statistic, resolved, { grid: req.grid, connectivity: req.connectivity, atlas });
          post(
            { type: 'clusters-ready', requestId: req.requestId, measureId: req.measureId, resolved, rows: table.rows, labels: table.labels, elapsedMs: now() - start },
            [table.labels.buffer as ArrayBuffer],
          );
          return;
        }
        case 'roi': {
          const m = measure(req.measureId);
          const results: RoiReadyMessage['results'] = req.rois.map(({ roi, mask }) => {
            if (!m.a || !m.b) {
              const [group] = roiGroupMapValues(directed(m, req.direction).t, [{ roi, mask }]);
              return { roi, a: [], b: [], summary: null, group: { mean: group.mean, sd: group.sd, n: group.n } };
            }
            const { a, b } = roiSubjectValues(m.a, m.b, mask);
            const [first, second] = req.direction === 'A-B' ? [a, b] : [b, a];
            // Paired: the exact sign-flip p of the ROI's mean difference (all 2^n flips up to 20 subjects).
            const signFlip = m.base.design === 'paired' && first.length > 0 ? signFlipP(first.map((x, i) => x - second[i])) : null;
            return { roi, a, b, summary: roiSummary(first, second, m.base.design), group: null, signFlip };
          });
          post({ type: 'roi-ready', requestId: req.requestId, measureId: req.measureId, results });
          return;
        }
        case 'subject-maps': {
          const m = measure(req.measureId);
          if (!m.a || !m.b) throw Object.assign(new Error('a group map has no subject maps to permute'), { userFacing: true });
          const a = m.a.map((x) => x.slice());
          const b = m.b.map((x) => x.slice());
          post({ type: 'subject-maps', requestId: req.requestId, measureId: req.measureId, a, b, design: m.base.design }, [...a, ...b].map((x) => x.buffer as ArrayBuffer));
          return;
        }
        case 'set-atlas':
          atlases.set(req.atlasId, req.atlas);
          return;
        case 'forget':
          forget(req.measureId, post, true);
          return;
      }
    } catch (err) {
      const e = err as { message?: string; userFacing?: boolean };
      post({ type: 'error', requestId, measureId, message: e?.message ?? String(err), userFacing: e?.userFacing === true });
    }
  }

  return { handle, counts, cached: (id) => measures.get(id)?.base };
}

const defaultHandler = createCompareHandler();

/** The worker's entry point: `onmessage = (e) => handleCompareRequest(e.data, (m, t) => postMessage(m, t ?? []))`. */
export function handleCompareRequest(request: CompareRequest, post: PostCompare): void {
  defaultHandler.handle(request, post);
}

/** Copies of every map, so the worker keeps its cache while the UI owns what it receives. */
export function copyForTransfer(maps: ContrastMaps): { maps: ContrastMaps; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const copy = (x: Float32Array) => {
    const c = x.slice();
    transfer.push(c.buffer as ArrayBuffer);
    return c;
  };
  return {
    maps: {
      ...maps,
      meanA: copy(maps.meanA),
      meanB: copy(maps.meanB),
      sdA: copy(maps.sdA),
      sdB: copy(maps.sdB),
      diff: copy(maps.diff),
      t: copy(maps.t),
      dz: copy(maps.dz),
      pctChange: copy(maps.pctChange),
      p: copy(maps.p),
      q: copy(maps.q),
      dofMap: maps.dofMap ? copy(maps.dofMap) : undefined,
    },
    transfer,
  };
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
