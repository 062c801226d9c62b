// FWE mode on the display maps: cut the uncorrected (cluster-forming) map to the voxels whose stored
// FWE p passes the alpha, and name the inference in the threshold description every caption uses.
import { clusterFweP, passesFwe, type FweResult } from './fweMap';
import type { ClusterRow } from './clusterTable';
import type { ResolvedThreshold } from './threshold';

/** Zeroes `stat` where the FWE p does not pass (in place); returns the threshold described as FWE. */
export function applyFwe(stat: Float32Array, fwe: FweResult, alpha: number, resolved: ResolvedThreshold, caption: string): ResolvedThreshold {
  let any = false;
  for (let i = 0; i < stat.length; i++) {
    if (stat[i] === 0 || stat[i] !== stat[i]) continue;
    const p = fwe.p[i];
    if (!(p === p) || !passesFwe(p, alpha, fwe.N)) stat[i] = 0;
    else any = true;
  }
  return { ...resolved, description: `${caption}; within ${resolved.description}`, empty: resolved.empty || !any };
}

/** An FWE p as the cluster tables show it (Compare's and the figure's): 3 decimals, or 1.2e-4 below 0.001. */
export const fmtFweP = (p: number): string => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/** FWE p of each cluster-table row (by id): the smallest stored p among its voxels. */
export function fweClusterP(labels: Int32Array, p: Float32Array, rows: ClusterRow[]): Record<number, number> {
  let max = 0;
  for (const r of rows) if (r.id > max) max = r.id;
  const per = clusterFweP(labels, p, max);
  const out: Record<number, number> = {};
  for (const r of rows) out[r.id] = per[r.id];
  return out;
}
