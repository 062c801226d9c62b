// Sub-peaks (local maxima) inside clusters, as SPM, FSL and nilearn list them under a cluster.
// A voxel is a local maximum of its cluster when its |value| (the value times the cluster's
// sign) is >= every neighbour's in the same cluster, neighbours by the clustering connectivity.
// On a plateau of equal values only the voxel with the lowest flat index (i fastest) counts,
// so a flat top yields one maximum, not many. From those maxima, the sub-peaks are picked
// greedily by descending |value| (ties: lowest index), each at least minDistanceMm (MNI mm)
// from the cluster's peak and from every sub-peak already picked (SPM's rule; 8 mm default).

import type { Grid } from '../spaces/types';
import { voxelToMm } from '../spaces/matrix';
import type { Connectivity } from './label';

export interface SubPeak {
  /** signed value at the sub-peak */
  value: number;
  voxel: [number, number, number];
  /** MNI (template) mm */
  mm: [number, number, number];
  /** atlas label ('' without an atlas) */
  label: string;
}

export interface SubPeakOptions {
  connectivity: Connectivity;
  /** how many sub-peaks per cluster besides the peak (default 3) */
  count?: number;
  /** minimum distance in mm from the peak and from each other (default 8, as SPM) */
  minDistanceMm?: number;
}

export const DEFAULT_SUBPEAKS = 3;
export const DEFAULT_MIN_DISTANCE_MM = 8;

/** All neighbour offsets (di, dj, dk) but (0,0,0), as scipy's generate_binary_structure(3, 1|2|3). */
function neighbourOffsets(connectivity: Connectivity): [number, number, number][] {
  const order = connectivity === 6 ? 1 : connectivity === 18 ? 2 : 3;
  const out: [number, number, number][] = [];
  for (let dk = -1; dk <= 1; dk++)
    for (let dj = -1; dj <= 1; dj++)
      for (let di = -1; di <= 1; di++) {
        const o = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (o > 0 && o <= order) out.push([di, dj, dk]);
      }
  return out;
}

/**
 * Local maxima of every cluster: per cluster id (1..K, index id - 1), the flat voxel indices,
 * sorted by descending |value| (ties: lowest index first). `labels` is the final label map and
 * `voxels` the labelled voxel indices (0 in labels = outside every kept cluster).
 */
export function localMaxima(
  data: ArrayLike<number>,
  dims: [number, number, number],
  labels: Int32Array,
  voxels: ArrayLike<number>,
  signs: (1 | -1)[],
  connectivity: Connectivity,
): number[][] {
  const [nx, ny, nz] = dims;
  const offsets = neighbourOffsets(connectivity);
  const flat = Int32Array.from(offsets, ([di, dj, dk]) => di + nx * (dj + ny * dk));
  const out: number[][] = signs.map(() => []);
  for (let v = 0; v < voxels.length; v++) {
    const idx = voxels[v];
    const l = labels[idx];
    if (l === 0) continue;
    const s = signs[l - 1];
    const a = data[idx] * s;
    const i = idx % nx;
    const jk = (idx - i) / nx;
    const j = jk % ny;
    const k = (jk - j) / ny;
    let isMax = true;
    // Away from the volume's faces every neighbour exists: flat offsets, no bounds checks.
    const inside = i > 0 && j > 0 && k > 0 && i < nx - 1 && j < ny - 1 && k < nz - 1;
    for (let o = 0; o < offsets.length; o++) {
      let n: number;
      if (inside) n = idx + flat[o];
      else {
        const [di, dj, dk] = offsets[o];
        const ii = i + di;
        const jj = j + dj;
        const kk = k + dk;
        if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
        n = ii + nx * (jj + ny * kk);
      }
      if (labels[n] !== l) continue;
      const b = data[n] * s;
      if (b > a || (b === a && n < idx)) {
        isMax = false;
        break;
      }
    }
    if (isMax) out[l - 1].push(idx);
  }
  for (let c = 0; c < out.length; c++) {
    const s = signs[c];
    out[c].sort((x, y) => data[y] * s - data[x] * s || x - y);
  }
  return out;
}

/** Greedy pick of up to `count` maxima at least minDistanceMm from the peak and from each other. */
export function pickSubPeaks(
  maxima: number[],
  peakIdx: number,
  grid: Grid,
  count: number,
  minDistanceMm: number,
): { idx: number; voxel: [number, number, number]; mm: [number, number, number] }[] {
  const [nx, ny] = grid.dims;
  const at = (idx: number) => {
    const i = idx % nx;
    const jk = (idx - i) / nx;
    const j = jk % ny;
    const voxel: [number, number, number] = [i, j, (jk - j) / ny];
    const m = voxelToMm(grid.affine, voxel[0], voxel[1], voxel[2]);
    return { idx, voxel, mm: [m[0], m[1], m[2]] as [number, number, number] };
  };
  const chosen = [at(peakIdx)];
  const d2 = minDistanceMm * minDistanceMm;
  for (const idx of maxima) {
    if (chosen.length > count) break;
    if (idx === peakIdx) continue;
    const p = at(idx);
    const far = chosen.every((q) => (p.mm[0] - q.mm[0]) ** 2 + (p.mm[1] - q.mm[1]) ** 2 + (p.mm[2] - q.mm[2]) ** 2 >= d2 - 1e-9);
    if (far) chosen.push(p);
  }
  return chosen.slice(1);
}
