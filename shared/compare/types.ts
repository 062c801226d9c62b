// Shapes shared by the compare workspace logic, its worker protocol and the UI.

/** 'paired': subject i of A goes with subject i of B (within-subject); 'two-group': independent groups. */
export type Design = 'paired' | 'two-group';

/** What the contrast pane shows. Both t choices mean "the t map of this design" (see statMap). */
export type Statistic = 'paired-t' | 'welch-t' | 'mean-diff' | 'percent-change' | 'dz';
export const STATISTICS: readonly Statistic[] = ['paired-t', 'welch-t', 'mean-diff', 'percent-change', 'dz'];

/** 'A-B' is the default; 'B-A' is the swapped contrast. */
export type Direction = 'A-B' | 'B-A';

/**
 * Everything the compare workspace shows for one measure, computed once per measure.
 * meanA/meanB/sdA/sdB always describe condition A and condition B as given; the signed maps
 * (diff, t, dz, pctChange) follow `direction`. p and q are two-sided, so direction-free.
 */
export interface ContrastMaps {
  design: Design;
  direction: Direction;
  meanA: Float32Array;
  meanB: Float32Array;
  sdA: Float32Array;
  sdB: Float32Array;
  /** first minus second condition of `direction` (NaN where untested). */
  diff: Float32Array;
  /** paired t or Welch t; NaN where untested. */
  t: Float32Array;
  /** paired: Cohen's dz = mean(diff)/sd(diff); two-group: Hedges' g (pooled SD). */
  dz: Float32Array;
  /** 100 * diff / |baseline mean| where the baseline is meaningfully non-zero, else NaN (see percentChange). */
  pctChange: Float32Array;
  /** two-sided p; NaN where untested. */
  p: Float32Array;
  /** Benjamini–Hochberg q of the two-sided p over the tested voxels. */
  q: Float32Array;
  /** paired / group map: one dof. two-group: the median Welch dof over tested voxels (for display only). */
  dof: number;
  /** two-group only: Welch–Satterthwaite dof per voxel (used for p and thresholds). */
  dofMap?: Float32Array;
  /** paired: subjects; two-group: nA + nB; group map: as given. */
  n: number;
  nA: number;
  nB: number;
  /** voxels with a finite t */
  tested: number;
}
