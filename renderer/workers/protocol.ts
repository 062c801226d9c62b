import type { NiftiImage } from '../../shared/nifti/types';

export interface ParseRequest {
  id: number;
  name: string;
  bytes: ArrayBuffer;
  /** Also produce a float32 NIfTI with NaN/Inf set to 0 for niivue. */
  wantDisplay: boolean;
}

export interface ParsedVolume {
  image: NiftiImage;
  displayBytes: ArrayBuffer | null;
  /** Finite min/max over all frames. */
  min: number;
  max: number;
  /** Every finite value is a whole number (labels, masks). */
  isInteger: boolean;
  nonFinite: number;
}

export type ParseResponse =
  | { id: number; ok: true; volume: ParsedVolume }
  | { id: number; ok: false; error: { code: string; message: string } };
