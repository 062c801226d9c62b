// The one-pass TFCE (union-find over levels, one union per group of already-added neighbours)
// against the definition written out: for k = 1..100 label {level >= k} of each part by flood fill
// and add sqrt(size) * h_k^2, in that order. The two must agree bit for bit at every voxel, for
// every connectivity, on masks with holes (so neighbourhood groups really split) and on maps with
// few levels (big plateaus, many same-level neighbours) and with all 100.
import { describe, expect, it } from 'vitest';
import { paddedGrid, tfceFromLevels, tfceHeights, tfceNeighbours, type PermData } from '../../../shared/stats/permutation/index';
import { tfceScratch } from '../../../shared/stats/permutation/tfce';

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** TFCE by 100 flood-fill labellings (the definition), signed map. */
function tfceByLabelling(dims: [number, number, number], voxels: Int32Array, lev: Int8Array, h: Float64Array, conn: 6 | 18 | 26): Float64Array {
  const [nx, ny, nz] = dims;
  const idx = new Int32Array(nx * ny * nz).fill(-1);
  voxels.forEach((f, v) => (idx[f] = v));
  const maxOrder = conn === 6 ? 1 : conn === 18 ? 2 : 3;
  const offs: [number, number, number][] = [];
  for (let dk = -1; dk <= 1; dk++) for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
    const o = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
    if (o > 0 && o <= maxOrder) offs.push([di, dj, dk]);
  }
  const score = new Float64Array(voxels.length);
  for (const sign of [1, -1]) {
    for (let k = 1; k <= 100; k++) {
      const inSet = (v: number) => v >= 0 && lev[v] * sign >= k;
      const label = new Int32Array(voxels.length).fill(-1);
      for (let v0 = 0; v0 < voxels.length; v0++) {
        if (!inSet(v0) || label[v0] >= 0) continue;
        const members = [v0];
        label[v0] = v0;
        for (let q = 0; q < members.length; q++) {
          const f = voxels[members[q]];
          const i = f % nx, j = Math.floor(f / nx) % ny, kk = Math.floor(f / (nx * ny));
          for (const [di, dj, dk] of offs) {
            const a = i + di, b = j + dj, c = kk + dk;
            if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
            const w = idx[a + nx * (b + ny * c)];
            if (inSet(w) && label[w] < 0) {
              label[w] = v0;
              members.push(w);
            }
          }
        }
        const add = Math.sqrt(members.length) * (h[k] * h[k]);
        for (const w of members) score[w] += add;
      }
    }
  }
  return score.map((x, v) => (lev[v] < 0 ? -x : x));
}

describe('one-pass TFCE', () => {
  const dims: [number, number, number] = [12, 11, 10];
  for (const conn of [6, 18, 26] as const) {
    it(`equals 100 labellings bit for bit, ${conn}-connectivity`, () => {
      const rnd = lcg(conn);
      const nVox = dims[0] * dims[1] * dims[2];
      for (let trial = 0; trial < 12; trial++) {
        // sparse masks and many empty voxels split the neighbourhoods into several groups
        const fill = [0.9, 0.7, 0.5][trial % 3];
        const voxels = Int32Array.from({ length: nVox }, (_, i) => i).filter(() => rnd() < fill);
        const g = paddedGrid({ dims, voxels, V: voxels.length } as PermData);
        const levels = trial % 2 === 0 ? 4 : 100;
        const empty = trial % 4 < 2 ? 0.1 : 0.4;
        const lev = new Int8Array(voxels.length);
        for (let v = 0; v < voxels.length; v++) {
          if (rnd() < empty) continue;
          lev[v] = (rnd() < 0.5 ? 1 : -1) * (1 + Math.floor(rnd() * levels));
        }
        const h = tfceHeights(3.7 + trial);
        const map = new Float64Array(voxels.length);
        const max = tfceFromLevels(g, tfceNeighbours(g, conn), lev, h, tfceScratch(g), map);
        const want = tfceByLabelling(dims, voxels, lev, h, conn);
        expect(Array.from(map)).toEqual(Array.from(want));
        expect(max).toBe(Math.max(...want.map(Math.abs)));
      }
    });
  }
});
