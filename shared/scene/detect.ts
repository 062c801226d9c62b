/** Guesses how a newly opened map should be shown, from its file name and header. */
import type { LayerKind, Thresholds } from './types';
import { DEFAULT_STAT_THRESHOLD } from './defaults';

export interface HeaderHints {
  intentCode: number;
  intentP1: number;
  descrip: string;
}

const INTENT_TTEST = 3;
const INTENT_ZSCORE = 5;
const INTENT_LABEL = 1002;

/** SPM writes 'SPM{T_[1066.0]}' into descrip; FSL/AFNI put t maps in intent 3 with dof in p1. */
export function dofFromHeader(h: HeaderHints): number | null {
  if (h.intentCode === INTENT_TTEST && Number.isFinite(h.intentP1) && h.intentP1 > 0) return h.intentP1;
  const m = /SPM\{T_\[\s*([0-9.]+)\s*\]\}/.exec(h.descrip);
  if (m) {
    const dof = Number(m[1]);
    if (Number.isFinite(dof) && dof > 0) return dof;
  }
  return null;
}

export function guessLayerKind(name: string, h: HeaderHints, isInteger: boolean): LayerKind {
  if (h.intentCode === INTENT_LABEL) return 'atlas';
  if (h.intentCode === INTENT_TTEST || h.intentCode === INTENT_ZSCORE) return 'stat';
  if (/SPM\{[TFZ]/.test(h.descrip)) return 'stat';
  const base = name.toLowerCase();
  if (/^(spm[tfz]_|[tz]stat|zfstat|tmap|zmap|t_|z_)/.test(base) || /(^|[_.-])(tstat|zstat|tmap|zmap)/.test(base)) return 'stat';
  if (isInteger && /(mask|roi)/.test(base)) return 'roi';
  return 'map';
}

export interface DisplayDefaults {
  colormap: string;
  colormapNeg: string | null;
  thresholds: Thresholds;
  range: { min: number; max: number };
  opacity: number;
}

/**
 * Statistic maps: two-sided, warm above +t and cool below -t, saturating at the larger
 * absolute extreme. Other maps: a plain one-sided window over the data range.
 */
export function defaultDisplay(kind: LayerKind, dataRange: { min: number; max: number }, statThreshold = DEFAULT_STAT_THRESHOLD): DisplayDefaults {
  const { min, max } = dataRange;
  if (kind === 'stat') {
    const t = Math.abs(statThreshold);
    const extreme = Math.max(Math.abs(min), Math.abs(max), t + 1);
    return { colormap: 'redyell', colormapNeg: 'blue2cyan', thresholds: { pos: t, neg: -t }, range: { min: -extreme, max: extreme }, opacity: 1 };
  }
  if (kind === 'roi' || kind === 'atlas') {
    return { colormap: kind === 'roi' ? 'green' : 'random', colormapNeg: null, thresholds: { pos: 0.5, neg: null }, range: { min: 0, max: Math.max(1, max) }, opacity: 0.6 };
  }
  if (kind === 'template') {
    return { colormap: 'gray', colormapNeg: null, thresholds: { pos: min, neg: null }, range: { min, max }, opacity: 1 };
  }
  // A continuous map (CBF, a mean image): show it all, lowest tenth hidden so the template shows through.
  const lo = min + 0.1 * (max - min);
  return { colormap: 'hot', colormapNeg: min < 0 ? 'winter' : null, thresholds: { pos: Math.max(0, lo), neg: min < 0 ? Math.min(0, 0.1 * min) : null }, range: { min, max }, opacity: 0.8 };
}
