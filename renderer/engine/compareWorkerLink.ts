/**
 * The compare worker's side of the protocol that is not about what is shown: starting the worker
 * (again after a crash), the one contrast being computed, buffers the worker hands back, and
 * subject-map copies for permutation runs. Everything else goes to `onOther`.
 */
import { BufferPool } from '../workers/bufferPool';
import type { CompareRequest, CompareResponse, ContrastMaps } from '../../shared/compare';
import type { SubjectMaps } from './comparePermutation';

export interface CompareWorkerEvents {
  /** the worker stopped (out of memory?): the message to show */
  onCrash(message: string): void;
  /** compute progress of the contrast being computed */
  onProgress(done: number, total: number): void;
  /** clusters-ready, roi-ready and errors not about the contrast or a subject-map copy */
  onOther(m: CompareResponse): void;
}

export class CompareWorkerLink {
  private worker: Worker | null = null;
  private nextRequest = 1;
  /** Subject-map buffers the worker handed back, for the next contrast's copies. */
  readonly released = new BufferPool();
  private onReleased: (() => void) | null = null;
  private pending: { key: string; resolve: (m: ContrastMaps) => void; reject: (e: Error) => void } | null = null;
  private subjectWaiters = new Map<number, { resolve: (m: SubjectMaps) => void; reject: (e: Error) => void }>();
  /** false after a (re)start: the atlas must be sent again */
  atlasSent = false;
  /** Atlas layers other than the bundled AAL the worker has (sent when the cluster table picks one). */
  readonly sentAtlases = new Set<string>();

  constructor(
    private readonly events: CompareWorkerEvents,
    private readonly createWorker: () => Worker = () => new Worker(new URL('../workers/compare.worker.ts', import.meta.url), { type: 'module' }),
  ) {}

  get started(): boolean {
    return this.worker !== null;
  }

  requestId(): number {
    return this.nextRequest++;
  }

  post(req: CompareRequest, transfer: Transferable[] = []): void {
    this.ensureWorker().postMessage(req, transfer);
  }

  /** Sends the request `send` posts and resolves with the contrast; a newer compute supersedes it. */
  compute(key: string, send: () => void): Promise<ContrastMaps> {
    return new Promise((resolve, reject) => {
      this.pending?.reject(new Error('superseded'));
      this.pending = { key, resolve, reject };
      send();
    });
  }

  computing(key: string): boolean {
    return this.pending?.key === key;
  }

  /**
   * The worker drops the contrast it holds (each holds every subject map) and hands their buffers
   * back before the next one is copied: memory follows what is shown.
   */
  releaseContrast(): Promise<void> {
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

  /** A copy of the contrast's subject maps (A - B) for a permutation run. */
  subjectMaps(key: string): Promise<SubjectMaps> {
    const requestId = this.requestId();
    return new Promise<SubjectMaps>((resolve, reject) => {
      this.subjectWaiters.set(requestId, { resolve, reject });
      this.post({ type: 'subject-maps', requestId, measureId: key });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (e: MessageEvent<CompareResponse>) => this.onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      this.events.onCrash(`the compare worker stopped (${e.message || 'out of memory?'})`);
      this.pending?.reject(new Error('the compare worker stopped'));
      this.pending = null;
      this.onReleased?.();
      this.onReleased = null;
      w.terminate();
      this.worker = null;
      this.atlasSent = false;
      this.sentAtlases.clear();
    };
    this.worker = w;
    return w;
  }

  private onMessage(m: CompareResponse): void {
    switch (m.type) {
      case 'progress':
        if (this.pending?.key === m.measureId) this.events.onProgress(m.done, m.total);
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
        if (m.requestId !== undefined && this.subjectWaiters.has(m.requestId)) {
          this.subjectWaiters.get(m.requestId)!.reject(new Error(m.message));
          this.subjectWaiters.delete(m.requestId);
          return;
        }
        this.events.onOther(m);
        return;
      default:
        this.events.onOther(m);
    }
  }
}
