// One permutation run on two kept Web Workers (the machine's two cores). A contrast's subject maps
// go to the workers once and stay there across runs (one SharedArrayBuffer for both when the page
// is cross-origin isolated, else a copy to one and the caller's buffers transferred to the other);
// rows then go out in chunks from one queue, as in the CLI's pool, so a worker slowed by the page
// never leaves the other idle. Cancel and errors end the workers (a chunk cannot be interrupted);
// the next run starts fresh ones and sends the maps again.
import { joinNulls } from '../../shared/compare/fweMap';
import { type ChunkRequest, type DataRequest, type NullColumns, type ObservedRow, type PermOptions, type PermResponse } from '../../shared/stats/permutation';

export interface RunInput {
  /** names the subject maps (the contrast): the same key reuses the maps the workers hold */
  dataKey: string;
  /** fetches one copy of the subject maps, only when the workers do not hold dataKey's */
  maps: () => Promise<{ a: Float32Array[]; b: Float32Array[] }>;
  dims: [number, number, number];
  design: 'paired' | 'two-group';
  nPerm: number;
  seed: number;
  opts: PermOptions;
}

export interface RunOutput {
  N: number;
  exact: boolean;
  nulls: NullColumns;
  observed: ObservedRow;
  voxels: Int32Array;
  seconds: number;
}

export interface RunHandle {
  done: Promise<RunOutput>;
  cancel(): void;
}

let nextId = 1;

/** Rows the run will have: all 2^n flips for a small paired design, else nPerm. */
export function runRows(design: 'paired' | 'two-group', K: number, nPerm: number): { N: number; exact: boolean } {
  if (design === 'paired' && K <= 12) return { N: 2 ** K, exact: true };
  return { N: nPerm, exact: false };
}

const JOBS = 2;
interface Pool {
  workers: Worker[];
  /** the maps the workers hold, and their subject count */
  dataKey: string | null;
  K: number;
}
let pool: Pool | null = null;

function getPool(): Pool {
  pool ??= { workers: Array.from({ length: JOBS }, () => new Worker(new URL('../workers/permute.worker.ts', import.meta.url), { type: 'module' })), dataKey: null, K: 0 };
  return pool;
}

function endPool(): void {
  pool?.workers.forEach((w) => w.terminate());
  pool = null;
}

/** Whether the workers already hold these maps (then a run sends none). */
export function workersHold(dataKey: string): boolean {
  return pool?.dataKey === dataKey;
}

/** Another study opened: the maps the workers hold may share a key with the new study's, so send them again. */
export function forgetWorkerMaps(): void {
  if (pool) pool.dataKey = null;
}

function sendMaps(p: Pool, key: string, a: Float32Array[], b: Float32Array[], dims: [number, number, number], design: 'paired' | 'two-group'): void {
  if (globalThis.crossOriginIsolated === true) {
    // one shared copy, seen by both workers
    const len = a[0]?.length ?? 0;
    const sab = new SharedArrayBuffer((a.length + b.length) * len * 4);
    const copy = (x: Float32Array, i: number) => {
      const v = new Float32Array(sab, i * len * 4, len);
      v.set(x);
      return v;
    };
    const sa = a.map((x, i) => copy(x, i));
    const sb = b.map((x, i) => copy(x, a.length + i));
    for (const w of p.workers) w.postMessage({ type: 'data', dataKey: key, a: sa, b: sb, dims, design } satisfies DataRequest);
  } else {
    p.workers.forEach((w, i) => {
      const last = i === p.workers.length - 1;
      w.postMessage({ type: 'data', dataKey: key, a, b, dims, design } satisfies DataRequest, last ? [...a, ...b].map((x) => x.buffer as ArrayBuffer) : []);
    });
  }
  p.dataKey = key;
  p.K = design === 'paired' ? a.length : a.length + b.length;
}

const cancelledError = () => Object.assign(new Error('cancelled'), { cancelled: true });

export function startPermutationRun(input: RunInput, onProgress: (done: number, total: number) => void): RunHandle {
  const id = nextId++;
  const start = performance.now();
  let cancelled = false;
  let stop: () => void = () => {
    cancelled = true;
  };
  const done = (async (): Promise<RunOutput> => {
    if (!workersHold(input.dataKey)) {
      const { a, b } = await input.maps();
      if (cancelled) throw cancelledError();
      sendMaps(getPool(), input.dataKey, a, b, input.dims, input.design);
    }
    return await new Promise<RunOutput>((resolve, reject) => runChunks(getPool(), id, input, start, onProgress, resolve, reject, (c) => (stop = c)));
  })();
  return { done, cancel: () => stop() };
}

/** Chunk size: small enough for progress, large enough to amortise the tables (as the CLI's pool). */
function chunkRows(tfce: boolean, N: number, jobs: number): number {
  return tfce ? 32 : Math.max(50, Math.min(1000, Math.ceil((N - 1) / (jobs * 4))));
}

function runChunks(p: Pool, id: number, input: RunInput, start: number, onProgress: (done: number, total: number) => void, resolve: (o: RunOutput) => void, reject: (e: Error) => void, setStop: (c: () => void) => void): void {
  const { N } = runRows(input.design, p.K, input.nPerm);
  const chunk = chunkRows(input.opts.tfce, N, p.workers.length);
  const parts: { range: [number, number]; nulls: NullColumns }[] = [];
  let observed: ObservedRow | null = null;
  let voxels: Int32Array | null = null;
  let exact = false;
  let next = 0;
  let got = 0;
  let over = false;
  const fail = (e: Error) => {
    if (over) return;
    over = true;
    endPool();
    reject(e);
  };
  setStop(() => fail(cancelledError()));
  const send = (w: Worker) => {
    if (next >= N) return;
    const r0 = next;
    const r1 = Math.min(N, r0 + chunk);
    next = r1;
    w.postMessage({ type: 'chunk', id, dataKey: input.dataKey, nPerm: input.nPerm, seed: input.seed, opts: input.opts, range: [r0, r1] } satisfies ChunkRequest);
  };
  for (const w of p.workers) {
    w.onerror = (e) => {
      e.preventDefault();
      fail(new Error(`a permutation worker stopped (${e.message || 'out of memory?'})`));
    };
    w.onmessage = (e: MessageEvent<PermResponse>) => {
      const m = e.data;
      if (over) return;
      if (m.type === 'error') {
        fail(Object.assign(new Error(m.message), { cancelled: m.cancelled }));
        return;
      }
      if (m.type !== 'chunk' || m.id !== id) return;
      if (m.N !== N) {
        fail(new Error(`the permutation workers ran ${m.N} permutations, the page expected ${N}`));
        return;
      }
      exact = m.exact;
      if (m.observed) observed = m.observed;
      if (m.voxels) voxels = m.voxels;
      parts.push({ range: m.range, nulls: m.nulls });
      got += m.range[1] - m.range[0];
      onProgress(got, N);
      if (got < N) {
        send(w);
        return;
      }
      over = true;
      try {
        resolve({ N, exact, nulls: joinNulls(parts, N, input.opts), observed: observed!, voxels: voxels!, seconds: (performance.now() - start) / 1000 });
      } catch (err) {
        fail(err as Error);
      }
    };
  }
  for (const w of p.workers) send(w);
}
