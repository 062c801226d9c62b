/**
 * A small pool of map readers (Web Workers running shared/nifti), so a study's subject maps are
 * inflated and parsed on every core at once. Bytes go in and voxel buffers come back transferred.
 */
import type { Grid } from '../../shared/spaces/types';
import type { Inflater } from '../workers/readNiftiFast';
import type { StudyReadRequest, StudyReadResponse, StudyWorkerMessage } from './studyProtocol';

export interface ReadMap {
  grid: Grid;
  data: Float32Array;
  warnings: string[];
  /** Time the reader spent on this file (worker-side), when known. */
  ms?: number;
  /** How a .gz was inflated, when known (the load's log line counts them). */
  inflater?: Inflater;
}

/**
 * Parses one file (its bytes, or a Blob to read) into a 3D map; the default runs in the worker pool.
 * A pool also takes back buffers of unloaded maps for the next load (they are transferred, so
 * the caller must hold no view of them) and frees them again when asked.
 */
export type MapReader = ((name: string, bytes: ArrayBuffer | Blob, frame: number) => Promise<ReadMap>) & {
  recycle?(buffers: ArrayBuffer[]): void;
  trim?(): void;
  /** Start the workers and their inflater now, so the first load does not wait for them. */
  warm?(): void;
};

export class ReaderError extends Error {
  readonly userFacing = true;
}

interface Slot {
  worker: Worker | null;
  busy: number;
}

export function poolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(2, Math.min(4, cores));
}

export function createWorkerReader(size = poolSize()): MapReader {
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, busy: 0 }));
  const waiting = new Map<number, { resolve: (m: ReadMap) => void; reject: (e: Error) => void; name: string; slot: Slot }>();
  let nextId = 1;

  function workerOf(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const w = new Worker(new URL('../workers/studyRead.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<StudyReadResponse>) => {
      const job = waiting.get(e.data.id);
      if (!job) return;
      waiting.delete(e.data.id);
      slot.busy--;
      if (e.data.ok) job.resolve({ grid: e.data.grid, data: e.data.data, warnings: e.data.warnings, ms: e.data.ms, inflater: e.data.inflater });
      else job.reject(new ReaderError(e.data.message));
    };
    // A crash (out of memory) fails this worker's files; the next read starts a fresh one.
    w.onerror = (e) => {
      e.preventDefault();
      for (const [id, job] of waiting) {
        if (job.slot !== slot) continue;
        waiting.delete(id);
        job.reject(new ReaderError(`${job.name}: the reader stopped unexpectedly (${e.message || 'out of memory?'})`));
      }
      slot.busy = 0;
      w.terminate();
      slot.worker = null;
    };
    slot.worker = w;
    return w;
  }

  const read: MapReader = (name, bytes, frame) => {
    const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = nextId++;
    return new Promise<ReadMap>((resolve, reject) => {
      waiting.set(id, { resolve, reject, name, slot });
      slot.busy++;
      workerOf(slot).postMessage({ id, name, bytes, frame } satisfies StudyReadRequest, bytes instanceof Blob ? [] : [bytes]);
    });
  };
  // Dealt out in turn, so each worker gets its share of the next load's buffers.
  read.recycle = (buffers) => {
    slots.forEach((slot, i) => {
      const share = buffers.filter((_, j) => j % slots.length === i);
      if (share.length) workerOf(slot).postMessage({ recycle: share } satisfies StudyWorkerMessage, share);
    });
  };
  read.warm = () => {
    for (const slot of slots) workerOf(slot).postMessage({ warm: true } satisfies StudyWorkerMessage);
  };
  read.trim = () => {
    for (const slot of slots) slot.worker?.postMessage({ trim: true } satisfies StudyWorkerMessage);
  };
  return read;
}

/** Runs `task` over `items` with at most `limit` at a time, in order of start. */
export async function runLimited<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i], i);
    }
  });
  await Promise.all(lanes);
}
