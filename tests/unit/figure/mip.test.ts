import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signedMip } from '../../../shared/figure/index';
import { writeNifti } from '../../../shared/nifti/index';
import { py } from '../atlas/helpers';

// A thresholded signed map with known blobs, written as NIfTI; numpy computes the reference MIP.
const dims: [number, number, number] = [23, 29, 19];
const data = new Float32Array(dims[0] * dims[1] * dims[2]);
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
for (let i = 0; i < data.length; i++) {
  const v = rand() * 6;
  data[i] = Math.abs(v) >= 3.1 ? Math.round(v * 100) / 100 : 0; // thresholded at |t| 3.1
}
data[5] = NaN;
const dir = mkdtempSync(join(tmpdir(), 'mip-'));
const file = join(dir, 'stat.nii');
writeFileSync(file, writeNifti({ dims, affine: [2, 0, 0, -22, 0, 2, 0, -28, 0, 0, 2, -18, 0, 0, 0, 1], data }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signed maximum-intensity projection', () => {
  for (const axis of [0, 1, 2] as const) {
    it(`matches numpy along axis ${axis}`, () => {
      const ref = py<number[][]>(`
import json, numpy as np, nibabel as nib
a = np.nan_to_num(np.asarray(nib.load(${JSON.stringify(file)}).dataobj, dtype=np.float32))
i = np.expand_dims(np.argmax(np.abs(a), axis=${axis}), ${axis})
m = np.take_along_axis(a, i, axis=${axis}).squeeze(${axis})
print(json.dumps(m.T.tolist()))`);
      const p = signedMip(data, dims, axis);
      expect(p.h).toBe(ref.length);
      expect(p.w).toBe(ref[0].length);
      let negatives = 0;
      for (let r = 0; r < p.h; r++) {
        for (let c = 0; c < p.w; c++) {
          expect(p.data[c + p.w * r]).toBeCloseTo(ref[r][c], 5);
          if (ref[r][c] < 0) negatives++;
        }
      }
      expect(negatives).toBeGreaterThan(10); // the sign is kept, not the absolute value
    });
  }

  it('projects one hemisphere when given a voxel range', () => {
    const left = signedMip(data, dims, 0, 0, 11);
    const py2 = py<number[][]>(`
import json, numpy as np, nibabel as nib
a = np.nan_to_num(np.asarray(nib.load(${JSON.stringify(file)}).dataobj, dtype=np.float32))[:11]
i = np.expand_dims(np.argmax(np.abs(a), axis=0), 0)
print(json.dumps(np.take_along_axis(a, i, axis=0).squeeze(0).T.tolist()))`);
    for (let r = 0; r < left.h; r++) for (let c = 0; c < left.w; c++) expect(left.data[c + left.w * r]).toBeCloseTo(py2[r][c], 5);
  });
});
