import { describe, expect, it } from 'vitest';
import { planeBit, planeOutlineMask, voxelAxisOfWorld } from '../../../shared/atlas/planeOutline';
import { loadNifti } from './helpers';

const AXIAL = planeBit(2);
const CORONAL = planeBit(1);
const SAGITTAL = planeBit(0);

/** A 9x9x9 image with label 3 filling the 5x5x5 cube at voxels 2..6. */
function cube(): { labels: Float32Array; dims: [number, number, number]; at: (i: number, j: number, k: number) => number } {
  const dims: [number, number, number] = [9, 9, 9];
  const labels = new Float32Array(9 * 9 * 9);
  const at = (i: number, j: number, k: number) => i + 9 * j + 81 * k;
  for (let k = 2; k <= 6; k++) for (let j = 2; j <= 6; j++) for (let i = 2; i <= 6; i++) labels[at(i, j, k)] = 3;
  return { labels, dims, at };
}

function countInSlice(mask: Uint8Array, bit: number, k: number): { ring: number; inside: number } {
  let ring = 0;
  let inside = 0;
  for (let j = 0; j < 9; j++)
    for (let i = 0; i < 9; i++) {
      const on = (mask[i + 9 * j + 81 * k] & bit) !== 0;
      const edge = i === 2 || i === 6 || j === 2 || j === 6;
      if (on && edge) ring++;
      if (on && !edge) inside++;
    }
  return { ring, inside };
}

describe('per-plane outlines (4 in-plane neighbours)', () => {
  it('draws only the ring on the axial slice tangent to the cube (its top face), where the 3D rule fills the face', () => {
    const { labels, dims, at } = cube();
    const mask = planeOutlineMask(labels, dims);
    // Top face k = 6: the 16 border voxels of the 5x5 square, none of the 9 inside.
    expect(countInSlice(mask, AXIAL, 6)).toEqual({ ring: 16, inside: 0 });
    // Every voxel of that face has a 3D neighbour (above) with another label: the coronal and
    // sagittal planes through it mark it, as niivue's 3D outline would in every view.
    for (let j = 2; j <= 6; j++) for (let i = 2; i <= 6; i++) expect(mask[at(i, j, 6)] & (CORONAL | SAGITTAL)).toBe(CORONAL | SAGITTAL);
    // A middle slice: also the ring only.
    expect(countInSlice(mask, AXIAL, 4)).toEqual({ ring: 16, inside: 0 });
    // Outside the cube nothing is marked.
    expect(mask[at(4, 4, 7)]).toBe(0);
    expect(mask[at(1, 4, 4)]).toBe(0);
  });

  it('uses face neighbours in the plane only: a corner voxel of the ring is marked, the centre of a face is not', () => {
    const { labels, dims, at } = cube();
    const mask = planeOutlineMask(labels, dims);
    expect(mask[at(2, 2, 4)] & AXIAL).toBe(AXIAL);
    expect(mask[at(4, 4, 6)]).toBe(CORONAL | SAGITTAL);
    expect(mask[at(4, 4, 4)]).toBe(0);
    // Sagittal plane x = 2 (the cube's left face): ring only, centre (2,4,4) has y/z neighbours inside.
    expect(mask[at(2, 4, 4)] & SAGITTAL).toBe(0);
    expect(mask[at(2, 2, 4)] & SAGITTAL).toBe(SAGITTAL);
  });

  it('marks a border between two labels on both sides and the image edge as a border', () => {
    const dims: [number, number, number] = [4, 1, 1];
    expect([...planeOutlineMask([1, 1, 2, 2], dims)].map((m) => m & AXIAL)).toEqual([AXIAL, AXIAL, AXIAL, AXIAL]);
    const wide: [number, number, number] = [5, 3, 1];
    const m = planeOutlineMask([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0], wide);
    expect([...m].map((b) => (b & AXIAL ? 1 : 0))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('finds which voxel axis is axial, coronal and sagittal from the affine', () => {
    expect(voxelAxisOfWorld([2, 0, 0, -90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1])).toEqual([0, 1, 2]);
    // A coronal acquisition stored as (x, z, y), with flips.
    expect(voxelAxisOfWorld([-1, 0, 0, 90, 0, 0, 1, -126, 0, -1, 0, 72, 0, 0, 0, 1])).toEqual([0, 2, 1]);
  });

  it('on the bundled AAL atlas, an axial slice at the top of a region shows less outline than area', () => {
    const img = loadNifti('resources/atlas_aal.nii.gz');
    const dims = img.grid.dims;
    const mask = planeOutlineMask(img.data, dims);
    // Precentral_L (1): its highest slice, and the slice below it.
    let top = -1;
    const [nx, ny, nz] = dims;
    for (let k = 0; k < nz; k++) for (let v = k * nx * ny; v < (k + 1) * nx * ny; v++) if (img.data[v] === 1) top = k;
    for (const k of [top - 3, top - 8]) {
      let area = 0;
      let axial = 0;
      let threeD = 0;
      for (let v = k * nx * ny; v < (k + 1) * nx * ny; v++) {
        if (img.data[v] !== 1) continue;
        area++;
        if (mask[v] & AXIAL) axial++;
        if (mask[v] & (CORONAL | SAGITTAL)) threeD++;
      }
      expect(area).toBeGreaterThan(50);
      expect(axial / area).toBeLessThan(0.6);
      expect(threeD).toBeGreaterThan(axial);
    }
  });
});
