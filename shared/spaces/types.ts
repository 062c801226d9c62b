/** A 4x4 affine, row-major: [r0c0, r0c1, r0c2, r0c3, r1c0, ..., r3c3]. Maps voxel (i,j,k,1) to mm (x,y,z,1). */
export type Mat4 = number[];

/** A voxel grid in mm space: 3D dims plus the voxel->mm affine actually in use. */
export interface Grid {
  dims: [number, number, number];
  affine: Mat4;
}

/** Where the affine came from, in the order we trust them (DESIGN.md: sform, then qform, then pixdim). */
export type AffineSource = 'sform' | 'qform' | 'pixdim';
