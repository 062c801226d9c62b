// Compare's FWE (permutation) runs: asks for the contrast's subject maps once per run, runs them
// on two workers with progress and cancel, and keeps each finished result (an FWE p map) per
// contrast + settings, so re-selecting is free and moving the alpha only re-cuts the stored map.
// The results and the one run at a time are the app's (module state, like the worker pool): the
// Figure workspace reuses Compare's finished runs and runs its own the same way (runFwe).
import { fweMap, type FweResult } from '../../shared/compare/fweMap';
import { fweRunPlan } from '../../shared/compare/fweRun';
import { inferenceCaption } from '../../shared/stats/permutation';
import type { AppStore } from '../store';
import { fweKey, type FweChoice, type PermRunState } from '../store/comparePerm';
import { forgetWorkerMaps, startPermutationRun, workersHold, type RunHandle } from './permutationRun';
import { compareSettings } from '../store/selectors';

export interface StoredFwe extends FweResult {
  key: string;
  seconds: number;
  design: 'paired' | 'two-group';
  seed: number;
  /** one-sided: the direction tested, e.g. "MDMA > placebo" */
  oneSided?: string;
}

/** The FWE sides follow the threshold's; one-sided tests the direction shown (first > second). */
export interface FweSides {
  sided: 1 | 2;
  direction: 'A-B' | 'B-A';
  /** "first > second" as the Sides control names it */
  label: string;
}

/** Results kept: each is one float32 map of the grid (about 1 MB at 2 mm). */
const KEEP = 8;

export interface SubjectMaps {
  a: Float32Array[];
  b: Float32Array[];
  design: 'paired' | 'two-group';
}

/** The run's settings: the FWE choice without its on/off (a figure keeps only these). */
export type FweRunChoice = Pick<FweChoice, 'method' | 'nPerm' | 'clusterP' | 'seed'>;

const results = new Map<string, StoredFwe>();
/** the one run at a time: its key, its worker run once the maps are there, and its outcome */
interface ActiveRun {
  key: string;
  handle: RunHandle | null;
  cancelled: boolean;
  done: Promise<StoredFwe>;
}
let active: ActiveRun | null = null;
/** each contrast's design, learnt from its maps (the workers may hold the maps themselves) */
const designs = new Map<string, 'paired' | 'two-group'>();

/** The stored result for this contrast and settings, if it was run (Compare's or a figure's). */
export function storedFwe(contrastKey: string | null, f: FweRunChoice, sides: Pick<FweSides, 'sided' | 'direction'>): StoredFwe | null {
  if (!contrastKey) return null;
  const r = results.get(fweKey(contrastKey, f, sides.sided, sides.direction));
  if (r) {
    // most recently used last, so the oldest goes first when the cache is full
    results.delete(r.key);
    results.set(r.key, r);
  }
  return r ?? null;
}

/** Another study opened: its contrast keys may repeat the last one's, so nothing stored is reused. */
export function forgetStoredFwe(): void {
  results.clear();
  designs.clear();
  forgetWorkerMaps();
}

export const fweRunning = (): boolean => active !== null;

