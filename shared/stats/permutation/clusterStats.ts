// Cluster size and mass of one permutation's suprathreshold voxels (few: union-find over those only,
// on the padded grid). Mass = sum of (|t| - T) over the cluster, summed in NIfTI order as
// perm_reference.py's bincount does, so the numbers agree bit for bit.
import type { PaddedGrid } from './design';

export interface ClusterScratch {
  mark: Int8Array;
  parent: Int32Array;
  size: Int32Array;
  mass: Float64Array;
}

export function clusterScratch(g: PaddedGrid): ClusterScratch {
  return { mark: new Int8Array(g.size), parent: new Int32Array(g.size), size: new Int32Array(g.size), mass: new Float64Array(g.size) };
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    const up = parent[parent[x]];
    parent[x] = up;
    x = up;
  }
  return x;
}

/**
 * Largest cluster size and mass. supra[0..n) = tested-voxel indices, ascending (NIfTI order), with
 * |t| > T; tAt[q] their exact t. Positive and negative voxels never join. halfOffsets: the
 * neighbours before a voxel in scan order (every pair is seen once, from its later voxel).
 */
export function clusterMaxima(g: PaddedGrid, halfOffsets: Int32Array, supra: Int32Array, tAt: Float64Array, n: number, T: number, s: ClusterScratch): { maxSize: number; maxMass: number } {
  const { mark, parent, size, mass } = s;
  const at = g.at;
  for (let q = 0; q < n; q++) {
    const p = at[supra[q]];
    mark[p] = tAt[q] > 0 ? 1 : -1;
    parent[p] = p;
    size[p] = 1;
    mass[p] = 0;
  }
  const nOff = halfOffsets.length;
  for (let q = 0; q < n; q++) {
    const p = at[supra[q]];
    const c = mark[p];
    for (let o = 0; o < nOff; o++) {
      const nb = p + halfOffsets[o];
      if (mark[nb] !== c) continue;
      let ra = find(parent, p);
      let rb = find(parent, nb);
      if (ra === rb) continue;
      if (size[ra] < size[rb]) {
        const x = ra;
        ra = rb;
        rb = x;
      }
      parent[rb] = ra;
      size[ra] += size[rb];
    }
  }
  let maxSize = 0;
  let maxMass = 0;
  for (let q = 0; q < n; q++) {
    const r = find(parent, at[supra[q]]);
    mass[r] += Math.abs(tAt[q]) - T;
  }
  for (let q = 0; q < n; q++) {
    const p = at[supra[q]];
    if (parent[p] === p) {
      if (size[p] > maxSize) maxSize = size[p];
      if (mass[p] > maxMass) maxMass = mass[p];
    }
  }
  for (let q = 0; q < n; q++) mark[at[supra[q]]] = 0;
  return { maxSize, maxMass };
}
