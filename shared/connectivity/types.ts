/** A square ROI x ROI matrix, row-major. `names` come from a header row or index column when present. */
export interface ConnMatrix {
  n: number;
  values: Float64Array;
  names?: string[];
  warnings: string[];
  /** Cells that were NaN or infinite (treated as missing). */
  nonFinite?: number;
}

export interface Node {
  name: string;
  x: number;
  y: number;
  z: number;
}

/** One upper-triangle edge (i < j, 0-based node indices) of an edgewise paired test. */
export interface Edge {
  i: number;
  j: number;
  meanA: number;
  meanB: number;
  t: number;
  p: number;
  q: number;
  /** Subject pairs with finite values on this edge (dof = n - 1). */
  n: number;
}

export const MATRIX_LIMITS = {
  maxNodes: 5000,
  /** Characters of CSV text (a 5000 x 5000 matrix at ~12 chars a cell is ~300 MB). */
  maxTextLength: 400 * 1024 * 1024,
  symmetryTolerance: 1e-6,
} as const;

export class MatrixError extends Error {
  readonly userFacing = true;
  constructor(
    message: string,
    readonly fileName: string,
  ) {
    super(message);
    this.name = 'MatrixError';
  }
}
