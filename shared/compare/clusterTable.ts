// The cluster table of the compare workspace: clusters of the voxels that pass the
// resolved threshold, with their extent, peak and atlas labels, ready for a table or CSV.

import { DEFAULT_SUBPEAKS, findClusters } from '../clusters';
import type { AtlasLike } from '../clusters';
import type { Grid } from '../spaces/types';
import { statisticName, statMap } from './contrast';
import type { Separator } from '../csv';
import { clusterFileText, formatTopLabels, type ClusterFileRow } from '../clusters/tableFile';
import { passingValues, type ResolvedThreshold } from './threshold';
import type { ContrastMaps, Design, Statistic } from './types';

export interface ClusterRow {
  id: number;
  sign: 1 | -1;
  nVoxels: number;
  volumeMm3: number;
  /** the displayed statistic at the peak voxel */
  peakStat: number;
  /** t at the peak voxel */
  peakT: number;
  peakVoxel: [number, number, number];
  /** peak in template (MNI) mm */
  peakMm: [number, number, number];
  comMm: [number, number, number];
  peakLabel: string;
  topLabels: { name: string; fraction: number }[];
  /** Local maxima ≥ 8 mm from the peak and each other, largest first (see shared/clusters/subpeaks.ts). */
  subpeaks?: SubPeakRow[];
}

export interface SubPeakRow {
  /** the displayed statistic at the sub-peak */
  stat: number;
  t: number;
  voxel: [number, number, number];
  mm: [number, number, number];
  label: string;
}

export interface ClusterTableOptions {
  grid: Grid;
  /** 26 by default (FSL's rule); SPM uses 18 */
  connectivity?: 6 | 18 | 26;
  atlas?: AtlasLike;
  /** sub-peaks listed per cluster (default 3, as the table shows) */
  subpeaks?: number;
}

export interface ClusterTableResult {
  statistic: Statistic;
  rows: ClusterRow[];
  /** per voxel: 0 = none, k = the cluster with id k (after the minimum extent) */
  labels: Int32Array;
}

/**
 * Clusters of the suprathreshold voxels. The peak is where the thresholded value (t for p/q
 * thresholds, the statistic for raw ones) is most extreme; peakStat is the displayed
 * statistic at that voxel, so a mean-difference table under a p threshold shows the mean
 * difference at the t peak.
 */
export function clusterTable(maps: ContrastMaps, statistic: Statistic, resolved: ResolvedThreshold, options: ClusterTableOptions): ClusterTableResult {
  const [nx, ny, nz] = options.grid.dims;
  if (resolved.empty) return { statistic, rows: [], labels: new Int32Array(nx * ny * nz) };
  const common = {
    connectivity: options.connectivity ?? 26,
    minVoxels: Math.max(1, Math.floor(resolved.spec.minExtentVoxels || 0)),
    atlas: options.atlas,
    subpeaks: { count: options.subpeaks ?? DEFAULT_SUBPEAKS },
  };
  let result;
  if (resolved.on === 't' || resolved.on === 'statistic') {
    // A fixed cut: cluster the map itself (findClusters keeps value > c and value < -c).
    const source = resolved.on === 't' ? maps.t : statMap(maps, statistic);
    const c = resolved.inclusive ? float32Below(resolved.statCutoff) : resolved.statCutoff;
    result = findClusters(source, options.grid, { ...common, threshold: c, twoSided: resolved.sided === 2 });
  } else {
    // Welch p/q cuts differ per voxel: cluster the passing t values (all non-zero, 0 elsewhere),
    // so the smallest positive threshold selects exactly the passing voxels.
    const values = passingValues(maps, statistic, resolved);
    result = findClusters(values, options.grid, { ...common, threshold: Number.MIN_VALUE, twoSided: true });
  }
  const stat = statMap(maps, statistic);
  const rows = result.clusters.map((c): ClusterRow => {
    const [i, j, k] = c.peakVoxel;
    const idx = i + nx * (j + ny * k);
    return {
      id: c.id,
      sign: c.sign,
      nVoxels: c.nVoxels,
      volumeMm3: c.volumeMm3,
      peakStat: stat[idx],
      peakT: maps.t[idx],
      peakVoxel: [i, j, k],
      peakMm: [c.peakMm[0], c.peakMm[1], c.peakMm[2]],
      comMm: [c.comMm[0], c.comMm[1], c.comMm[2]],
      peakLabel: c.peakLabel,
      topLabels: c.topLabels,
      subpeaks: c.subpeaks.map((p) => {
        const at = p.voxel[0] + nx * (p.voxel[1] + ny * p.voxel[2]);
        return { stat: stat[at], t: maps.t[at], voxel: p.voxel, mm: p.mm, label: p.label };
      }),
    };
  });
  return { statistic, rows, labels: result.labels };
}

/** Rows sorted by size (largest first) or by peak (largest |peak statistic| first); ties keep cluster order. */
export function sortRows(rows: ClusterRow[], by: 'size' | 'peak'): ClusterRow[] {
  const key = by === 'size' ? (r: ClusterRow) => r.nVoxels : (r: ClusterRow) => (Number.isFinite(r.peakStat) ? Math.abs(r.peakStat) : -1);
  const second = by === 'size' ? (r: ClusterRow) => Math.abs(r.peakT) : (r: ClusterRow) => r.nVoxels;
  return rows
    .map((r, order) => ({ r, order }))
    .sort((x, y) => key(y.r) - key(x.r) || second(y.r) - second(x.r) || x.order - y.order)
    .map((x) => x.r);
}

/**
 * The compare table as rows of the one cluster-table file schema (shared/clusters/tableFile.ts):
 * each cluster, then its sub-peaks; `fweP` (by the rows' order) adds the permutation column.
 */
export function clusterFileRowsOf(rows: ClusterRow[], statistic: Statistic, fweP?: (number | undefined)[], design: Design = 'paired'): ClusterFileRow[] {
  const stat = statisticName(statistic, design);
  const withT = statistic !== 'paired-t' && statistic !== 'welch-t';
  return rows.flatMap((r, i): ClusterFileRow[] => [
    {
      cluster: r.id,
      sign: r.sign,
      kind: 'peak',
      nVoxels: r.nVoxels,
      volumeMm3: r.volumeMm3,
      comMm: r.comMm,
      peakValue: r.peakStat,
      peakMm: r.peakMm,
      peakLabel: r.peakLabel,
      topLabels: formatTopLabels(r.topLabels),
      statistic: stat,
      peakT: withT ? r.peakT : undefined,
      fweP: fweP?.[i],
    },
    ...(r.subpeaks ?? []).map((p): ClusterFileRow => ({
      cluster: r.id,
      sign: r.sign,
      kind: 'subpeak',
      peakValue: p.stat,
      peakMm: p.mm,
      peakLabel: p.label,
      statistic: stat,
      peakT: withT ? p.t : undefined,
    })),
  ]);
}

/** The table as CSV (',') or TSV ('\t'), with the notice (e.g. the demo's "Simulated demo: ...") as first '# ' lines. */
export function rowsToDelimited(rows: ClusterRow[], sep: Separator, options: { notice?: string; statistic?: Statistic; fweP?: (number | undefined)[]; design?: Design } = {}): string {
  return clusterFileText(clusterFileRowsOf(rows, options.statistic ?? 'paired-t', options.fweP, options.design), { sep, notice: options.notice });
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** The float32 just below a positive float32 c: for float32 values, v > it exactly when v >= c. */
function float32Below(c: number): number {
  f32[0] = c;
  if (f32[0] !== c || !(c > 0) || !Number.isFinite(c)) return c;
  i32[0] -= 1;
  return f32[0];
}
