import type { Mesh } from '../../../shared/mesh';

/** Signed volume by the divergence theorem (positive when wound counter-clockwise from outside). */
export function volume(mesh: Mesh): number {
  const p = mesh.positions;
  const t = mesh.indices;
  let v = 0;
  for (let i = 0; i < t.length; i += 3) {
    const [a, b, c] = [3 * t[i], 3 * t[i + 1], 3 * t[i + 2]];
    v += p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1]) - p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c]) + p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c]);
  }
  return v / 6;
}
