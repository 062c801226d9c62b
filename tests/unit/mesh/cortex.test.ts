import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { cortexSurfaces, hemisphereMask, inflate, vertexNormals, type Mesh } from '../../../shared/mesh';
import { makeWellComposed, cubeFilter, fillHoles, largestComponent } from '../../../shared/mesh/volumeOps';
import { readNifti } from '../../../shared/nifti';
import { volume } from './meshVolume';

/** Every directed edge exactly once and its reverse exactly once: closed, 2-manifold, one orientation. */
function badEdges(mesh: Mesh): number {
  const t = mesh.indices;
  const nv = mesh.positions.length / 3;
  const seen = new Map<number, number>();
  for (let i = 0; i < t.length; i += 3) for (const [a, b] of [[t[i], t[i + 1]], [t[i + 1], t[i + 2]], [t[i + 2], t[i]]]) seen.set(a * nv + b, (seen.get(a * nv + b) ?? 0) + 1);
  let bad = 0;
  for (const [k, c] of seen) {
    const a = Math.floor(k / nv);
    const b = k % nv;
    if (c !== 1 || seen.get(b * nv + a) !== 1) bad++;
  }
  return bad;
}

describe('volume operations', () => {
  it('dilates and erodes by a cube, fills holes and keeps the largest piece', () => {
    const d = [7, 7, 7] as const;
    const m = new Uint8Array(343);
    m[3 + 7 * (3 + 7 * 3)] = 1;
    const big = cubeFilter(m, d, 1);
    expect(big.reduce((a, b) => a + b, 0)).toBe(27);
    expect(cubeFilter(big, d, 1, true).reduce((a, b) => a + b, 0)).toBe(1);
    // A hollow 3x3x3 shell fills; an island apart from it is dropped.
    const shell = big.slice();
    shell[3 + 7 * (3 + 7 * 3)] = 0;
    shell[0] = 1;
    expect(fillHoles(shell, d)[3 + 7 * (3 + 7 * 3)]).toBe(1);
    expect(largestComponent(shell, d)[0]).toBe(0);
    expect(largestComponent(shell, d).reduce((a, b) => a + b, 0)).toBe(26);
  });

  it('makes two voxels touching at an edge well composed (adds a bridging voxel)', () => {
    const m = new Uint8Array(27);
    m[0] = 1;
    m[1 + 3] = 1; // (1,1,0): shares only an edge with (0,0,0)
    expect(makeWellComposed(m, [3, 3, 3])).toBeGreaterThan(0);
    expect(m[1] + m[3]).toBeGreaterThan(0);
  });
});

const ROOT = 'resources/template_ch2bet.nii.gz';
describe.skipIf(!existsSync(ROOT) && !process.env.CI)('cortical surfaces of the bundled template', () => {
  const t1 = readNifti(new Uint8Array(readFileSync(ROOT)), 'template_ch2bet.nii.gz');
  const aal = readNifti(new Uint8Array(readFileSync('resources/atlas_aal.nii.gz')), 'atlas_aal.nii.gz');
  const { dims, affine } = t1.grid;
  const t0 = performance.now();
  const both = cortexSurfaces(t1.data, aal.data, dims, affine);
  const ms = performance.now() - t0;

  it.each(['left', 'right'] as const)('%s hemisphere: watertight, one orientation, volume of its mask, 50-150k vertices', (hemi) => {
    const mesh = both[hemi];
    const nv = mesh.positions.length / 3;
    expect(nv).toBeGreaterThan(50_000);
    expect(nv).toBeLessThan(150_000);
    expect(badEdges(mesh)).toBe(0);
    // Euler characteristic 2 - 2g: a closed surface (small handles are allowed, not thousands).
    const edges = (mesh.indices.length / 3) * 1.5;
    const chi = nv - edges + mesh.indices.length / 3;
    expect(chi).toBeLessThanOrEqual(2);
    expect(chi).toBeGreaterThan(-200);
    const box = hemisphereMask(t1.data, aal.data, dims, affine, hemi);
    const voxels = box.mask.reduce((a, b) => a + b, 0);
    const v = volume(mesh);
    expect(v).toBeGreaterThan(0); // counter-clockwise from outside
    expect(Math.abs(v - voxels) / voxels).toBeLessThan(0.05);
    // One hemisphere of a cerebrum: 0.45-0.8 litres, on its own side of x = 0, with a medial wall near it.
    expect(v / 1e6).toBeGreaterThan(0.45);
    expect(v / 1e6).toBeLessThan(0.8);
    const xs = mesh.positions.filter((_, i) => i % 3 === 0);
    const sign = hemi === 'left' ? -1 : 1;
    expect(Math.min(...xs.map((x) => sign * x))).toBeGreaterThan(0);
    expect(Math.min(...xs.map((x) => sign * x))).toBeLessThan(2);
    expect(Math.max(...xs.map((x) => sign * x))).toBeGreaterThan(60);
  });

  it('normals point outwards and the inflated copy keeps the spread', () => {
    const mesh = both.right;
    const n = vertexNormals(mesh);
    // The most lateral vertex faces +x on the right hemisphere.
    let k = 0;
    for (let i = 0; i < mesh.positions.length; i += 3) if (mesh.positions[i] > mesh.positions[3 * k]) k = i / 3;
    expect(n[3 * k]).toBeGreaterThan(0.5);
    const inf = inflate(mesh);
    expect(inf.positions.length).toBe(mesh.positions.length);
    expect(badEdges(inf)).toBe(0);
  });

  it('builds both hemispheres in a few seconds', () => {
    console.log(`cortex surfaces: ${ms.toFixed(0)} ms for both hemispheres, ${both.left.positions.length / 3} + ${both.right.positions.length / 3} vertices`);
    expect(ms).toBeLessThan(15_000);
  });
});
