import type { Grid } from '../spaces/types';

/** What the compare panes draw; replaced (new object) whenever any map changes. */
export interface CompareDisplay {
  key: string;
  grid: Grid;
  meanA: Float32Array | null;
  meanB: Float32Array | null;
  /** shared window of the two condition means */
  meanRange: { min: number; max: number; signed: boolean };
  /** the thresholded statistic (0 below threshold) */
  stat: Float32Array;
  /** dual coding: every tested voxel's statistic, drawn translucent under `stat`; else null */
  below: Float32Array | null;
  statMax: number;
  /** |cut| on the displayed statistic for the colour ramp (Infinity when nothing survives) */
  cut: number;
  /** ROI outlines (label k = ROI k, SEED_LABEL = the RSFC seed) */
  roiLabels: Float32Array | null;
  /** the FWE inference the stat map is cut by (the caption helper's words), or null */
  inference: string | null;
  version: number;
}
