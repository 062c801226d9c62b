import type { Grid } from '../spaces/types';

/** One named region of a label table. `index` is the voxel value of the region in the atlas image. */
export interface LabelEntry {
  index: number;
  name: string;
  color?: [number, number, number];
}

/** A parsed label table: voxel value -> name (and colour when the file has one). */
export interface LabelTable {
  entries: Map<number, LabelEntry>;
  /** Non-fatal problems in plain words, each naming the file (and line where there is one). */
  warnings: string[];
  /** Which reader understood the file, e.g. 'mricron', 'freesurfer-lut', 'fsl-xml', 'tsv', 'name-list', 'niivue-json'. */
  format?: string;
}

/**
 * A label image plus its table. `data` holds the label values (Fortran order). For a
 * probabilistic (4D) atlas, `data` is the most probable label of each voxel and `prob` the frames.
 */
export interface Atlas {
  name: string;
  grid: Grid;
  data: Float32Array;
  table: LabelTable;
  warnings?: string[];
  prob?: ProbabilisticFrames;
}

/**
 * The frames of a probabilistic atlas: frame f is the probability map of label value f + 1 (FSL's
 * convention; the FSL XML reader already maps index i to value i + 1). `scale` turns a stored
 * value into a fraction: 1/100 for FSL's 0-100 maps, 1 for 0-1 maps.
 */
export interface ProbabilisticFrames {
  data: Float32Array;
  nFrames: number;
  scale: number;
}

/** Caps enforced before allocating anything sized by file content. */
export const LABEL_LIMITS = {
  /** Largest label value we accept; lookups are dense arrays of this size at most. */
  maxIndex: 65535,
  maxEntries: 65536,
  maxNameLength: 200,
  /** Characters of label-table text. */
  maxTextLength: 64 * 1024 * 1024,
  maxJsonDepth: 64,
  /** Warnings kept per file; the rest are counted. */
  maxWarnings: 25,
} as const;

/** Bad label table or atlas: the message names the file (and line) and the problem. */
export class LabelTableError extends Error {
  readonly userFacing = true;
  constructor(
    message: string,
    readonly fileName: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'LabelTableError';
  }
}
