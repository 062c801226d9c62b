/** Compare FWE (permutation) settings: the inference, permutations, cluster-forming p and the FWE alpha. */
import type { AppStore } from '../store';
import type { FweChoice } from '../store/comparePerm';
import type { CompareState } from '../store/compare';
import type { Command } from './types';

/**
 * The FWE choice with a patch applied; out-of-range values leave it unchanged. Turning FWE on (or
 * changing the cluster-forming p) sets the threshold to that uncorrected p: the FWE map is
 * cut from the uncorrected map at the cluster-forming threshold.
 */
export function setFwe(c: CompareState, patch: Partial<FweChoice>): CompareState {
  const f = { ...c.fwe, ...patch };
  if (!(f.nPerm >= 2 && f.nPerm <= 1e6 && Number.isInteger(f.nPerm))) return c;
  if (!(f.clusterP > 0 && f.clusterP < 1) || !(f.alpha > 0 && f.alpha <= 1)) return c;
  // the sides stay the threshold's: FWE is one-sided (the direction shown) when the threshold is
  const threshold = f.on ? { ...c.threshold, mode: 'p-unc' as const, value: f.clusterP } : c.threshold;
  return { ...c, fwe: f, threshold, activeCluster: -1 };
}

function update(store: AppStore, patch: Partial<FweChoice>): void {
  const c = store.getState().compare;
  const next = setFwe(c, patch);
  if (next !== c) store.setState({ compare: next });
}

export const comparePermCommands: Command[] = [
  {
    id: 'compare.setFwe',
    title: 'Compare: FWE (permutation) settings',
    palette: false,
    perform: ({ store }, args) => update(store, (args ?? {}) as Partial<FweChoice>),
  },
  {
    id: 'compare.toggleFwe',
    title: 'Compare: Toggle FWE (permutation) threshold',
    when: (s) => s.workspace === 'compare',
    perform: ({ store }) => update(store, { on: !store.getState().compare.fwe.on }),
  },
];
