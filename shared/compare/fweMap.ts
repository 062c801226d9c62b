// A permutation run's result as the compare views use it: one FWE p per voxel for the chosen
// inference (voxel p for max-T and TFCE; the p of the voxel's cluster for extent and mass), so
// moving the FWE alpha afterwards is only a comparison per voxel (no rerun), and each cluster-table
// row's FWE p is the smallest p inside it.
import { labelComponents } from '../clusters';
import { countAtLeast, nullColumns, sortedNull, type InferenceMethod, type NullColumns, type ObservedRow, type PermOptions } from '../stats/permutation';

export interface FweResult {
  method: InferenceMethod;
  /** full grid; NaN = not tested, 1 = outside every cluster (extent/mass) */
  p: Float32Array;
  N: number;
  exact: boolean;
  clusterT: number;
}

/** oneSided: the run tested t > 0 only (statistics signed, positive clusters only), as `permute --one-sided`. */
export function fweMap(o: { method: InferenceMethod; observed: ObservedRow; nulls: NullColumns; voxels: Int32Array; dims: [number, number, number]; N: number; exact: boolean; clusterT: number; oneSided?: boolean }): FweResult {
  const { method, observed, nulls, voxels, dims, N, clusterT } = o;
  const one = o.oneSided === true;
  const nVox = dims[0] * dims[1] * dims[2];
  const p = new Float32Array(nVox).fill(NaN);
  const V = voxels.length;
  const voxelP = (x: Float64Array, column: Float64Array) => {
    const sorted = sortedNull(column);
    for (let w = 0; w < V; w++) p[voxels[w]] = (1 + countAtLeast(sorted, one ? x[w] : Math.abs(x[w]))) / N;
  };
  if (method === 'max-t') voxelP(observed.t, nulls.maxT);
  else if (method === 'tfce') {
    if (!observed.tfce || !nulls.maxTfce) throw new Error('the run has no TFCE values');
    voxelP(observed.tfce, nulls.maxTfce);
  } else {
    const column = method === 'cluster-extent' ? nulls.maxSize : nulls.maxMass;
    if (!column) throw new Error('the run has no cluster statistics');
    // Clusters of |t| > T (strict, positive and negative apart, 26-connected) as the engine counts them.
    const cls = new Int8Array(nVox);
    const tAt = new Float64Array(nVox);
    for (let w = 0; w < V; w++) {
      const t = observed.t[w];
      tAt[voxels[w]] = t;
      p[voxels[w]] = 1;
      if (t > clusterT) cls[voxels[w]] = 1;
      else if (!one && -t > clusterT) cls[voxels[w]] = -1;
    }
    const comps = labelComponents(cls, dims, 26);
    const stat = new Float64Array(comps.count + 1);
    for (const idx of comps.voxels) stat[comps.labels[idx]] += method === 'cluster-extent' ? 1 : Math.abs(tAt[idx]) - clusterT;
    const sorted = sortedNull(column);
    const pc = new Float64Array(comps.count + 1);
    for (let k = 1; k <= comps.count; k++) pc[k] = (1 + countAtLeast(sorted, stat[k])) / N;
    for (const idx of comps.voxels) p[idx] = pc[comps.labels[idx]];
  }
  return { method, p, N, exact: o.exact, clusterT };
}

/** Smallest FWE p inside each cluster of a label volume (index k = cluster k; 1 when none). */
export function clusterFweP(labels: Int32Array, p: Float32Array, count: number): Float64Array {
  const out = new Float64Array(count + 1).fill(1);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    if (k > 0 && k <= count && p[i] < out[k]) out[k] = p[i];
  }
  return out;
}

/** p <= alpha with the same rounding the FWE counts use (alpha * N compared in integers where it is one). */
export function passesFwe(p: number, alpha: number, N: number): boolean {
  const c = Math.round(p * N);
  return c <= alpha * N + 1e-9;
}

/** The null columns of one run split over workers (each part's range of rows), joined in row order. */
export function joinNulls(parts: { range: [number, number]; nulls: NullColumns }[], N: number, opts: PermOptions): NullColumns {
  const nulls = nullColumns(N, opts);
  let covered = 0;
  for (const part of parts) {
    const at = part.range[0];
    covered += part.range[1] - at;
    nulls.maxT.set(part.nulls.maxT, at);
    if (nulls.maxSize && part.nulls.maxSize) nulls.maxSize.set(part.nulls.maxSize, at);
    if (nulls.maxMass && part.nulls.maxMass) nulls.maxMass.set(part.nulls.maxMass, at);
    if (nulls.maxTfce && part.nulls.maxTfce) nulls.maxTfce.set(part.nulls.maxTfce, at);
  }
  if (covered !== N) throw new Error(`the workers covered ${covered} of ${N} permutations`);
  return nulls;
}
