/**
 * Compare slice: contrast, threshold and panel choices of the compare workspace, plus the
 * small results (cluster rows, ROI numbers) the worker sends back. Voxel maps never go here.
 * The pure functions below are what the compare commands call; store tests drive them.
 */
import type { ClusterRow, Direction, ResolvedThreshold, RoiSummary, Statistic, ThresholdSpec } from '../../shared/compare';
import type { AppState } from './types';
import type { RoiDef } from '../../shared/scene';
import { DEFAULT_FWE, initialPerm, type FweChoice, type PermRunState } from './comparePerm';

export type { RoiDef, RoiSource } from '../../shared/scene';

export type CompareLayout = 'row' | 'contrast';
export type ComparePaneView = 'axial' | 'coronal' | 'sagittal' | 'multiplanar' | 'render3d' | 'surface';

export interface RoiResult {
  roi: string;
  /** per-subject means in study subject order (empty for group maps) */
  a: number[];
  b: number[];
  summary: RoiSummary | null;
  group: { mean: number; sd: number; n: number } | null;
  /** paired designs: exact sign-flip p of the mean difference */
  signFlip?: { p: number; n: number; exact: boolean } | null;
  voxels: number;
}

/** A group-level map analysed on its own (no per-subject data). */
export interface GroupMapChoice {
  layerId: string;
  dof: number;
}

export interface CompareState {
  /** the two conditions; A - B is the contrast unless direction is 'B-A' */
  conditionA: string | null;
  conditionB: string | null;
  direction: Direction;
  statistic: Statistic;
  threshold: ThresholdSpec;
  dualCoding: boolean;
  layout: CompareLayout;
  paneView: ComparePaneView;
  /** 3D render: cut the front half away so the overlay inside shows */
  clip: boolean;
  clusterSort: 'size' | 'peak';
  /** index into the sorted rows of the last cluster the user went to */
  activeCluster: number;
  rois: RoiDef[];
  colourBy: string | null;
  groupMap: GroupMapChoice | null;
  /** what the worker said last */
  status: 'idle' | 'loading' | 'computing' | 'ready' | 'error';
  statusText: string;
  /** key of the maps the panes show: measure id (+ conditions) or 'group:<layer>' */
  contrastKey: string | null;
  resolved: ResolvedThreshold | null;
  clusters: ClusterRow[];
  clustersMs: number | null;
  /** the threshold the cluster rows were computed for (it lags the slider during a drag) */
  clustersFor: ThresholdSpec | null;
  roiResults: RoiResult[];
  /** value range of the displayed statistic (for the colorbar) */
  statRange: { min: number; max: number } | null;
  dof: number | null;
  n: number | null;
  /** paired designs: the subjects in the contrast shown (both conditions present), in study order */
  subjects: string[];
  /** milliseconds the last threshold change took on the main thread (display maps only) */
  redrawMs: number | null;
  /** Export figure: the panes re-rendered at this multiple of the screen's resolution (2 or 3 for print). */
  figureScale: 1 | 2 | 3;
  /** FWE (permutation) inference choices and the current run (comparePerm.ts) */
  fwe: FweChoice;
  perm: PermRunState;
  /** Atlas layer whose labels name the cluster table's peaks and coverage; null = the bundled AAL. */
  clusterAtlasId: string | null;
}

export interface CompareSlice {
  compare: CompareState;
}

export const DEFAULT_THRESHOLD: ThresholdSpec = { mode: 'fdr-q', value: 0.05, sided: 2, minExtentVoxels: 0 };

export function initialCompare(): CompareState {
  return {
    conditionA: null,
    conditionB: null,
    direction: 'A-B',
    statistic: 'paired-t',
    threshold: { ...DEFAULT_THRESHOLD },
    dualCoding: false,
    layout: 'row',
    paneView: 'multiplanar',
    clip: true,
    clusterSort: 'size',
    activeCluster: -1,
    rois: [],
    colourBy: null,
    groupMap: null,
    status: 'idle',
    statusText: '',
    contrastKey: null,
    resolved: null,
    clusters: [],
    clustersMs: null,
    clustersFor: null,
    roiResults: [],
    statRange: null,
    dof: null,
    n: null,
    subjects: [],
    redrawMs: null,
    figureScale: 1,
    fwe: { ...DEFAULT_FWE },
    perm: initialPerm(),
    clusterAtlasId: null,
  };
}

export function initialCompareState(): CompareSlice {
  return { compare: initialCompare() };
}

