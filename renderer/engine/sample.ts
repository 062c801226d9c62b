import { frameOf } from '../../shared/nifti';
import type { NiftiImage } from '../../shared/nifti/types';
import { mmToVoxel } from '../../shared/spaces';
import type { Vec3 } from '../../shared/scene';

export type Sample = { inside: true; voxel: Vec3; value: number } | { inside: false; voxel: Vec3 };

/** Nearest voxel of this image's own grid at a point in mm, and its value in one frame. */
export function sampleAtMm(image: NiftiImage, frame: number, mm: Vec3): Sample {
  const f = mmToVoxel(image.grid.affine, mm[0], mm[1], mm[2]);
  const voxel: Vec3 = [Math.round(f[0]), Math.round(f[1]), Math.round(f[2])];
  const [nx, ny, nz] = image.grid.dims;
  const [i, j, k] = voxel;
  if (!(i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz)) return { inside: false, voxel };
  const data = image.nFrames > 1 ? frameOf(image, Math.min(frame, image.nFrames - 1)) : image.data;
  return { inside: true, voxel, value: data[i + nx * (j + ny * k)] };
}
