// Cluster table of a thresholded stat map. Definitions follow reference.py's cluster_table:
// size from the label map, peak = max |value| (ties: first voxel in C order, as numpy's
// stable lexsort and ndimage.maximum_position give), centre of mass weighted by |value|,
// computed in voxel space and mapped to mm (the affine is linear, so this is the mm COM).

import type { Grid } from '../spaces/types';
import { det3, invert4, voxelToMm } from '../spaces/matrix';
import { sameGrid } from '../spaces/grid';
import { labelComponents, type Components, type Connectivity } from './label';
import { localMaxima, pickSubPeaks, DEFAULT_MIN_DISTANCE_MM, type SubPeak } from './subpeaks';

export interface AtlasLike {
  grid: Grid;
  data: ArrayLike<number>;
  names: Map<number, string>;
}

export interface ClusterOptions {
  threshold: number;
  /** Keep value > T and value < -T as separate clusters; otherwise only value > T. */
  twoSided: boolean;
  connectivity: Connectivity;
  /** Drop clusters with fewer voxels than this. */
  minVoxels?: number;
  /** Drop clusters smaller than this volume in mm³. */
  minMm3?: number;
  atlas?: AtlasLike;
  /** Table order; ids 1..K follow it. Default 'size' (descending, ties by first voxel in C order). */
  sortBy?: 'size' | 'peak';
  /** Buffers reused across calls on one grid (e.g. while dragging a threshold). */
  workspace?: ClusterWorkspace;
  /** Local maxima listed under each cluster besides its peak (see subpeaks.ts); none by default. */
  subpeaks?: { count: number; minDistanceMm?: number; connectivity?: Connectivity };
}

/**
 * Full-size arrays kept between calls: allocating fresh ones costs far more than labelling
 * (page faults + GC of ~36 MB per call at 1 mm). A result computed with a workspace shares
 * its `labels`/`cls`/`voxels` with it, so the next call with the same workspace overwrites them.
 */
export interface ClusterWorkspace {
  cls?: Int8Array;
  labels?: Int32Array;
  supra?: Int32Array;
  /**
   * How many voxels (supra[0..used)) the last call marked in cls/labels: the next call clears just
   * those instead of the whole volume. So while reusing a workspace, write into a result's
   * labels/cls only at its `voxels` (as clusterTable does), or delete `used` to force a full clear.
   */
  used?: number;
}

/** Makes ws.cls and ws.labels all-zero arrays of nVox voxels. */
function prepareWorkspace(ws: ClusterWorkspace, nVox: number): { cls: Int8Array; labels: Int32Array } {
  const { cls, labels, supra, used } = ws;
  if (cls?.length !== nVox || labels?.length !== nVox) {
    ws.used = undefined;
    return { cls: (ws.cls = new Int8Array(nVox)), labels: (ws.labels = new Int32Array(nVox)) };
  }
  if (used !== undefined && supra && used <= supra.length) {
    for (let v = 0; v < used; v++) {
      const idx = supra[v];
      cls[idx] = 0;
      labels[idx] = 0;
    }
  } else {
    cls.fill(0);
    labels.fill(0);
  }
  // Until this call has finished, a failed call leaves no trustworthy count: clear fully next time.
  ws.used = undefined;
  return { cls, labels };
}

export interface LabelShare {
  name: string;
  fraction: number;
}

export interface Cluster {
  id: number;
  sign: 1 | -1;
  nVoxels: number;
  volumeMm3: number;
  /** The value at the peak (signed): the largest |value| in the cluster. */
  peakValue: number;
  peakVoxel: [number, number, number];
  peakMm: [number, number, number];
  /** |value|-weighted centre of mass, mm. */
  comMm: [number, number, number];
  /** Atlas label at the peak ('unlabelled' for 0; '' without an atlas). */
  peakLabel: string;
  /** Up to 3 labels covering most of the cluster, largest share first (empty without an atlas). */
  topLabels: LabelShare[];
  /** Local maxima at least minDistanceMm from the peak and each other, largest first ([] unless asked for). */
  subpeaks: SubPeak[];
}

