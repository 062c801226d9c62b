// A permutation run behind a message interface, for a Web Worker (or a worker thread): the page
// posts 'start' with the subject maps and settings, gets 'progress' after each chunk and 'done'
// with the null columns (and, for the whole run, the observed maps). permutationTest yields between
// chunks, so a 'cancel' posted meanwhile is seen before the next chunk. Several workers can split
// one run: each gets the same rows and a `range` of them (the page runs the observed row once).
// A kept worker instead gets a contrast's maps once ('data') and then 'chunk's of rows from a queue,
// so the maps are not copied again for the next run and a slow worker never holds up the other.
import { buildPermData, type Connectivity, type PermData } from './design';
import { createEngine, nullColumns, observedRow, type Engine, type NullColumns, type ObservedRow, type PermOptions } from './engine';
import { pairedFlips, twoGroupLabels } from './flips';
import { PermutationCancelled, runChunked } from './run';

export type InferenceMethod = 'max-t' | 'cluster-extent' | 'cluster-mass' | 'tfce';

export interface StartRequest {
  type: 'start';
  id: number;
  a: Float32Array[];
  b: Float32Array[];
  dims: [number, number, number];
  design: 'paired' | 'two-group';
  mask?: Uint8Array;
  nPerm: number;
  seed: number;
  opts: PermOptions;
  /** only these rows (1-based permutations 2..N are rows 1..N-1); default all, observed included */
  range?: [number, number];
}

/** The subject maps of one contrast, sent to a kept worker once (then only DataKey'd chunks). */
export interface DataRequest {
  type: 'data';
  dataKey: string;
  a: Float32Array[];
  b: Float32Array[];
  dims: [number, number, number];
  design: 'paired' | 'two-group';
  mask?: Uint8Array;
}

/** Rows range[0]..range[1]-1 of a run over the worker's current data (range[0] = 0: the observed row too). */
export interface ChunkRequest {
  type: 'chunk';
  id: number;
  dataKey: string;
  nPerm: number;
  seed: number;
  opts: PermOptions;
  range: [number, number];
}

export type PermRequest = StartRequest | DataRequest | ChunkRequest | { type: 'cancel'; id: number };

export type PermResponse =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; N: number; exact: boolean; range: [number, number]; nulls: NullColumns; observed: ObservedRow | null; voxels: Int32Array }
  | { type: 'chunk'; id: number; N: number; exact: boolean; range: [number, number]; nulls: NullColumns; observed: ObservedRow | null; voxels: Int32Array | null }
  | { type: 'error'; id: number; message: string; cancelled: boolean };

function runRowsOf(data: PermData, nPerm: number, seed: number): { rows: Int8Array; N: number; exact: boolean } {
  if (data.design === 'paired') {
    const f = pairedFlips(data.K, nPerm, seed);
    return { rows: f.rows, N: f.n, exact: f.exact };
  }
  return { rows: twoGroupLabels(data.nA, data.K - data.nA, nPerm, seed), N: nPerm, exact: false };
}

