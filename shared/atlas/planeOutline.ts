/**
 * Per-plane outlines of a label image. A slice shows a region's outline where the region meets
 * another label *within that slice*: voxel v (label L > 0) is on the outline of the plane normal
 * to voxel axis a when one of its 4 in-plane neighbours (v ± 1 along each of the two other axes)
 * has a label other than L, or lies outside the image. Neighbours along axis a itself (the voxels
 * above and below the slice) do not count. A 3D rule (any of the 6 face neighbours) would mark
 * every voxel of a slice that runs along a region's top or bottom face, drawing a filled patch.
 *
 * The three orientations are packed into one byte per voxel: bit a set = outline in the plane
 * normal to voxel axis a (axis 2 is axial for an RAS image, axis 1 coronal, axis 0 sagittal).
 */
import type { Mat4 } from '../spaces/types';

export type PlaneBits = Uint8Array;

/** Bit of `planeOutlineMask` for the plane normal to voxel axis `axis` (0, 1 or 2). */
export const planeBit = (axis: number): number => 1 << axis;

export function planeOutlineMask(labels: ArrayLike<number>, dims: readonly [number, number, number]): PlaneBits {
  const [nx, ny, nz] = dims;
  const sxy = nx * ny;
  const out = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = j * nx + k * sxy;
      for (let i = 0; i < nx; i++) {
        const v = row + i;
        const l = labels[v];
        if (!(l > 0)) continue;
        // Differs along x, y, z (an edge of the image counts as a different label).
        const dx = i === 0 || i === nx - 1 || labels[v - 1] !== l || labels[v + 1] !== l;
        const dy = j === 0 || j === ny - 1 || labels[v - nx] !== l || labels[v + nx] !== l;
        const dz = k === 0 || k === nz - 1 || labels[v - sxy] !== l || labels[v + sxy] !== l;
        // Plane normal to x sees y and z neighbours, and so on.
        out[v] = (dy || dz ? 1 : 0) | (dx || dz ? 2 : 0) | (dx || dy ? 4 : 0);
      }
    }
  }
  return out;
}

/**
 * For world axes x, y, z (sagittal, coronal, axial normals): the voxel axis that runs closest to
 * each, from the affine's columns. An oblique grid gets its nearest voxel axis.
 */
export function voxelAxisOfWorld(affine: Mat4): [number, number, number] {
  const used = new Set<number>();
  const out: number[] = [];
  for (let w = 0; w < 3; w++) {
    let best = -1;
    let size = -1;
    for (let a = 0; a < 3; a++) {
      if (used.has(a)) continue;
      const m = Math.abs(affine[w * 4 + a]) / Math.hypot(affine[a], affine[4 + a], affine[8 + a]);
      if (m > size) {
        size = m;
        best = a;
      }
    }
    used.add(best);
    out.push(best);
  }
  return out as [number, number, number];
}