export interface ClusterResult {
  /** Per voxel: 0 = not in a kept cluster; k = clusters[k - 1]. */
  labels: Int32Array;
  clusters: Cluster[];
}

export const UNLABELLED = 'unlabelled';

/** Threshold and label only (the table is built by clusterTable). */
export function labelThreshold(
  data: Float32Array,
  grid: Grid,
  options: Pick<ClusterOptions, 'threshold' | 'twoSided' | 'connectivity' | 'workspace'>,
): Components & { cls: Int8Array } {
  const [nx, ny, nz] = grid.dims;
  const nVox = nx * ny * nz;
  if (data.length < nVox) throw new RangeError(`map has ${data.length} voxels, grid needs ${nVox}`);
  const { threshold, twoSided, connectivity } = options;
  if (!Number.isFinite(threshold)) throw new RangeError('cluster threshold must be a finite number');
  if (twoSided && threshold < 0) throw new RangeError(`a two-sided threshold must be >= 0 (got ${threshold})`);
  if (![6, 18, 26].includes(connectivity)) throw new RangeError(`connectivity must be 6, 18 or 26 (got ${connectivity})`);
  const ws = options.workspace;
  const buffers = ws ? prepareWorkspace(ws, nVox) : null;
  const { cls, supra } = classify(data, nVox, threshold, twoSided, ws, buffers?.cls);
  if (ws) ws.used = supra.length;
  return { ...labelComponents(cls, [nx, ny, nz], connectivity, supra, buffers?.labels), cls };
}

/** Find clusters and build their table. */
export function findClusters(data: Float32Array, grid: Grid, options: ClusterOptions): ClusterResult {
  return clusterTable(data, grid, labelThreshold(data, grid, options), options);
}

