/**
 * A figure contrast's FWE (permutation) inference for `contrastscope render`: the same plan, rows
 * and engine as the app's Compare run (fweRunPlan, pairedFlips / twoGroupLabels with the seed),
 * on the CLI's worker-thread pool, so one seed gives the same null distribution and the same p.
 */
import type { FweInput } from '../../../shared/figure/prepare';
import type { ContrastSpec, FigureFwe } from '../../../shared/figure/schema';
import { fweMap, type FweResult } from '../../../shared/compare/fweMap';
import { fweRunPlan } from '../../../shared/compare/fweRun';
import { buildPermData, pairedFlips, twoGroupLabels } from '../../../shared/stats/permutation/index';
import { defaultJobs, runPermutationPool } from '../permPool';
import { InputError } from '../types';

export async function cliFwe(spec: ContrastSpec & { fwe: FigureFwe }, input: FweInput, o: { jobs?: number; log?: (s: string) => void } = {}): Promise<FweResult> {
  const f = spec.fwe;
  const plan = fweRunPlan(f, input.dof, spec.threshold.sided, spec.direction);
  const [a, b] = plan.swap ? [input.b, input.a] : [input.a, input.b];
  const dims = input.grid.dims.slice(0, 3) as [number, number, number];
  let data;
  try {
    data = buildPermData(a, b, dims, input.design);
  } catch (err) {
    throw new InputError(`FWE (permutation) inference: ${(err as Error).message}`);
  }
  if (data.V === 0) throw new InputError('FWE (permutation) inference: no voxel can be tested (no finite, non-zero-variance voxel)');
  let rows: Int8Array;
  let N: number;
  let exact = false;
  if (input.design === 'paired') ({ rows, n: N, exact } = pairedFlips(data.K, f.nPerm, f.seed));
  else {
    N = f.nPerm;
    rows = twoGroupLabels(data.nA, data.K - data.nA, N, f.seed);
  }
  o.log?.(`render: FWE by permutation (${f.method}): ${exact ? `all ${N}` : N} ${input.design === 'paired' ? 'sign-flips' : 'label permutations'}${exact ? '' : `, seed ${f.seed}`}`);
  const res = await runPermutationPool(data, rows, N, plan.opts, o.jobs ?? defaultJobs());
  o.log?.(`render: ${N} permutations in ${res.seconds.toFixed(1)} s`);
  return fweMap({ method: f.method, observed: res.observed, nulls: res.nulls, voxels: data.voxels, dims, N, exact, clusterT: plan.clusterT, oneSided: plan.oneSided });
}
