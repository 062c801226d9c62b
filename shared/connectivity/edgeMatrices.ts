// Edgewise results back into node x node matrices (for heatmaps), and which edges pass a threshold.
import type { Edge } from './types';

export interface EdgeMatrices {
  meanA: Float64Array;
  meanB: Float64Array;
  t: Float64Array;
}

/** Symmetric n x n matrices of the per-edge means and t; the diagonal and untested edges are NaN. */
export function edgeMatrices(edges: Edge[], n: number): EdgeMatrices {
  const make = () => new Float64Array(n * n).fill(NaN);
  const out = { meanA: make(), meanB: make(), t: make() };
  for (const e of edges) {
    for (const key of ['meanA', 'meanB', 't'] as const) {
      out[key][e.i * n + e.j] = e[key];
      out[key][e.j * n + e.i] = e[key];
    }
  }
  return out;
}

export interface EdgeThreshold {
  /** 'fdr-q': Benjamini–Hochberg over the upper triangle; 'p-unc': uncorrected p (two-sided) */
  mode: 'fdr-q' | 'p-unc';
  value: number;
}

export function edgePasses(e: Edge, th: EdgeThreshold): boolean {
  const v = th.mode === 'fdr-q' ? e.q : e.p;
  return Number.isFinite(v) && v < th.value;
}
