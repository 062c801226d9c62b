// ROI values for the ROI panel: one mean per subject and condition, the paired (or Welch)
// test of those means, per-subject CSV rows, and ROI means of a single group map.

import { describe, hedgesG, pairedTest, tToP, welchT } from '../stats';
import { toDelimited, type Separator } from '../csv';
import type { Design } from './types';

export interface RoiSummary {
  meanA: number;
  sdA: number;
  meanB: number;
  sdB: number;
  /** mean(A) - mean(B); paired: mean of the per-subject differences */
  meanDiff: number;
  t: number;
  /** two-sided */
  p: number;
  /** paired: Cohen's dz with its approximate 95% CI; two-group: Hedges' g (CI not computed: NaN) */
  dz: number;
  dzLow: number;
  dzHigh: number;
  /** paired: complete pairs; two-group: nA + nB */
  n: number;
  dof: number;
}

/** Mean of each map inside the mask, ignoring NaN voxels (NaN when the mask holds no finite voxel). */
export function roiMeans(maps: Float32Array[], mask: Uint8Array): number[] {
  const idx: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) idx.push(i);
  return maps.map((m) => {
    if (m.length !== mask.length) throw Object.assign(new Error(`ROI mask has ${mask.length} voxels, the map has ${m.length}`), { userFacing: true });
    let sum = 0;
    let n = 0;
    for (const i of idx) {
      const v = m[i];
      if (v === v) {
        sum += v;
        n++;
      }
    }
    return n ? sum / n : NaN;
  });
}

/** Per-subject ROI means of conditions A and B (same order as the maps). */
export function roiSubjectValues(mapsA: Float32Array[], mapsB: Float32Array[], mask: Uint8Array): { a: number[]; b: number[] } {
  return { a: roiMeans(mapsA, mask), b: roiMeans(mapsB, mask) };
}

/** The ROI panel's numbers for one ROI: condition means, the test and the effect size. */
export function roiSummary(a: number[], b: number[], design: Design): RoiSummary {
  if (design === 'paired') {
    const r = pairedTest(a, b);
    return { meanA: r.meanA, sdA: r.sdA, meanB: r.meanB, sdB: r.sdB, meanDiff: r.meanDiff, t: r.t, p: r.p, dz: r.dz, dzLow: r.dzLow, dzHigh: r.dzHigh, n: r.n, dof: r.dof };
  }
  const fa = a.filter(Number.isFinite);
  const fb = b.filter(Number.isFinite);
  const da = describe(fa);
  const db = describe(fb);
  let t = NaN;
  let dof = NaN;
  if (fa.length >= 2 && fb.length >= 2) {
    // The voxelwise Welch test on one-voxel maps is the scalar Welch test.
    const r = welchT(fa.map((v) => Float32Array.of(v)), fb.map((v) => Float32Array.of(v)));
    t = r.t[0];
    dof = r.dof[0];
  }
  return { meanA: da.mean, sdA: da.sd, meanB: db.mean, sdB: db.sd, meanDiff: da.mean - db.mean, t, p: tToP(t, dof, 2), dz: hedgesG(fa, fb), dzLow: NaN, dzHigh: NaN, n: da.n + db.n, dof };
}

export interface RoiValueRow {
  subject: string;
  condition: string;
  roi: string;
  value: number;
}

/**
 * Per-subject values as CSV/TSV: one row per subject x condition x ROI, then one column per
 * covariate (from participants.tsv, keyed by subject). The notice goes first as a '# ' line.
 */
export function roiRowsCsv(
  rows: RoiValueRow[],
  options: { notice?: string; covariates?: Record<string, Record<string, string | number>>; sep?: Separator } = {},
): string {
  const covariates = options.covariates ?? {};
  const columns: string[] = [];
  for (const subject of Object.keys(covariates)) for (const name of Object.keys(covariates[subject])) if (!columns.includes(name)) columns.push(name);
  const header = ['subject', 'condition', 'roi', 'value', ...columns];
  const body = rows.map((r) => [r.subject, r.condition, r.roi, r.value, ...columns.map((c) => covariates[r.subject]?.[c] ?? '')]);
  return toDelimited(header, body, options.sep ?? ',', options.notice);
}

/** Rows for roiRowsCsv from per-ROI subject values. */
export function roiRows(subjects: string[], conditions: [string, string], perRoi: { roi: string; a: number[]; b: number[] }[]): RoiValueRow[] {
  const rows: RoiValueRow[] = [];
  for (const { roi, a, b } of perRoi) {
    subjects.forEach((subject, i) => {
      rows.push({ subject, condition: conditions[0], roi, value: a[i] });
      rows.push({ subject, condition: conditions[1], roi, value: b[i] });
    });
  }
  return rows;
}

/** Group-map mode: mean, SD and voxel count of one map inside each ROI (NaN voxels ignored). */
export function roiGroupMapValues(map: Float32Array, masks: { roi: string; mask: Uint8Array }[]): { roi: string; mean: number; sd: number; n: number }[] {
  return masks.map(({ roi, mask }) => {
    if (mask.length !== map.length) throw Object.assign(new Error(`ROI "${roi}" has ${mask.length} voxels, the map has ${map.length}`), { userFacing: true });
    const values: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) values.push(map[i]);
    const d = describe(values);
    return { roi, mean: d.mean, sd: d.sd, n: d.n };
  });
}
