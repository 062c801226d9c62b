/** A float32 map on its grid as the plain .nii bytes NVImage.loadFromUrl reads (display copies). */
import type { Grid } from '../../../shared/spaces/types';
import { writeNifti } from '../../../shared/nifti';

export function niftiBytes(grid: Grid, data: Float32Array): ArrayBuffer {
  const bytes = writeNifti({ dims: [...grid.dims], affine: grid.affine, data, datatype: 'float32' }, { gzip: false });
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