export interface FweRunRequest {
  /** Compare's contrast key: measure|conditionA|conditionB */
  contrastKey: string;
  f: FweRunChoice;
  dims: [number, number, number];
  dof: number;
  /** fetches one copy of the subject maps (condition A, then B); the workers may take its buffers */
  maps: () => Promise<SubjectMaps>;
  sides: FweSides;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the permutations on the workers and stores the result; a second call for the run under way
 * waits for it. Throws when another run is going, when the maps cannot be had, or when cancelled
 * (the error has cancelled: true).
 */
export function runFwe(req: FweRunRequest): Promise<StoredFwe> {
  const { contrastKey, f, sides } = req;
  const key = fweKey(contrastKey, f, sides.sided, sides.direction);
  const have = results.get(key);
  if (have) return Promise.resolve(have);
  if (active) return active.key === key ? active.done : Promise.reject(new Error('another permutation run is going; wait for it to finish or cancel it in Compare'));
  const run: ActiveRun = { key, handle: null, cancelled: false, done: Promise.resolve(null as unknown as StoredFwe) };
  active = run;
  run.done = runOnWorkers(req, key, run).finally(() => {
    if (active === run) active = null;
  });
  return run.done;
}

async function runOnWorkers(req: FweRunRequest, key: string, run: ActiveRun): Promise<StoredFwe> {
  const { contrastKey, f, dims, dof, sides } = req;
  const plan = fweRunPlan(f, dof, sides.sided, sides.direction);
  // One-sided B - A tests t > 0 of the maps swapped: those are held as their own data set.
  const dataKey = plan.swap ? `${contrastKey}|B-A` : contrastKey;
  // the design is known before the maps: the workers keep the maps of the last contrast run
  let design = designs.get(contrastKey);
  const fetchMaps = async () => {
    const got = await req.maps();
    const m = plan.swap ? { ...got, a: got.b, b: got.a } : got;
    design = m.design;
    designs.set(contrastKey, m.design);
    return m;
  };
  const pending: SubjectMaps | null = !design || !workersHold(dataKey) ? await fetchMaps() : null;
  if (run.cancelled) throw Object.assign(new Error('cancelled'), { cancelled: true });
  const runDesign = design!;
  run.handle = startPermutationRun({ dataKey, maps: async () => pending ?? (await fetchMaps()), dims, design: runDesign, nPerm: f.nPerm, seed: f.seed, opts: plan.opts }, (done, total) => req.onProgress?.(done, total));
  const out = await run.handle.done;
  const fwe = fweMap({ method: f.method, observed: out.observed, nulls: out.nulls, voxels: out.voxels, dims, N: out.N, exact: out.exact, clusterT: plan.clusterT, oneSided: plan.oneSided });
  const stored: StoredFwe = { ...fwe, key, seconds: out.seconds, design: runDesign, seed: f.seed, oneSided: plan.oneSided ? sides.label : undefined };
  results.set(key, stored);
  while (results.size > KEEP) results.delete(results.keys().next().value as string);
  return stored;
}

export const fweCaption = (r: StoredFwe, alpha: number): string => inferenceCaption({ method: r.method, alpha, N: r.N, exact: r.exact, seed: r.seed, design: r.design, clusterT: r.clusterT, oneSided: r.oneSided });

export class ComparePermutation {
  constructor(private readonly store: AppStore) {}

  private setPerm(patch: Partial<PermRunState>): void {
    const c = this.store.getState().compare;
    this.store.setState({ compare: { ...c, perm: { ...c.perm, ...patch } } });
  }

  /** The stored result for this contrast and settings, if it was run. */
  resultFor(contrastKey: string | null, f: FweChoice, sides: Pick<FweSides, 'sided' | 'direction'>): StoredFwe | null {
    return storedFwe(contrastKey, f, sides);
  }

  caption(r: StoredFwe, alpha: number): string {
    return fweCaption(r, alpha);
  }

  get running(): boolean {
    return fweRunning();
  }

  cancel(): void {
    if (!active) return;
    active.cancelled = true;
    active.handle?.cancel();
  }

  /**
   * Runs the permutations for the contrast shown; `maps` fetches one copy of its subject maps.
   * Resolves with the stored result (null when cancelled or failed; the store says why).
   */
  async start(contrastKey: string, dims: [number, number, number], dof: number, maps: () => Promise<SubjectMaps>, sides: FweSides): Promise<StoredFwe | null> {
    const f = compareSettings(this.store.getState()).fwe;
    const have = storedFwe(contrastKey, f, sides);
    if (have) return have;
    // another run going (a figure's of another contrast): nothing to start; the same one is joined
    if (active && active.key !== fweKey(contrastKey, f, sides.sided, sides.direction)) return null;
    const dataKey = fweRunPlan(f, dof, sides.sided, sides.direction).swap ? `${contrastKey}|B-A` : contrastKey;
    this.setPerm({ status: 'running', done: 0, total: 0, etaS: null, seconds: null, message: workersHold(dataKey) ? '' : 'Preparing the subject maps…' });
    const t0 = performance.now();
    try {
      const stored = await runFwe({
        contrastKey, f, dims, dof, maps, sides,
        onProgress: (done, total) => {
          const s = (performance.now() - t0) / 1000;
          this.setPerm({ done, total, etaS: done > 0 ? Math.max(0, (s * (total - done)) / done) : null, message: '' });
        },
      });
      this.setPerm({ status: 'done', done: stored.N, total: stored.N, etaS: 0, seconds: stored.seconds, message: '' });
      return stored;
    } catch (e) {
      const cancelled = (e as { cancelled?: boolean }).cancelled === true;
      this.setPerm({ status: cancelled ? 'cancelled' : 'error', etaS: null, message: cancelled ? 'Cancelled; nothing was kept.' : e instanceof Error ? e.message : String(e) });
      return null;
    }
  }
}