export function createPermutationSession(post: (m: PermResponse) => void): { handle(req: PermRequest): Promise<void> } {
  const cancelled = new Set<number>();
  // A kept worker: the current contrast's data, and the engine and rows of the current run.
  let held: { key: string; data: PermData } | null = null;
  let run: { key: string; e: Engine; rows: Int8Array; N: number; exact: boolean } | null = null;
  return {
    async handle(req) {
      if (req.type === 'cancel') {
        cancelled.add(req.id);
        return;
      }
      if (req.type === 'data') {
        try {
          held = null;
          run = null;
          held = { key: req.dataKey, data: buildPermData(req.a, req.b, req.dims, req.design, req.mask) };
        } catch (err) {
          post({ type: 'error', id: 0, message: (err as Error)?.message ?? String(err), cancelled: false });
        }
        return;
      }
      if (req.type === 'chunk') {
        try {
          if (!held || held.key !== req.dataKey) throw new Error(`the permutation worker does not hold the maps of ${req.dataKey}`);
          const runKey = `${req.id}`;
          if (!run || run.key !== runKey) run = { key: runKey, e: createEngine(held.data, req.opts), ...runRowsOf(held.data, req.nPerm, req.seed) };
          const { e, rows, N, exact } = run;
          const [r0, r1] = req.range;
          const nulls = nullColumns(r1 - r0, req.opts);
          let observed: ObservedRow | null = null;
          if (r0 === 0) {
            observed = observedRow(e, rows);
            putObserved(nulls, observed);
          }
          const from = Math.max(1, r0);
          if (from < r1) runChunked(e, rows, from, r1, nulls, from - r0, { shouldStop: () => cancelled.has(req.id) });
          post({ type: 'chunk', id: req.id, N, exact, range: [r0, r1], nulls, observed, voxels: r0 === 0 ? held.data.voxels : null });
        } catch (err) {
          const c = err instanceof PermutationCancelled;
          post({ type: 'error', id: req.id, message: (err as Error)?.message ?? String(err), cancelled: c });
        }
        return;
      }
      try {
        const data = buildPermData(req.a, req.b, req.dims, req.design, req.mask);
        const { rows, N, exact } = req.design === 'paired' ? (({ rows: r, n, exact: x }) => ({ rows: r, N: n, exact: x }))(pairedFlips(data.K, req.nPerm, req.seed)) : { rows: twoGroupLabels(data.nA, data.K - data.nA, req.nPerm, req.seed), N: req.nPerm, exact: false };
        const [r0, r1] = req.range ?? [0, N];
        const e = createEngine(data, req.opts);
        const nulls = nullColumns(r1 - r0, req.opts);
        let observed: ObservedRow | null = null;
        let from = r0;
        if (r0 === 0) {
          observed = observedRow(e, rows);
          putObserved(nulls, observed);
          from = 1;
        }
        for (let c = from; c < r1; c += e.chunk) {
          await new Promise((r) => setTimeout(r, 0));
          const end = Math.min(r1, c + e.chunk);
          runChunked(e, rows, c, end, nulls, c - r0, { shouldStop: () => cancelled.has(req.id) });
          post({ type: 'progress', id: req.id, done: end - r0, total: r1 - r0 });
        }
        post({ type: 'done', id: req.id, N, exact, range: [r0, r1], nulls, observed, voxels: data.voxels });
      } catch (err) {
        const c = err instanceof PermutationCancelled;
        post({ type: 'error', id: req.id, message: (err as Error)?.message ?? String(err), cancelled: c });
      } finally {
        cancelled.delete(req.id);
      }
    },
  };
}

/**
 * The inference named as captions, saved views and exports must show it, e.g.
 * "TFCE, FWE p < 0.05, 5000 sign-flips, seed 1", "cluster extent (|t| > 3.77), FWE p < 0.05, all 4096 sign-flips"
 * or, one-sided (oneSided names the direction), "TFCE (one-sided, MDMA > placebo), FWE p < 0.05, 1000 sign-flips, seed 1".
 */
export function inferenceCaption(o: { method: InferenceMethod; alpha: number; N: number; exact: boolean; seed: number; design: 'paired' | 'two-group'; clusterT?: number; connectivity?: Connectivity; oneSided?: string }): string {
  const what = { 'max-t': 'voxel max-T', 'cluster-extent': 'cluster extent', 'cluster-mass': 'cluster mass', tfce: 'TFCE' }[o.method];
  const cluster = (o.method === 'cluster-extent' || o.method === 'cluster-mass') && o.clusterT !== undefined;
  const parts = [cluster ? `${o.oneSided !== undefined ? 't' : '|t|'} > ${Number(o.clusterT!.toPrecision(3))}` : '', o.oneSided !== undefined ? `one-sided, ${o.oneSided}` : ''].filter(Boolean);
  const cft = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  const kind = o.design === 'paired' ? 'sign-flips' : 'label permutations';
  const count = o.exact ? `all ${o.N} ${kind}` : `${o.N} ${kind}, seed ${o.seed}`;
  return `${what}${cft}, FWE p < ${o.alpha}, ${count}`;
}

/** Row 0 of the null columns is the identity: the observed map's maxima. */
function putObserved(nulls: NullColumns, observed: ObservedRow): void {
  nulls.maxT[0] = observed.maxT;
  if (nulls.maxSize) nulls.maxSize[0] = observed.maxSize;
  if (nulls.maxMass) nulls.maxMass[0] = observed.maxMass;
  if (nulls.maxTfce) nulls.maxTfce[0] = observed.maxTfce;
}
