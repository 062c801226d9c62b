/**
 * The cluster table as a file: one schema for the CLI (`clusters`, `permute`) and the app's
 * export, so a table from either reads the same way in pandas or R.
 *
 * Always, in this order (the CLI's columns since its first version, so old scripts keep working):
 *   cluster, sign (1 | -1), n_voxels, volume_mm3, peak_value, peak_x, peak_y, peak_z,
 *   com_x, com_y, com_z, peak_label, top_labels, peak_kind (peak | subpeak)
 * Then only when the writer has them, in this order:
 *   statistic (what peak_value is, e.g. "paired t"), peak_t (t at the peak, when the statistic is
 *   not t), mass (sum of |t| - cluster-forming t), fwe_p_extent, fwe_p_mass (permute), fwe_p (the
 *   app's permutation result for the cluster, named in a "# Inference:" line).
 * A sub-peak row repeats its cluster and sign, has its own value, mm and label, and leaves the
 * size, centre of mass, top labels and p columns empty.
 * Numbers: values to 7 significant digits (float32 maps hold no more), mm to 0.01, mm3 to 0.001.
 */
import { toDelimited, type Separator } from '../csv';

export const CLUSTER_FILE_COLUMNS = [
  'cluster',
  'sign',
  'n_voxels',
  'volume_mm3',
  'peak_value',
  'peak_x',
  'peak_y',
  'peak_z',
  'com_x',
  'com_y',
  'com_z',
  'peak_label',
  'top_labels',
  'peak_kind',
] as const;

export const OPTIONAL_CLUSTER_COLUMNS = ['statistic', 'peak_t', 'mass', 'fwe_p_extent', 'fwe_p_mass', 'fwe_p'] as const;
type Optional = (typeof OPTIONAL_CLUSTER_COLUMNS)[number];

export interface ClusterFileRow {
  cluster: number;
  sign: 1 | -1;
  kind: 'peak' | 'subpeak';
  /** size and centre of mass: peak rows only */
  nVoxels?: number;
  volumeMm3?: number;
  comMm?: readonly number[];
  peakValue: number;
  peakMm: readonly number[];
  peakLabel: string;
  /** "Amygdala_R 62%; Hippocampus_R 30%" */
  topLabels?: string;
  statistic?: string;
  peakT?: number;
  mass?: number;
  fwePExtent?: number;
  fwePMass?: number;
  fweP?: number;
}

const pick: Record<Optional, (r: ClusterFileRow) => string | number | undefined> = {
  statistic: (r) => r.statistic,
  peak_t: (r) => (r.peakT === undefined ? undefined : sig7(r.peakT)),
  mass: (r) => (r.mass === undefined ? undefined : Number(r.mass.toPrecision(10))),
  fwe_p_extent: (r) => r.fwePExtent,
  fwe_p_mass: (r) => r.fwePMass,
  fwe_p: (r) => r.fweP,
};

function sig7(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(7)) : v;
}

function round(v: number | undefined, digits: number): number | string {
  if (v === undefined) return '';
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** 'Amygdala_R 62%; Hippocampus_R 30%' */
export function formatTopLabels(top: readonly { name: string; fraction: number }[]): string {
  return top.map((l) => `${l.name} ${Math.round(l.fraction * 100)}%`).join('; ');
}

/** The cells of one row for the fixed columns. */
export function clusterFileCells(r: ClusterFileRow): (string | number)[] {
  const peak = r.kind === 'peak';
  return [
    r.cluster,
    r.sign,
    peak ? (r.nVoxels ?? '') : '',
    peak ? round(r.volumeMm3, 3) : '',
    sig7(r.peakValue),
    round(r.peakMm[0], 2),
    round(r.peakMm[1], 2),
    round(r.peakMm[2], 2),
    peak ? round(r.comMm?.[0], 2) : '',
    peak ? round(r.comMm?.[1], 2) : '',
    peak ? round(r.comMm?.[2], 2) : '',
    r.peakLabel,
    peak ? (r.topLabels ?? '') : '',
    r.kind,
  ];
}

/**
 * The whole table as CSV (',') or TSV ('\t'). Optional columns appear when any row has a value for
 * them; `notice` lines (the demo's "Simulated demo", the inference) go first as '# ' lines.
 */
export function clusterFileText(rows: ClusterFileRow[], options: { sep?: Separator; notice?: string } = {}): string {
  const optional = OPTIONAL_CLUSTER_COLUMNS.filter((c) => rows.some((r) => pick[c](r) !== undefined));
  const header = [...CLUSTER_FILE_COLUMNS, ...optional];
  const body = rows.map((r) => [...clusterFileCells(r), ...optional.map((c) => pick[c](r) ?? '')]);
  return toDelimited(header, body, options.sep ?? ',', options.notice);
}