// ---- pure updates (commands and tests call these) ----

/** Swapping A and B flips the direction; the worker reuses its maps (no recomputation). */
export function swapConditions(c: CompareState): CompareState {
  return { ...c, direction: c.direction === 'A-B' ? 'B-A' : 'A-B', activeCluster: -1 };
}

/** Sensible defaults per threshold mode, so switching mode never leaves p = 3.1. */
export function setThresholdMode(c: CompareState, mode: ThresholdSpec['mode']): CompareState {
  if (mode === c.threshold.mode) return c;
  const value = mode === 'p-unc' ? 0.001 : mode === 'fdr-q' ? 0.05 : c.resolved?.tEquivalent && Number.isFinite(c.resolved.tEquivalent) ? round2(c.resolved.tEquivalent) : 3;
  return { ...c, threshold: { ...c.threshold, mode, value }, activeCluster: -1 };
}

/** Rejects values the mode cannot take (p and q in (0, 1], raw at least 0); returns the state unchanged then. */
export function setThresholdValue(c: CompareState, value: number): CompareState {
  if (!Number.isFinite(value) || value < 0) return c;
  if (c.threshold.mode !== 'raw' && !(value > 0 && value <= 1)) return c;
  if (value === c.threshold.value) return c;
  return { ...c, threshold: { ...c.threshold, value }, activeCluster: -1 };
}

export function setSided(c: CompareState, sided: 1 | 2): CompareState {
  return sided === c.threshold.sided ? c : { ...c, threshold: { ...c.threshold, sided }, activeCluster: -1 };
}

export function setMinExtent(c: CompareState, voxels: number): CompareState {
  const v = Math.max(0, Math.floor(Number.isFinite(voxels) ? voxels : 0));
  return v === c.threshold.minExtentVoxels ? c : { ...c, threshold: { ...c.threshold, minExtentVoxels: v }, activeCluster: -1 };
}

/** Percent change only makes sense for CBF-like measures; other kinds fall back to paired t. */
export function setStatistic(c: CompareState, statistic: Statistic): CompareState {
  return statistic === c.statistic ? c : { ...c, statistic };
}

/**
 * The threshold slider works on a log scale for p/q (1e-6 .. 0.2) and linearly for raw
 * values (0 .. 10): position 0..1000 <-> value.
 */
export function sliderToThreshold(mode: ThresholdSpec['mode'], pos: number): number {
  const f = Math.min(1, Math.max(0, pos / 1000));
  if (mode === 'raw') return round2(10 * f);
  const lo = Math.log10(1e-6);
  const hi = Math.log10(0.2);
  return Number((10 ** (hi - f * (hi - lo))).toPrecision(2));
}

export function thresholdToSlider(mode: ThresholdSpec['mode'], value: number): number {
  if (mode === 'raw') return Math.round((Math.min(10, Math.max(0, value)) / 10) * 1000);
  const lo = Math.log10(1e-6);
  const hi = Math.log10(0.2);
  const v = Math.log10(Math.min(0.2, Math.max(1e-6, value)));
  return Math.round(((hi - v) / (hi - lo)) * 1000);
}

/** Next/previous cluster in the sorted table, wrapping around; -1 when there is none. */
export function stepCluster(c: CompareState, step: 1 | -1): CompareState {
  const n = c.clusters.length;
  if (n === 0) return { ...c, activeCluster: -1 };
  const cur = c.activeCluster;
  const next = cur < 0 ? (step > 0 ? 0 : n - 1) : (cur + step + n) % n;
  return { ...c, activeCluster: next };
}

export function addRoi(c: CompareState, roi: RoiDef): CompareState {
  if (c.rois.some((r) => r.id === roi.id)) return c;
  return { ...c, rois: [...c.rois, roi] };
}

export function removeRoi(c: CompareState, id: string): CompareState {
  return { ...c, rois: c.rois.filter((r) => r.id !== id), roiResults: c.roiResults.filter((r) => r.roi !== id) };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Conditions A and B as chosen, or the study's first two when the choice does not fit the study. */
export function conditionsOf(s: AppState): [string | null, string | null] {
  const conds = s.study?.conditions ?? [];
  const a = s.compare.conditionA && conds.includes(s.compare.conditionA) ? s.compare.conditionA : (conds[0] ?? null);
  const b = s.compare.conditionB && conds.includes(s.compare.conditionB) && s.compare.conditionB !== a ? s.compare.conditionB : (conds.find((x) => x !== a) ?? null);
  return [a, b];
}
