import { describe, expect, it } from 'vitest';
import { clusterTriangles, smoothMesh, surfaceNets } from '../../../shared/mesh';
import { volume } from './meshVolume';

function ball(n: number, r: number): Uint8Array {
  const m = new Uint8Array(n * n * n);
  const c = (n - 1) / 2;
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if ((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= r * r) m[x + n * (y + n * z)] = 1;
  return m;
}

describe('clusterTriangles (the coarse mesh drawn while the camera moves)', () => {
  const n = 40;
  const mesh = smoothMesh(surfaceNets(ball(n, 15), [n, n, n]), 6);
  const coarse = clusterTriangles(mesh.positions, mesh.indices, 2.5);

  it('is several times fewer triangles over the same vertices, none degenerate or repeated', () => {
    const nv = mesh.positions.length / 3;
    expect(coarse.length % 3).toBe(0);
    expect(coarse.length).toBeLessThan(mesh.indices.length / 4);
    expect(coarse.length).toBeGreaterThan(mesh.indices.length / 20);
    const seen = new Set<string>();
    for (let i = 0; i < coarse.length; i += 3) {
      const [a, b, c] = [coarse[i], coarse[i + 1], coarse[i + 2]];
      expect(Math.max(a, b, c)).toBeLessThan(nv);
      expect(a !== b && b !== c && a !== c).toBe(true);
      const key = [a, b, c].sort((x, y) => x - y).join();
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('keeps the shape and the outward winding: the enclosed volume within 10% of the full mesh', () => {
    const full = volume(mesh);
    const v = volume({ positions: mesh.positions, indices: coarse });
    expect(full).toBeGreaterThan(0);
    expect(Math.abs(v - full) / full).toBeLessThan(0.1);
  });

  it('is deterministic', () => {
    expect(Buffer.from(clusterTriangles(mesh.positions, mesh.indices, 2.5).buffer).equals(Buffer.from(coarse.buffer))).toBe(true);
  });
});
