// Runs the permutation rows of a test on worker threads (both cores of a laptop): rows go out in
// chunks from one queue, so a slow chunk never leaves the other worker idle. The data and rows are
// in SharedArrayBuffers; each worker builds its own engine (scratch buffers) over them.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createEngine, nullColumns, observedRow, type NullColumns, type ObservedRow, type PermData, type PermOptions } from '../../shared/stats/permutation/index';

const WORKER = new URL('./permWorker.ts', import.meta.url);

// `execArgv: ['--import', 'tsx']` does not reach worker threads on Node 20: register tsx first.
function startWorker(data: Record<string, unknown>): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const src = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(pathToFileURL(WORKER.pathname).href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(src)}`), { workerData: data });
}

function shared<T extends Float64Array | Int32Array | Int8Array>(a: T): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(sab).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return sab;
}

export interface PoolResult {
  observed: ObservedRow;
  nulls: NullColumns;
  seconds: number;
}

export function defaultJobs(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** The observed row (here) and rows 1..N-1 on `jobs` workers; onProgress(done, total) after each chunk. */
export async function runPermutationPool(data: PermData, rows: Int8Array, N: number, opts: PermOptions, jobs: number, onProgress?: (done: number, total: number) => void): Promise<PoolResult> {
  const start = performance.now();
  const engine = createEngine(data, opts);
  const nulls = nullColumns(N, opts);
  const init = {
    role: 'perm',
    data: { ...data, y: shared(data.y), voxels: shared(data.voxels) },
    rows: shared(rows),
    opts,
  };
  const workers = N > 1 ? Array.from({ length: Math.max(1, Math.min(jobs, N - 1)) }, () => startWorker(init)) : [];
  const observed = observedRow(engine, rows);
  nulls.maxT[0] = observed.maxT;
  if (nulls.maxSize) nulls.maxSize[0] = observed.maxSize;
  if (nulls.maxMass) nulls.maxMass[0] = observed.maxMass;
  if (nulls.maxTfce) nulls.maxTfce[0] = observed.maxTfce;
  let done = 1;
  onProgress?.(done, N);
  // Chunks: small enough for progress, large enough that the table set-up per chunk is amortised.
  const chunk = opts.tfce ? 32 : Math.max(50, Math.min(1000, Math.ceil((N - 1) / (workers.length * 4))));
  let next = 1;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= N) {
                resolve();
                return;
              }
              const r0 = next;
              const r1 = Math.min(N, r0 + chunk);
              next = r1;
              w.postMessage({ r0, r1 });
            };
            w.on('message', (m: { r0: number; r1: number; out: NullColumns; error?: string; userFacing?: boolean }) => {
              if (m.error !== undefined) {
                reject(Object.assign(new Error(m.error), { userFacing: m.userFacing }));
                return;
              }
              nulls.maxT.set(m.out.maxT, m.r0);
              if (nulls.maxSize && m.out.maxSize) nulls.maxSize.set(m.out.maxSize, m.r0);
              if (nulls.maxMass && m.out.maxMass) nulls.maxMass.set(m.out.maxMass, m.r0);
              if (nulls.maxTfce && m.out.maxTfce) nulls.maxTfce.set(m.out.maxTfce, m.r0);
              done += m.r1 - m.r0;
              onProgress?.(done, N);
              send();
            });
            w.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { observed, nulls, seconds: (performance.now() - start) / 1000 };
}
