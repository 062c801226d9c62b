/**
 * Compare slice: the results the worker sends back for the Compare settings (cluster rows, ROI
 * numbers, the resolved threshold, status). Voxel maps never go here. The settings themselves
 * (contrast, threshold, ROIs, layout...) are part of the Scene: scene.compare, read through
 * compareSettings(s) (selectors.ts). The pure functions below are what the compare commands call.
 */
import type { ClusterRow, ResolvedThreshold, RoiSummary, ThresholdSpec } from '../../shared/compare';
import { DEFAULT_THRESHOLD as SETTINGS_THRESHOLD, type CompareSettings, type RoiDef } from '../../shared/scene';
import type { AppState } from './types';
import { initialPerm, type PermRunState } from './comparePerm';
import { compareSettings } from './selectors';

export type { RoiDef, RoiSource, CompareLayout, ComparePaneView, GroupMapChoice, CompareSettings } from '../../shared/scene';

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

/** What the compare workspace computed and shows now; not undone, not saved. */
export interface CompareState {
  /** index into the sorted rows of the last cluster the user went to */
  activeCluster: number;
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
  /** the current FWE (permutation) run (comparePerm.ts) */
  perm: PermRunState;
  /** Atlas layer whose labels name the cluster table's peaks and coverage; null = the bundled AAL. */
  clusterAtlasId: string | null;
}

export interface CompareSlice {
  compare: CompareState;
}

export const DEFAULT_THRESHOLD: ThresholdSpec = { ...SETTINGS_THRESHOLD };

export function initialCompare(): CompareState {
  return {
    activeCluster: -1,
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
    perm: initialPerm(),
    clusterAtlasId: null,
  };
}

export function initialCompareState(): CompareSlice {
  return { compare: initialCompare() };
}

// ---- pure updates of the settings (commands and tests call these) ----

type S = CompareSettings;

/** Swapping A and B flips the direction; the worker reuses its maps (no recomputation). */
export function swapConditions(c: S): S {
  return { ...c, direction: c.direction === 'A-B' ? 'B-A' : 'A-B' };
}

/**
 * Sensible defaults per threshold mode, so switching mode never leaves p = 3.1. Raw mode starts
 * from the t the current threshold amounted to (`resolved`, the worker's last answer).
 */
export function setThresholdMode(c: S, mode: ThresholdSpec['mode'], resolved?: ResolvedThreshold | null): S {
  if (mode === c.threshold.mode) return c;
  const value = mode === 'p-unc' ? 0.001 : mode === 'fdr-q' ? 0.05 : resolved?.tEquivalent && Number.isFinite(resolved.tEquivalent) ? round2(resolved.tEquivalent) : 3;
  return { ...c, threshold: { ...c.threshold, mode, value } };
}

/** Rejects values the mode cannot take (p and q in (0, 1], raw at least 0); returns the state unchanged then. */
export function setThresholdValue(c: S, value: number): S {
  if (!Number.isFinite(value) || value < 0) return c;
  if (c.threshold.mode !== 'raw' && !(value > 0 && value <= 1)) return c;
  if (value === c.threshold.value) return c;
  return { ...c, threshold: { ...c.threshold, value } };
}

export function setSided(c: S, sided: 1 | 2): S {
  return sided === c.threshold.sided ? c : { ...c, threshold: { ...c.threshold, sided } };
}

export function setMinExtent(c: S, voxels: number): S {
  const v = Math.max(0, Math.floor(Number.isFinite(voxels) ? voxels : 0));
  return v === c.threshold.minExtentVoxels ? c : { ...c, threshold: { ...c.threshold, minExtentVoxels: v } };
}

/** Percent change only makes sense for CBF-like measures; other kinds fall back to paired t. */
export function setStatistic(c: S, statistic: S['statistic']): S {
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

export function addRoi(c: S, roi: RoiDef): S {
  if (c.rois.some((r) => r.id === roi.id)) return c;
  return { ...c, rois: [...c.rois, roi] };
}

export function removeRoi(c: S, id: string): S {
  return c.rois.some((r) => r.id === id) ? { ...c, rois: c.rois.filter((r) => r.id !== id) } : c;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Conditions A and B as chosen, or the study's first two when the choice does not fit the study. */
export function conditionsOf(s: AppState): [string | null, string | null] {
  const conds = s.study?.conditions ?? [];
  const { conditionA, conditionB } = compareSettings(s);
  const a = conditionA && conds.includes(conditionA) ? conditionA : (conds[0] ?? null);
  const b = conditionB && conds.includes(conditionB) && conditionB !== a ? conditionB : (conds.find((x) => x !== a) ?? null);
  return [a, b];
}
