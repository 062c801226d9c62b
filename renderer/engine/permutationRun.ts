// One permutation run on two Web Workers (the machine's two cores): the first takes the observed
// row and the first half of the permutations, the second the rest; their null columns are joined.
// The subject maps go to each worker once (the first a structured copy, the second transferred), and
// the workers keep nothing after 'done', so memory is the contrast's maps twice for the run only.
import { joinNulls } from '../../shared/compare/fweMap';
import { type NullColumns, type ObservedRow, type PermOptions, type PermResponse, type StartRequest } from '../../shared/stats/permutation';

export interface RunInput {
  a: Float32Array[];
  b: Float32Array[];
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

export function startPermutationRun(input: RunInput, onProgress: (done: number, total: number) => void): RunHandle {
  const id = nextId++;
  const start = performance.now();
  const { N } = runRows(input.design, input.a.length, input.nPerm);
  const mid = Math.max(1, Math.min(N, Math.round(N / 2)));
  const ranges: [number, number][] = mid < N ? [[0, mid], [mid, N]] : [[0, N]];
  const workers = ranges.map(() => new Worker(new URL('../workers/permute.worker.ts', import.meta.url), { type: 'module' }));
  const done = new Array<number>(ranges.length).fill(0);
  let finish: () => void = () => {};
  const stopAll = () => workers.forEach((w) => w.terminate());
  const promise = new Promise<RunOutput>((resolve, reject) => {
    const parts: Extract<PermResponse, { type: 'done' }>[] = [];
    finish = () => {
      stopAll();
      reject(Object.assign(new Error('cancelled'), { cancelled: true }));
    };
    workers.forEach((w, i) => {
      w.onerror = (e) => {
        e.preventDefault();
        stopAll();
        reject(new Error(`a permutation worker stopped (${e.message || 'out of memory?'})`));
      };
      w.onmessage = (e: MessageEvent<PermResponse>) => {
        const m = e.data;
        if (m.type === 'progress') {
          done[i] = m.done;
          onProgress(done.reduce((x, y) => x + y, 0), N);
        } else if (m.type === 'error') {
          stopAll();
          reject(Object.assign(new Error(m.message), { cancelled: m.cancelled }));
        } else if (m.type === 'done') {
          parts[i] = m;
          if (parts.filter(Boolean).length < ranges.length) return;
          stopAll();
          const nulls = joinNulls(parts, N, input.opts);
          resolve({ N: parts[0].N, exact: parts[0].exact, nulls, observed: parts[0].observed!, voxels: parts[0].voxels, seconds: (performance.now() - start) / 1000 });
        }
      };
    });
  });
  workers.forEach((w, i) => {
    const req: StartRequest = { type: 'start', id, a: input.a, b: input.b, dims: input.dims, design: input.design, nPerm: input.nPerm, seed: input.seed, opts: input.opts, range: ranges[i] };
    // The last worker takes the caller's buffers; the others get structured copies.
    w.postMessage(req, i === workers.length - 1 ? [...input.a, ...input.b].map((x) => x.buffer as ArrayBuffer) : []);
  });
  return { done: promise, cancel: () => finish() };
}
