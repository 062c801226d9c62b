/** Compare FWE (permutation) settings: the inference, permutations, cluster-forming p and the FWE alpha. */
import type { CompareSettings, FweChoice } from '../../shared/scene';
import { compareSettings, type AppStore } from '../store';
import { settingsPatch } from './compare';
import type { Command } from './types';

/**
 * The FWE choice with a patch applied; out-of-range values leave it unchanged. Turning FWE on (or
 * changing the cluster-forming p) sets the threshold to that uncorrected p: the FWE map is
 * cut from the uncorrected map at the cluster-forming threshold.
 */
export function setFwe(c: CompareSettings, patch: Partial<FweChoice>): CompareSettings {
  const f = { ...c.fwe, ...patch };
  if (!(f.nPerm >= 2 && f.nPerm <= 1e6 && Number.isInteger(f.nPerm))) return c;
  if (!(f.clusterP > 0 && f.clusterP < 1) || !(f.alpha > 0 && f.alpha <= 1)) return c;
  // the sides stay the threshold's: FWE is one-sided (the direction shown) when the threshold is
  const threshold = f.on ? { ...c.threshold, mode: 'p-unc' as const, value: f.clusterP } : c.threshold;
  return { ...c, fwe: f, threshold };
}

const update = (store: AppStore, patch: Partial<FweChoice>) => settingsPatch(store, (c) => setFwe(c, patch), true);

export const comparePermCommands: Command[] = [
  {
    id: 'compare.setFwe',
    title: 'Compare: FWE (permutation) settings',
    palette: false,
    capture: 'now',
    perform: ({ store }, args) => update(store, (args ?? {}) as Partial<FweChoice>),
  },
  {
    id: 'compare.toggleFwe',
    title: 'Compare: Toggle FWE (permutation) threshold',
    when: (s) => s.workspace === 'compare',
    capture: 'now',
    perform: ({ store }) => update(store, { on: !compareSettings(store.getState()).fwe.on }),
  },
];
