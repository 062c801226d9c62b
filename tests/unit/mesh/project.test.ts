import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectToSurface } from '../../../shared/mesh';
import type { Grid } from '../../../shared/spaces/types';

const PY = '/usr/bin/python3';

/** A tiny deterministic generator (tests must not change between runs). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('projectToSurface: known answers', () => {
  // value = x mm on a 2 mm grid from -10 mm: the largest |value| along +x normals is at +3 mm.
  const grid: Grid = { dims: [11, 4, 4], affine: [2, 0, 0, -10, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1] };
  const data = new Float32Array(11 * 16);
  for (let z = 0; z < 4; z++) for (let y = 0; y < 4; y++) for (let x = 0; x < 11; x++) data[x + 11 * (y + 4 * z)] = -10 + 2 * x;

  it('keeps the sample of largest |value| along the normal', () => {
    const pos = new Float32Array([1, 2, 2, -4.5, 2, 2, 0.25, 3, 3]);
    const nrm = new Float32Array([1, 0, 0, 1, 0, 0, 0, 1, 0]);
    const v = projectToSurface(pos, nrm, grid, data);
    expect(v[0]).toBeCloseTo(4, 5); // 1 + 3
    expect(v[1]).toBeCloseTo(-7.5, 5); // -4.5 - 3: negative wins by |value|
    expect(v[2]).toBeCloseTo(0.25, 5); // normal along y: x never changes
  });

  it('skips samples off the grid and NaN voxels; nothing left is NaN', () => {
    // At x = 9.5 mm only depths -3..+0.5 are inside (grid ends at x = 10 mm).
    const v = projectToSurface(new Float32Array([9.5, 2, 2, 50, 2, 2]), new Float32Array([1, 0, 0, 1, 0, 0]), grid, data);
    expect(v[0]).toBeCloseTo(9.5, 5);
    expect(v[1]).toBeNaN();
    const holed = data.slice();
    for (let i = 0; i < holed.length; i++) if (i % 11 === 10) holed[i] = NaN;
    // Samples at x >= 8 mm have a NaN corner (x = 8 mm is voxel 9, whose upper neighbour is
    // the NaN column): the best left is x = 7 mm, at depth -2.
    expect(projectToSurface(new Float32Array([9, 2, 2]), new Float32Array([1, 0, 0]), grid, holed)[0]).toBeCloseTo(7, 5);
  });

  it('rejects a map of the wrong size', () => {
    expect(() => projectToSurface(new Float32Array(3), new Float32Array(3), grid, new Float32Array(5))).toThrow(/5 voxels/);
  });
});

describe.skipIf(!existsSync(PY) && !process.env.CI)('projectToSurface against numpy/scipy (map_coordinates, order 1)', () => {
  it('matches an independent implementation on a random oblique map', () => {
    const r = rng(7);
    const dims: [number, number, number] = [9, 8, 7];
    // Oblique, anisotropic, mirrored in x: the affine is honoured exactly.
    const grid: Grid = { dims, affine: [-2, 0.3, 0, 8, 0.2, 2.5, 0.1, -9, 0, -0.2, 3, -10, 0, 0, 0, 1] };
    const data = new Float32Array(9 * 8 * 7).map(() => r() * 2 - 1);
    const nv = 200;
    const pos = new Float32Array(nv * 3).map(() => r() * 14 - 7);
    const nrm = new Float32Array(nv * 3);
    for (let v = 0; v < nv; v++) {
      const a = [r() - 0.5, r() - 0.5, r() - 0.5];
      const l = Math.hypot(...a);
      nrm.set(a.map((x) => x / l), 3 * v);
    }
    const ours = projectToSurface(pos, nrm, grid, data);
    const dir = mkdtempSync(join(tmpdir(), 'proj-'));
    writeFileSync(join(dir, 'in.json'), JSON.stringify({ dims, affine: grid.affine, data: [...data], pos: [...pos], nrm: [...nrm] }));
    const script = `
import json, sys, numpy as np
from scipy.ndimage import map_coordinates
d = json.load(open(sys.argv[1]))
dims = d['dims']; A = np.array(d['affine']).reshape(4, 4)
vol = np.array(d['data'], dtype=np.float64).reshape(dims[::-1]).transpose(2, 1, 0)  # x fastest -> [i, j, k]
P = np.array(d['pos']).reshape(-1, 3); N = np.array(d['nrm']).reshape(-1, 3)
inv = np.linalg.inv(A)
out = []
for p, n in zip(P, N):
    pts = np.array([p + t * n for t in np.linspace(-3, 3, 7)])
    ijk = (inv @ np.c_[pts, np.ones(7)].T)[:3]
    ok = np.all((ijk >= 0) & (ijk <= (np.array(dims) - 1)[:, None]), axis=0)
    vals = map_coordinates(vol, ijk[:, ok], order=1)
    out.append(None if len(vals) == 0 else float(vals[np.argmax(np.abs(vals))]))
json.dump(out, open(sys.argv[2], 'w'))
`;
    writeFileSync(join(dir, 'ref.py'), script);
    execFileSync(PY, [join(dir, 'ref.py'), join(dir, 'in.json'), join(dir, 'out.json')]);
    const ref = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as (number | null)[];
    let compared = 0;
    ref.forEach((x, v) => {
      if (x === null) expect(ours[v]).toBeNaN();
      else {
        expect(ours[v]).toBeCloseTo(x, 4);
        compared++;
      }
    });
    // Enough vertices land inside the grid for the comparison to mean something.
    expect(compared).toBeGreaterThan(50);
  });
});
