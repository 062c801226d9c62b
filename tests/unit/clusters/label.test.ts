import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelComponents, nonZeroIndices } from '../../../shared/clusters/label';
import { missingPython, needs, PYTHON } from '../../fixtures/references';

const dims: [number, number, number] = [5, 5, 5];
const at = (i: number, j: number, k: number) => i + 5 * (j + 5 * k);
function volume(points: [number, number, number, number][]): Int8Array {
  const c = new Int8Array(125);
  for (const [i, j, k, v] of points) c[at(i, j, k)] = v;
  return c;
}

describe('connected components by hand', () => {
  it('corner neighbours join only with 26-connectivity, edge neighbours with 18 and 26', () => {
    const corner = volume([[1, 1, 1, 1], [2, 2, 2, 1]]);
    expect(labelComponents(corner, dims, 26).count).toBe(1);
    expect(labelComponents(corner, dims, 18).count).toBe(2);
    expect(labelComponents(corner, dims, 6).count).toBe(2);
    const edge = volume([[1, 1, 1, 1], [2, 2, 1, 1]]);
    expect(labelComponents(edge, dims, 18).count).toBe(1);
    expect(labelComponents(edge, dims, 6).count).toBe(2);
    const face = volume([[1, 1, 1, 1], [1, 1, 2, 1]]);
    expect(labelComponents(face, dims, 6).count).toBe(1);
  });

  it('keeps different classes (signs) apart even when touching', () => {
    const c = volume([[1, 1, 1, 1], [2, 1, 1, -1]]);
    const r = labelComponents(c, dims, 26);
    expect(r.count).toBe(2);
    expect(r.labels[at(1, 1, 1)]).not.toBe(r.labels[at(2, 1, 1)]);
  });

  it('merges a U shape whose arms meet late in the scan, and does not wrap around the x edge', () => {
    // arms at i=0 and i=2 going up in k, joined at k=3 -> one component (needs a union)
    const pts: [number, number, number, number][] = [];
    for (let k = 0; k <= 3; k++) pts.push([0, 0, k, 1], [2, 0, k, 1]);
    pts.push([1, 0, 3, 1]);
    expect(labelComponents(volume(pts), dims, 6).count).toBe(1);
    // (4,0,0) and (0,1,0) are adjacent in memory but not in space
    expect(labelComponents(volume([[4, 0, 0, 1], [0, 1, 0, 1]]), dims, 26).count).toBe(2);
  });

  it('numbers components by first voxel in scan order', () => {
    const r = labelComponents(volume([[3, 3, 3, 1], [0, 0, 0, 1]]), dims, 6);
    expect(r.labels[at(0, 0, 0)]).toBe(1);
    expect(r.labels[at(3, 3, 3)]).toBe(2);
    expect(Array.from(nonZeroIndices(volume([[3, 3, 3, 1], [0, 0, 0, 1]])))).toEqual([0, at(3, 3, 3)]);
  });
});


describe('same partition as scipy.ndimage.label (generate_binary_structure(3, 1|2|3))', needs(missingPython(['scipy'])), () => {
  it('agrees on a random 23x19x17 volume at ~15% density for 6, 18 and 26', () => {
    const d: [number, number, number] = [23, 19, 17];
    const n = d[0] * d[1] * d[2];
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const cls = new Int8Array(n);
    for (let i = 0; i < n; i++) cls[i] = rand() < 0.15 ? 1 : 0;
    const dir = mkdtempSync(join(tmpdir(), 'cs-label-'));
    try {
      writeFileSync(join(dir, 'mask.u8'), cls);
      const script = [
        'import numpy as np, sys',
        'from scipy import ndimage',
        `m = np.fromfile(sys.argv[1] + '/mask.u8', np.uint8).reshape(${d[2]}, ${d[1]}, ${d[0]}).transpose(2, 1, 0)`,
        'for r in (1, 2, 3):',
        '    lab, n = ndimage.label(m, structure=ndimage.generate_binary_structure(3, r))',
        "    lab.transpose(2, 1, 0).astype(np.int32).tofile(sys.argv[1] + f'/lab{r}.i32')",
        '    print(n)',
      ].join('\n');
      const counts = execFileSync(PYTHON, ['-c', script, dir]).toString().trim().split('\n').map(Number);
      ([6, 18, 26] as const).forEach((conn, r) => {
        const ours = labelComponents(cls, d, conn);
        const b = readFileSync(join(dir, `lab${r + 1}.i32`));
        const theirs = new Int32Array(b.buffer, b.byteOffset, n);
        expect(ours.count, `connectivity ${conn}`).toBe(counts[r]);
        expect(ours.count).toBeGreaterThan(20);
        // same partition: a bijection between our labels and scipy's
        const fwd = new Map<number, number>();
        const back = new Map<number, number>();
        for (let i = 0; i < n; i++) {
          const a = ours.labels[i];
          const s = theirs[i];
          expect(a === 0).toBe(s === 0);
          if (a === 0) continue;
          if (!fwd.has(a)) fwd.set(a, s);
          if (!back.has(s)) back.set(s, a);
          expect(fwd.get(a)).toBe(s);
          expect(back.get(s)).toBe(a);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
