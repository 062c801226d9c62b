import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { blockAny, brainShell, meshToMm, smoothMesh, surfaceNets, type Mesh } from '../../../shared/mesh';
import { readNifti } from '../../../shared/nifti';
import { volume } from './meshVolume';

function ball(n: number, r: number): Uint8Array {
  const m = new Uint8Array(n * n * n);
  const c = (n - 1) / 2;
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if ((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= r * r) m[x + n * (y + n * z)] = 1;
  return m;
}

function radii(mesh: Mesh, c: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < mesh.positions.length; i += 3) out.push(Math.hypot(mesh.positions[i] - c, mesh.positions[i + 1] - c, mesh.positions[i + 2] - c));
  return out;
}

describe('surfaceNets', () => {
  it('a ball gives a closed, consistently wound mesh of the right volume and radius', () => {
    const n = 24;
    const r = 8;
    const mesh = surfaceNets(ball(n, r), [n, n, n]);
    // Every directed edge once, its reverse once: watertight, and orientation agrees across triangles.
    const directed = new Map<string, number>();
    const t = mesh.indices;
    for (let i = 0; i < t.length; i += 3) {
      for (const [a, b] of [[t[i], t[i + 1]], [t[i + 1], t[i + 2]], [t[i + 2], t[i]]]) directed.set(`${a},${b}`, (directed.get(`${a},${b}`) ?? 0) + 1);
    }
    for (const [k, count] of directed) {
      expect(count).toBe(1);
      const [a, b] = k.split(',');
      expect(directed.get(`${b},${a}`), `edge ${k} has a twin`).toBe(1);
    }
    // Euler characteristic of a sphere: V - E + F = 2.
    const V = mesh.positions.length / 3;
    const F = t.length / 3;
    expect(V - directed.size / 2 + F).toBe(2);
    const vol = volume(mesh);
    expect(vol).toBeGreaterThan(0);
    expect(vol / ((4 / 3) * Math.PI * r ** 3)).toBeGreaterThan(0.9);
    expect(vol / ((4 / 3) * Math.PI * r ** 3)).toBeLessThan(1.15);
    const rs = radii(mesh, (n - 1) / 2);
    expect(Math.min(...rs)).toBeGreaterThan(r - 1);
    expect(Math.max(...rs)).toBeLessThan(r + 1);
  });

  it('an empty mask gives no triangles; a mask of the wrong size is refused', () => {
    expect(surfaceNets(new Uint8Array(27), [3, 3, 3]).indices.length).toBe(0);
    expect(() => surfaceNets(new Uint8Array(26), [3, 3, 3])).toThrow(/26 voxels/);
  });

  it('one voxel is a closed cube-like shell around its centre', () => {
    const m = new Uint8Array(27);
    m[13] = 1;
    const mesh = surfaceNets(m, [3, 3, 3]);
    expect(mesh.indices.length / 3).toBe(12);
    expect(volume(mesh)).toBeGreaterThan(0);
    // Each vertex is the mean of its cell's three crossing midpoints: (1/6, 1/6, 1/6) from the voxel.
    for (const r of radii(mesh, 1)) expect(r).toBeCloseTo(Math.sqrt(3) / 6, 6);
  });
});

describe('smoothMesh, meshToMm, blockAny', () => {
  it('Taubin smoothing rounds the ball without shrinking it', () => {
    const n = 24;
    const r = 8;
    const mesh = surfaceNets(ball(n, r), [n, n, n]);
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const before = spread(radii(mesh, (n - 1) / 2));
    const vol0 = volume(mesh);
    smoothMesh(mesh, 10);
    expect(spread(radii(mesh, (n - 1) / 2))).toBeLessThan(before);
    expect(volume(mesh) / vol0).toBeGreaterThan(0.93);
  });

  it('meshToMm applies the affine to every vertex', () => {
    const mesh: Mesh = { positions: Float32Array.from([0, 0, 0, 1, 2, 3]), indices: new Uint32Array(0) };
    meshToMm(mesh, [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1]);
    expect([...mesh.positions]).toEqual([90, -126, -72, 88, -122, -66]);
  });

  it('blockAny keeps a block when any voxel in it is inside, and centres the coarse affine on the block', () => {
    const m = new Uint8Array(5 * 4 * 4);
    m[4 + 5 * (3 + 4 * 3)] = 1; // voxel (4, 3, 3)
    const coarse = blockAny(m, [5, 4, 4], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], 2);
    expect(coarse.dims).toEqual([3, 2, 2]);
    expect([...coarse.mask].map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([2 + 3 * (1 + 2 * 1)]);
    // Coarse voxel 0 covers fine voxels 0..1: its centre is at 0.5.
    expect(coarse.affine).toEqual([2, 0, 0, 0.5, 0, 2, 0, 0.5, 0, 0, 2, 0.5, 0, 0, 0, 1]);
  });
});

describe.skipIf(!existsSync('resources/atlas_aal.nii.gz'))('brainShell on the bundled AAL atlas', () => {
  it('is a closed surface spanning the brain in MNI mm', () => {
    const atlas = readNifti(new Uint8Array(readFileSync('resources/atlas_aal.nii.gz')), 'atlas_aal.nii.gz');
    const mesh = brainShell(atlas.data, atlas.grid.dims, atlas.grid.affine, 3);
    const p = mesh.positions;
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < p.length; i += 3) for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], p[i + a]);
      hi[a] = Math.max(hi[a], p[i + a]);
    }
    // MNI brain extent: x about ±70, y about -105..+70, z about -50..+80 (cerebellum to vertex).
    expect(lo[0]).toBeLessThan(-60);
    expect(hi[0]).toBeGreaterThan(60);
    expect(lo[1]).toBeLessThan(-95);
    expect(hi[1]).toBeGreaterThan(60);
    expect(lo[2]).toBeLessThan(-40);
    expect(hi[2]).toBeGreaterThan(70);
    // Brain volume ~1.4-1.9 litres for AAL's labelled voxels.
    expect(volume(mesh) / 1e6).toBeGreaterThan(1.2);
    expect(volume(mesh) / 1e6).toBeLessThan(2.2);
    expect(mesh.indices.length / 3).toBeLessThan(200_000);
  });
});
