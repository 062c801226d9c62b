import type { AffineSource, Grid, Mat4 } from '../spaces/types';

/** Everything we keep from a NIfTI-1/NIfTI-2 header, already byte-swapped and validated. */
export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  /** dim[1..dim[0]]: the array shape as nibabel reports it, e.g. [91,109,91] or [77,92,77,2]. */
  dims: number[];
  /** pixdim[1..dim[0]] (voxel sizes, then TR etc.). */
  pixdim: number[];
  /** pixdim[0]: the qfac (+1 or -1). */
  qfac: number;
  datatype: number;
  /** e.g. 'uint8', 'int16', 'float32', 'float64', 'rgb24', 'complex64'. */
  datatypeName: string;
  bitpix: number;
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  calMin: number;
  calMax: number;
  qformCode: number;
  sformCode: number;
  /** Null when the code is 0 or the matrix is unusable. */
  qform: Mat4 | null;
  sform: Mat4 | null;
  intentCode: number;
  intentName: string;
  intentP1: number;
  intentP2: number;
  intentP3: number;
  descrip: string;
  auxFile: string;
  xyztUnits: number;
  /** quatern_b/c/d and qoffset_x/y/z as stored (used to explain qform problems). */
  quatern?: [number, number, number];
  qoffset?: [number, number, number];
  /** 'n+1'/'n+2' single file, 'ni1'/'ni2' header of a .hdr/.img pair. */
  magic?: string;
  /** dim_info, slice timing and display fields kept for completeness. */
  dimInfo?: number;
}

/** A parsed image: header, scaled voxel values, and the grid it lives on. */
export interface NiftiImage {
  /** The file name it came from (used in every message). */
  name: string;
  header: NiftiHeader;
  /** The affine in use and its source (sform, then qform, then pixdim). */
  grid: Grid;
  affineSource: AffineSource;
  /** Number of 3D frames (product of dims 4..7, at least 1). */
  nFrames: number;
  /**
   * Scaled voxel values of all frames, Fortran order (i fastest), frame after frame:
   * value(i,j,k,t) = data[i + nx*(j + ny*(k + nz*t))]. scl_slope/scl_inter are applied.
   */
  data: Float32Array;
  /** Non-fatal problems, in plain words (e.g. "contains 12 NaN voxels", "sform is singular; using qform"). */
  warnings: string[];
}

/** Why a file could not be read. `code` is stable for tests; `message` names the file and the problem. */
export type NiftiErrorCode =
  | 'empty'
  | 'truncated'
  | 'not-nifti'
  | 'bad-header'
  | 'bad-dimension'
  | 'bad-offset'
  | 'unsupported-datatype'
  | 'too-large'
  | 'bad-gzip'
  | 'bad-scaling'
  | 'missing-pair';

export interface ReadLimits {
  /** Cap on voxel bytes after decoding (default 2 GiB). */
  maxVoxelBytes?: number;
  /** Cap on inflated bytes of a .gz (default maxVoxelBytes + 1 MiB of header room). */
  maxInflatedBytes?: number;
  /**
   * Cap on the bytes a compressed file may hold between the end of its header and vox_offset
   * (default 1 MiB): they are inflated only to be thrown away, so a huge offset is a bomb.
   */
  maxHeaderGapBytes?: number;
}
