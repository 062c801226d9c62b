import type { Mat4 } from './types';

const LETTERS = [
  ['L', 'R'],
  ['P', 'A'],
  ['I', 'S'],
];

/**
 * Three letters naming where each voxel axis points (nibabel's aff2axcodes convention):
 * 'RAS' means i grows to the Right, j to Anterior, k to Superior; 'LAS' is radiological x.
 * Oblique axes get the world axis they are closest to, each world axis used once.
 */
export function orientationCode(affine: Mat4): string {
  const cols: number[][] = [0, 1, 2].map((c) => {
    const v = [affine[c], affine[4 + c], affine[8 + c]];
    const n = Math.hypot(v[0], v[1], v[2]) || 1;
    return v.map((x) => x / n);
  });
  const result = ['?', '?', '?'];
  const usedAxis = [false, false, false];
  const usedWorld = [false, false, false];
  for (let step = 0; step < 3; step++) {
    let best = -1;
    let bi = -1;
    let bw = -1;
    for (let c = 0; c < 3; c++) {
      if (usedAxis[c]) continue;
      for (let w = 0; w < 3; w++) {
        if (usedWorld[w]) continue;
        const a = Math.abs(cols[c][w]);
        if (a > best) {
          best = a;
          bi = c;
          bw = w;
        }
      }
    }
    usedAxis[bi] = true;
    usedWorld[bw] = true;
    result[bi] = LETTERS[bw][cols[bi][bw] >= 0 ? 1 : 0];
  }
  return result.join('');
}
