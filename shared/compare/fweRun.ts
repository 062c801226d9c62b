// How an FWE choice becomes a permutation run: the engine's options, the cluster-forming t and
// whether the maps go in swapped. Compare's runs, the figure's in the app and `contrastscope render`'s
// all take it from here, so one choice on one contrast gives one null distribution everywhere.
import { pToT } from '../stats';
import type { InferenceMethod, PermOptions } from '../stats/permutation';

export interface FweRunPlan {
  opts: PermOptions;
  /** |t| (t when one-sided) above which voxels form clusters: the choice's clusterP at the contrast's dof */
  clusterT: number;
  /** one-sided B − A tests t > 0 of the maps swapped (B first) */
  swap: boolean;
  oneSided: boolean;
}

/** The sides follow the threshold's: one-sided tests the direction shown (first > second). */
export function fweRunPlan(f: { method: InferenceMethod; clusterP: number }, dof: number, sided: 1 | 2, direction: 'A-B' | 'B-A'): FweRunPlan {
  const cluster = f.method === 'cluster-extent' || f.method === 'cluster-mass';
  const clusterT = pToT(f.clusterP, dof, sided);
  const oneSided = sided === 1;
  // Clusters and TFCE are 26-connected in every FWE run (the engine's and fweMap's labelling).
  return { opts: { oneSided, clusterT: cluster ? clusterT : undefined, connectivity: 26, tfce: f.method === 'tfce', tfceConnectivity: 26 }, clusterT, swap: oneSided && direction === 'B-A', oneSided };
}
