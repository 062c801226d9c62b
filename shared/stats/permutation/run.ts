// One whole permutation test in one thread, chunked so progress is reported and a run can be
// cancelled (AbortSignal, or shouldStop() for synchronous callers such as a worker reading a shared
// flag). Workers split the rows instead: each runs runRows on its share (see electron/cli/permPool).
import type { PermData } from './design';
import { createEngine, nullColumns, observedRow, runRows, type Engine, type NullColumns, type ObservedRow, type PermOptions } from './engine';

export interface RunProgress {
  /** rows done (the observed row included) */
  done: number;
  total: number;
}

export interface RunControl {
  onProgress?: (p: RunProgress) => void;
  signal?: AbortSignal;
  shouldStop?: () => boolean;
}

export class PermutationCancelled extends Error {
  readonly userFacing = true;
  constructor() {
    super('permutation run cancelled');
  }
}

export interface PermutationResult {
  N: number;
  observed: ObservedRow;
  /** row 0 = the identity (observed), rows 1..N-1 the permutations */
  nulls: NullColumns;
}

const stopped = (c: RunControl) => c.signal?.aborted === true || c.shouldStop?.() === true;

/** Synchronous run of rows r0..r1-1 in chunks; throws PermutationCancelled when asked to stop. */
export function runChunked(e: Engine, rows: Int8Array, r0: number, r1: number, out: NullColumns, outOff: number, control: RunControl = {}, doneBefore = 0, total = r1 - r0): void {
  for (let c = r0; c < r1; c += e.chunk) {
    if (stopped(control)) throw new PermutationCancelled();
    const end = Math.min(r1, c + e.chunk);
    runRows(e, rows, c, end, out, outOff + c - r0);
    control.onProgress?.({ done: doneBefore + end - r0, total });
  }
}

/** The observed row and all N - 1 permutations, yielding to the event loop between chunks. */
export async function permutationTest(data: PermData, rows: Int8Array, N: number, opts: PermOptions, control: RunControl = {}): Promise<PermutationResult> {
  if (rows.length !== N * data.K) throw new RangeError(`${rows.length / data.K} permutation rows for N = ${N}`);
  const e = createEngine(data, opts);
  const observed = observedRow(e, rows);
  const nulls = nullColumns(N, opts);
  nulls.maxT[0] = observed.maxT;
  if (nulls.maxSize) nulls.maxSize[0] = observed.maxSize;
  if (nulls.maxMass) nulls.maxMass[0] = observed.maxMass;
  if (nulls.maxTfce) nulls.maxTfce[0] = observed.maxTfce;
  control.onProgress?.({ done: 1, total: N });
  for (let c = 1; c < N; c += e.chunk) {
    await new Promise((r) => setTimeout(r, 0));
    const end = Math.min(N, c + e.chunk);
    runChunked(e, rows, c, end, nulls, c, { signal: control.signal, shouldStop: control.shouldStop }, 0);
    control.onProgress?.({ done: end, total: N });
  }
  return { N, observed, nulls };
}