/** The table (and final label map) of labelled components; `components.labels` is renumbered in place. */
export function clusterTable(
  data: Float32Array,
  grid: Grid,
  components: Components & { cls: Int8Array },
  options: Pick<ClusterOptions, 'minVoxels' | 'minMm3' | 'atlas' | 'sortBy' | 'subpeaks'> & { connectivity?: Connectivity } = {},
): ClusterResult {
  const [nx, ny, nz] = grid.dims;
  const { labels, count, voxels, cls } = components;

  // One pass over the labelled voxels (scan order = i fastest) gathers every per-cluster sum.
  const size = new Int32Array(count + 1);
  const weight = new Float64Array(count + 1);
  const ci = new Float64Array(count + 1);
  const cj = new Float64Array(count + 1);
  const ck = new Float64Array(count + 1);
  const peakAbs = new Float64Array(count + 1).fill(-1);
  const peakIdx = new Int32Array(count + 1);
  const firstC = new Float64Array(count + 1).fill(Infinity);
  const sign = new Int8Array(count + 1);
  for (let v = 0; v < voxels.length; v++) {
    const idx = voxels[v];
    const l = labels[idx];
    const i = idx % nx;
    const jk = (idx - i) / nx;
    const j = jk % ny;
    const k = (jk - j) / ny;
    const val = data[idx];
    const a = Math.abs(val);
    size[l]++;
    weight[l] += a;
    ci[l] += a * i;
    cj[l] += a * j;
    ck[l] += a * k;
    sign[l] = cls[idx];
    const cOrder = (i * ny + j) * nz + k;
    if (cOrder < firstC[l]) firstC[l] = cOrder;
    if (a > peakAbs[l] || (a === peakAbs[l] && cOrder < cOrderOf(peakIdx[l], nx, ny, nz))) {
      peakAbs[l] = a;
      peakIdx[l] = idx;
    }
  }

  const voxelMm3 = Math.abs(det3(grid.affine));
  const minVoxels = Math.max(options.minVoxels ?? 0, options.minMm3 ? Math.ceil(options.minMm3 / voxelMm3 - 1e-9) : 0);
  const kept: number[] = [];
  for (let l = 1; l <= count; l++) if (size[l] >= minVoxels) kept.push(l);
  if (options.sortBy === 'peak') kept.sort((x, y) => peakAbs[y] - peakAbs[x] || firstC[x] - firstC[y]);
  else kept.sort((x, y) => size[y] - size[x] || firstC[x] - firstC[y]);

  const newId = new Int32Array(count + 1);
  kept.forEach((l, n) => (newId[l] = n + 1));
  for (let v = 0; v < voxels.length; v++) labels[voxels[v]] = newId[labels[voxels[v]]];

  const lookup = options.atlas ? atlasLookup(options.atlas, grid) : null;
  const clusters: Cluster[] = kept.map((l, n) => {
    const pIdx = peakIdx[l];
    const pv = ijkOf(pIdx, nx, ny);
    const w = weight[l];
    return {
      id: n + 1,
      sign: sign[l] < 0 ? -1 : 1,
      nVoxels: size[l],
      volumeMm3: size[l] * voxelMm3,
      peakValue: data[pIdx],
      peakVoxel: pv,
      peakMm: voxelToMm(grid.affine, pv[0], pv[1], pv[2]),
      comMm: voxelToMm(grid.affine, ci[l] / w, cj[l] / w, ck[l] / w),
      peakLabel: lookup ? lookup.name(lookup.at(pIdx)) : '',
      topLabels: [],
      subpeaks: [],
    };
  });
  if (lookup) fillTopLabels(clusters, labels, voxels, lookup);
  const sub = options.subpeaks;
  if (sub && sub.count > 0 && clusters.length > 0) {
    const conn = sub.connectivity ?? options.connectivity ?? 26;
    const maxima = localMaxima(data, [nx, ny, nz], labels, voxels, clusters.map((c) => c.sign), conn);
    clusters.forEach((c, n) => {
      const pIdx = peakIdx[kept[n]];
      c.subpeaks = pickSubPeaks(maxima[n], pIdx, grid, sub.count, sub.minDistanceMm ?? DEFAULT_MIN_DISTANCE_MM).map((p) => ({
        value: data[p.idx],
        voxel: p.voxel,
        mm: p.mm,
        label: lookup ? lookup.name(lookup.at(p.idx)) : '',
      }));
    });
  }
  return { labels, clusters };
}

/** +1 / -1 / 0 per voxel, and the suprathreshold indices in scan order, in one pass. */
function classify(
  data: Float32Array,
  nVox: number,
  threshold: number,
  twoSided: boolean,
  ws?: ClusterWorkspace,
  zeroed?: Int8Array,
): { cls: Int8Array; supra: Int32Array } {
  const cls = zeroed ?? new Int8Array(nVox);
  const found = { supra: ws?.supra && ws.supra.length > 0 ? ws.supra : new Int32Array(4096), n: 0 };
  if (threshold >= 0) classifyBits(new Int32Array(data.buffer, data.byteOffset, nVox), cls, thresholdBits(threshold), twoSided, found);
  else classifyFloat(data, nVox, cls, threshold, twoSided ? -threshold : -Infinity, found);
  if (ws) ws.supra = found.supra;
  return { cls, supra: found.supra.subarray(0, found.n) };
}

interface Found {
  supra: Int32Array;
  n: number;
}

function grow(found: Found): Int32Array {
  const grown = new Int32Array(found.supra.length * 2);
  grown.set(found.supra);
  return (found.supra = grown);
}

const INF_BITS = 0x7f800000;
const BITS = new Int32Array(1);
const BITS_AS_FLOAT = new Float32Array(BITS.buffer);

/** The largest float32 bit pattern b such that float32 v >= 0 satisfies v > threshold exactly when bits(v) > b. */
function thresholdBits(threshold: number): number {
  BITS_AS_FLOAT[0] = threshold + 0; // -0 has the sign bit set; +0 is the same threshold
  // fround rounds to nearest: when it rounded up, the rounded value itself is above the threshold.
  return BITS_AS_FLOAT[0] <= threshold ? BITS[0] : BITS[0] - 1;
}

