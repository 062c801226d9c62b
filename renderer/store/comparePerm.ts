// The state of the current FWE (permutation) run. The choices (which inference, how many
// permutations) are Compare settings (shared/scene/compare.ts): in FWE mode the threshold holds the
// cluster-forming p (the uncorrected map the FWE map is cut from).
import { DEFAULT_FWE as SETTINGS_FWE, type FweChoice } from '../../shared/scene';

export type { FweChoice } from '../../shared/scene';

export interface PermRunState {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  done: number;
  total: number;
  /** seconds left, estimated from the rate so far */
  etaS: number | null;
  /** seconds the finished run took (both workers) */
  seconds: number | null;
  /** the key of the stored result the panes show (contrast + settings), or null */
  resultKey: string | null;
  /** the inference named for captions, e.g. "TFCE, FWE p < 0.05, 1000 sign-flips, seed 1" */
  caption: string | null;
  message: string;
  /** FWE p per cluster-table row id (smallest voxel p inside; the cluster p for extent/mass) */
  clusterP: Record<number, number>;
}

export const DEFAULT_FWE: FweChoice = { ...SETTINGS_FWE };

export function initialPerm(): PermRunState {
  return { status: 'idle', done: 0, total: 0, etaS: null, seconds: null, resultKey: null, caption: null, message: '', clusterP: {} };
}

/**
 * Key of a stored result: re-selecting a contrast and settings seen before costs nothing. The sides
 * are the threshold's (one-sided tests the direction shown, so that is part of the key too).
 */
export function fweKey(contrastKey: string, f: Pick<FweChoice, 'method' | 'nPerm' | 'clusterP' | 'seed'>, sided: 1 | 2 = 2, direction: 'A-B' | 'B-A' = 'A-B'): string {
  return `${contrastKey}|${f.method}|${f.nPerm}|${f.method === 'cluster-extent' || f.method === 'cluster-mass' ? f.clusterP : ''}|${f.seed}|${sided === 1 ? `one-sided ${direction}` : 'two-sided'}`;
}
