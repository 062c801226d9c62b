// Compare's FWE (permutation) runs: asks for the contrast's subject maps once per run, runs them
// on two workers with progress and cancel, and keeps each finished result (an FWE p map) per
// contrast + settings, so re-selecting is free and moving the alpha only re-cuts the stored map.
import { fweMap, type FweResult } from '../../shared/compare/fweMap';
import { inferenceCaption, type PermOptions } from '../../shared/stats/permutation';
import { pToT } from '../../shared/stats';
import type { AppStore } from '../store';
import { fweKey, type FweChoice, type PermRunState } from '../store/comparePerm';
import { startPermutationRun, workersHold, type RunHandle } from './permutationRun';
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

export class ComparePermutation {
  private results = new Map<string, StoredFwe>();
  private run: RunHandle | null = null;
  /** each contrast's design, learnt from its maps (the workers may hold the maps themselves) */
  private designs = new Map<string, 'paired' | 'two-group'>();

  constructor(private readonly store: AppStore) {}

  private setPerm(patch: Partial<PermRunState>): void {
    const c = this.store.getState().compare;
    this.store.setState({ compare: { ...c, perm: { ...c.perm, ...patch } } });
  }

  /** The stored result for this contrast and settings, if it was run. */
  resultFor(contrastKey: string | null, f: FweChoice, sides: Pick<FweSides, 'sided' | 'direction'>): StoredFwe | null {
    if (!contrastKey) return null;
    const r = this.results.get(fweKey(contrastKey, f, sides.sided, sides.direction));
    if (r) {
      // most recently used last, so the oldest goes first when the cache is full
      this.results.delete(r.key);
      this.results.set(r.key, r);
    }
    return r ?? null;
  }

  caption(r: StoredFwe, alpha: number): string {
    return inferenceCaption({ method: r.method, alpha, N: r.N, exact: r.exact, seed: r.seed, design: r.design, clusterT: r.clusterT, oneSided: r.oneSided });
  }

  get running(): boolean {
    return this.run !== null;
  }

  cancel(): void {
    this.run?.cancel();
  }

  /**
   * Runs the permutations for the contrast shown; `maps` fetches one copy of its subject maps.
   * Resolves with the stored result (null when cancelled or failed; the store says why).
   */
  async start(contrastKey: string, dims: [number, number, number], dof: number, maps: () => Promise<SubjectMaps>, sides: FweSides): Promise<StoredFwe | null> {
    const f = compareSettings(this.store.getState()).fwe;
    const key = fweKey(contrastKey, f, sides.sided, sides.direction);
    const one = sides.sided === 1;
    // One-sided B - A tests t > 0 of the maps swapped: those are held as their own data set.
    const swap = one && sides.direction === 'B-A';
    const dataKey = swap ? `${contrastKey}|B-A` : contrastKey;
    const have = this.results.get(key);
    if (have) return have;
    if (this.run) return null;
    this.setPerm({ status: 'running', done: 0, total: 0, etaS: null, seconds: null, message: workersHold(dataKey) ? '' : 'Preparing the subject maps…' });
    // the design is known before the maps: the workers keep the maps of the last contrast run
    let design = this.designs.get(contrastKey);
    const fetchMaps = async () => {
      const got = await maps();
      const m = swap ? { ...got, a: got.b, b: got.a } : got;
      design = m.design;
      this.designs.set(contrastKey, m.design);
      return m;
    };
    let pending: SubjectMaps | null = null;
    if (!design || !workersHold(dataKey)) {
      try {
        pending = await fetchMaps();
      } catch (e) {
        this.setPerm({ status: 'error', message: e instanceof Error ? e.message : String(e) });
        return null;
      }
    }
    const cluster = f.method === 'cluster-extent' || f.method === 'cluster-mass';
    const clusterT = pToT(f.clusterP, dof, sides.sided);
    const opts: PermOptions = { oneSided: one, clusterT: cluster ? clusterT : undefined, connectivity: 26, tfce: f.method === 'tfce', tfceConnectivity: 26 };
    const t0 = performance.now();
    const runDesign = design!;
    const handle = startPermutationRun({ dataKey, maps: async () => pending ?? (await fetchMaps()), dims, design: runDesign, nPerm: f.nPerm, seed: f.seed, opts }, (done, total) => {
      const s = (performance.now() - t0) / 1000;
      this.setPerm({ done, total, etaS: done > 0 ? Math.max(0, (s * (total - done)) / done) : null, message: '' });
    });
    this.run = handle;
    try {
      const out = await handle.done;
      const fwe = fweMap({ method: f.method, observed: out.observed, nulls: out.nulls, voxels: out.voxels, dims, N: out.N, exact: out.exact, clusterT, oneSided: one });
      const stored: StoredFwe = { ...fwe, key, seconds: out.seconds, design: runDesign, seed: f.seed, oneSided: one ? sides.label : undefined };
      this.results.set(key, stored);
      while (this.results.size > KEEP) this.results.delete(this.results.keys().next().value as string);
      this.setPerm({ status: 'done', done: out.N, total: out.N, etaS: 0, seconds: out.seconds, message: '' });
      return stored;
    } catch (e) {
      const cancelled = (e as { cancelled?: boolean }).cancelled === true;
      this.setPerm({ status: cancelled ? 'cancelled' : 'error', etaS: null, message: cancelled ? 'Cancelled; nothing was kept.' : e instanceof Error ? e.message : String(e) });
      return null;
    } finally {
      this.run = null;
    }
  }
}
