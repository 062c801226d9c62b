import { describe, expect, it } from 'vitest';
import { resample, mmToVoxel, voxelToMm, type Grid } from '../../../shared/spaces/index';

// Source: 2 mm LAS grid of a linear function of mm: f(x,y,z) = 3x - 2y + 0.5z + 7.
const f = (x: number, y: number, z: number) => 3 * x - 2 * y + 0.5 * z + 7;
const SRC: Grid = { dims: [20, 22, 18], affine: [-2, 0, 0, 20, 0, 2, 0, -22, 0, 0, 2, -18, 0, 0, 0, 1] };

function fill(grid: Grid, fn: (x: number, y: number, z: number) => number): Float32Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) out[i + nx * (j + ny * k)] = fn(...voxelToMm(grid.affine, i, j, k));
  return out;
}

describe('resample', () => {
  const src = { grid: SRC, data: fill(SRC, f) };

  it('trilinear reproduces a linear function exactly inside the source (oblique 1.3 mm RAS target)', () => {
    const c = Math.cos(0.25);
    const s = Math.sin(0.25);
    const target: Grid = { dims: [25, 25, 20], affine: [1.3 * c, -1.3 * s, 0, -14, 1.3 * s, 1.3 * c, 0, -18, 0, 0, 1.3, -15, 0, 0, 0, 1] };
    const out = resample(src, target, 'linear', -999);
    const [nx, ny, nz] = target.dims;
    let inside = 0;
    let outside = 0;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const [x, y, z] = voxelToMm(target.affine, i, j, k);
          const [si, sj, sk] = mmToVoxel(SRC.affine, x, y, z);
          const v = out[i + nx * (j + ny * k)];
          const isIn = si >= 0 && sj >= 0 && sk >= 0 && si <= 19 && sj <= 21 && sk <= 17;
          if (isIn) {
            inside++;
            expect(Math.abs(v - f(x, y, z))).toBeLessThan(1e-3);
          } else if (si < -0.01 || sj < -0.01 || sk < -0.01 || si > 19.01 || sj > 21.01 || sk > 17.01) {
            outside++;
            expect(v).toBe(-999);
          }
        }
      }
    }
    expect(inside).toBeGreaterThan(5000);
    expect(outside).toBeGreaterThan(100);
  });

  it('same grid gives the data back; a 1-voxel shift moves it by one', () => {
    expect(resample(src, SRC, 'linear')).toEqual(src.data);
    const shifted: Grid = { dims: SRC.dims, affine: SRC.affine.map((v, i) => (i === 3 ? v - 2 : v)) };
    const out = resample(src, shifted, 'nearest', NaN);
    // target voxel i sits at source voxel i+1 (x decreases with i on this LAS grid)
    expect(out[5]).toBe(src.data[6]);
    expect(Number.isNaN(out[19])).toBe(true);
  });

  it('nearest keeps label values (no blends) when going to a finer grid', () => {
    const labels = new Float32Array(SRC.dims[0] * SRC.dims[1] * SRC.dims[2]).map((_, n) => [0, 7, 42][n % 3]);
    const fine: Grid = { dims: [40, 44, 36], affine: [-1, 0, 0, 20.25, 0, 1, 0, -22.25, 0, 0, 1, -18.25, 0, 0, 0, 1] };
    const out = resample({ grid: SRC, data: labels }, fine, 'nearest');
    const seen = new Set(out);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 7, 42]);
    // fine voxel (0.25 mm inside) maps to source (0.125,0.125,0.125) -> source voxel 0
    expect(out[0]).toBe(labels[0]);
  });

  it('resamples every frame of a 4D source', () => {
    const two = new Float32Array(src.data.length * 2);
    two.set(src.data);
    two.set(src.data.map((v) => v + 100), src.data.length);
    const out = resample({ grid: SRC, data: two }, SRC, 'linear');
    expect(out.length).toBe(two.length);
    expect(out[src.data.length + 10]).toBeCloseTo(src.data[10] + 100, 4);
  });

  it('a 2 mm map onto the 1 mm MNI grid (182x218x182) takes well under a second', () => {
    const mni2: Grid = { dims: [91, 109, 91], affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1] };
    const mni1: Grid = { dims: [182, 218, 182], affine: [-1, 0, 0, 91, 0, 1, 0, -126, 0, 0, 1, -72, 0, 0, 0, 1] };
    const data = fill(mni2, f);
    resample({ grid: mni2, data }, { dims: [20, 20, 20], affine: mni1.affine }, 'linear'); // warm-up
    const t0 = performance.now();
    const out = resample({ grid: mni2, data }, mni1, 'linear');
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    const [x, y, z] = voxelToMm(mni1.affine, 100, 120, 90);
    expect(out[100 + 182 * (120 + 218 * 90)]).toBeCloseTo(f(x, y, z), 2);
  });
});