// A float32 >= 0 orders like its int32 bit pattern, |v| is that pattern without the sign bit,
// and NaN patterns lie above +Inf: one integer compare per voxel instead of two float ones
// (this scan over the whole volume is most of the labelling time).
function classifyBits(bits: Int32Array, cls: Int8Array, tb: number, twoSided: boolean, found: Found): void {
  let supra = found.supra;
  let n = 0;
  const nVox = bits.length;
  if (twoSided) {
    for (let i = 0; i < nVox; i++) {
      const x = bits[i];
      const a = x & 0x7fffffff;
      if (a > tb && a <= INF_BITS) {
        cls[i] = x < 0 ? -1 : 1;
        if (n === supra.length) supra = grow(found);
        supra[n++] = i;
      }
    }
  } else {
    for (let i = 0; i < nVox; i++) {
      const x = bits[i];
      if (x > tb && x <= INF_BITS) {
        cls[i] = 1;
        if (n === supra.length) supra = grow(found);
        supra[n++] = i;
      }
    }
  }
  found.n = n;
}

function classifyFloat(data: Float32Array, nVox: number, cls: Int8Array, threshold: number, neg: number, found: Found): void {
  let supra = found.supra;
  let n = 0;
  for (let i = 0; i < nVox; i++) {
    const v = data[i];
    if (v > threshold || v < neg) {
      cls[i] = v > threshold ? 1 : -1;
      if (n === supra.length) supra = grow(found);
      supra[n++] = i;
    }
  }
  found.n = n;
}

function ijkOf(idx: number, nx: number, ny: number): [number, number, number] {
  const i = idx % nx;
  const jk = (idx - i) / nx;
  const j = jk % ny;
  return [i, j, (jk - j) / ny];
}

function cOrderOf(idx: number, nx: number, ny: number, nz: number): number {
  const [i, j, k] = ijkOf(idx, nx, ny);
  return (i * ny + j) * nz + k;
}

interface Lookup {
  /** Atlas label index under map voxel idx (0 outside the atlas). */
  at(idx: number): number;
  name(index: number): string;
}

/** Label under each map voxel: direct when the grids match, else nearest atlas voxel of the voxel's mm. */
function atlasLookup(atlas: AtlasLike, grid: Grid): Lookup {
  const [nx, ny] = grid.dims;
  const [ax, ay, az] = atlas.grid.dims;
  const name = (index: number) => (index === 0 ? UNLABELLED : (atlas.names.get(index) ?? `label ${index}`));
  if (sameGrid(atlas.grid, grid)) return { at: (idx) => Math.round(atlas.data[idx]) || 0, name };
  const toAtlas = invert4(atlas.grid.affine);
  return {
    name,
    at(idx) {
      const [i, j, k] = ijkOf(idx, nx, ny);
      const [x, y, z] = voxelToMm(grid.affine, i, j, k);
      const [fi, fj, fk] = voxelToMm(toAtlas, x, y, z);
      const ii = Math.round(fi);
      const jj = Math.round(fj);
      const kk = Math.round(fk);
      if (ii < 0 || jj < 0 || kk < 0 || ii >= ax || jj >= ay || kk >= az) return 0;
      return Math.round(atlas.data[ii + ax * (jj + ay * kk)]) || 0;
    },
  };
}

function fillTopLabels(clusters: Cluster[], labels: Int32Array, voxels: Int32Array, lookup: Lookup): void {
  const counts: Map<number, number>[] = clusters.map(() => new Map());
  for (let v = 0; v < voxels.length; v++) {
    const idx = voxels[v];
    const c = labels[idx];
    if (c === 0) continue;
    const m = counts[c - 1];
    const a = lookup.at(idx);
    m.set(a, (m.get(a) ?? 0) + 1);
  }
  clusters.forEach((cl, n) => {
    cl.topLabels = [...counts[n].entries()]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, 3)
      .map(([index, c]) => ({ name: lookup.name(index), fraction: c / cl.nVoxels }));
  });
}
