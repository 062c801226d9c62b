import { describe, expect, it, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { readNifti, writeNifti, NIFTI_INTENT, type NiftiWriteSpec } from '../../../shared/nifti/index';
import { PYTHON } from './corpus';
import { missingPython, needs } from '../../fixtures/references';

// An oblique, LAS, non-isotropic affine: rotation about x by 10 degrees, voxel sizes 2, 2.5, 3.
const c = Math.cos((10 * Math.PI) / 180);
const s = Math.sin((10 * Math.PI) / 180);
const OBLIQUE = [-2, 0, 0, 90, 0, 2.5 * c, -3 * s, -126, 0, 2.5 * s, 3 * c, -72, 0, 0, 0, 1];
const dims = [5, 4, 3];
const ramp = Float32Array.from({ length: 60 }, (_, n) => n * 0.5 - 7.25);

function spec(extra: Partial<NiftiWriteSpec> = {}): NiftiWriteSpec {
  return { dims, affine: OBLIQUE, data: ramp, intentCode: NIFTI_INTENT.TTEST, intentP1: 23, descrip: 'paired t MDMA > placebo', ...extra };
}

describe('writeNifti -> readNifti', () => {
  it('round-trips values, affine (as sform and qform) and intent', () => {
    for (const gzip of [false, true]) {
      const bytes = writeNifti(spec(), { gzip, level: 1 });
      expect(bytes[0] === 0x1f).toBe(gzip);
      const img = readNifti(bytes, gzip ? 'x.nii.gz' : 'x.nii');
      expect(img.header.dims).toEqual(dims);
      expect(Array.from(img.data)).toEqual(Array.from(ramp));
      expect(img.header.sformCode).toBe(4);
      expect(img.header.qformCode).toBe(4);
      expect(img.header.voxOffset).toBe(352);
      for (let i = 0; i < 16; i++) expect(img.grid.affine[i]).toBeCloseTo(OBLIQUE[i], 5);
      // The qform, rebuilt from our quaternion, matches the affine too.
      for (let i = 0; i < 12; i++) expect(img.header.qform![i]).toBeCloseTo(OBLIQUE[i], 5);
      expect(img.header.qfac).toBe(-1);
      expect(img.header.intentCode).toBe(3);
      expect(img.header.intentP1).toBe(23);
      expect(img.header.descrip).toBe('paired t MDMA > placebo');
      expect(img.warnings).toEqual([]);
    }
  });

  it('writes int16 with scaling and uint8 labels; an injected deflate is used', () => {
    const int16 = Int16Array.from({ length: 60 }, (_, n) => n - 30);
    const img = readNifti(writeNifti(spec({ data: int16, sclSlope: 0.5, sclInter: 10 })), 'a.nii');
    expect(img.header.datatypeName).toBe('int16');
    expect(img.data[0]).toBe(-5);
    expect(img.data[59]).toBe(24.5);
    let called = 0;
    const gz = writeNifti(spec({ data: Uint8Array.from({ length: 60 }, (_, n) => n % 7), intentCode: NIFTI_INTENT.LABEL }), {
      gzip: true,
      deflate: (raw, level) => {
        called = level;
        return gzipSync(raw, { level });
      },
      level: 3,
    });
    expect(called).toBe(3);
    const lab = readNifti(gz, 'labels.nii.gz');
    expect(lab.header.datatypeName).toBe('uint8');
    expect(lab.data[13]).toBe(6);
  });

  it('refuses inconsistent specs', () => {
    expect(() => writeNifti(spec({ dims: [5, 4, 4] }))).toThrow(/need 80/);
    expect(() => writeNifti(spec({ affine: [1, 2, 3] }))).toThrow(/16 finite/);
  });
});

describe('writeNifti read back by nibabel (/usr/bin/python3)', needs(missingPython(['nibabel', 'numpy'])), () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('nibabel sees the same values, affine, dtype and intent', () => {
    const cases: [string, NiftiWriteSpec, string][] = [
      ['f32.nii.gz', spec(), 'float32'],
      ['i16.nii', spec({ data: Int16Array.from({ length: 60 }, (_, n) => 3 * n - 90) }), 'int16'],
      ['u8.nii', spec({ data: Uint8Array.from({ length: 60 }, (_, n) => n), intentCode: NIFTI_INTENT.LABEL }), 'uint8'],
      ['f64.nii.gz', spec({ datatype: 'float64' }), 'float64'],
    ];
    for (const [name, sp, dtype] of cases) {
      writeFileSync(join(dir, name), writeNifti(sp, { gzip: name.endsWith('.gz') }));
      const script = `
import nibabel as nib, numpy as np, json, sys
img = nib.load(sys.argv[1])
print(json.dumps({"shape": list(img.shape), "dtype": str(img.get_data_dtype()), "data": np.asarray(img.get_fdata()).ravel(order="F").tolist(),
  "affine": img.affine.tolist(), "qform": img.get_qform().tolist(), "codes": [int(img.header["sform_code"]), int(img.header["qform_code"])],
  "intent": int(img.header["intent_code"]), "p1": float(img.header["intent_p1"])}))`;
      const out = JSON.parse(execFileSync(PYTHON, ['-c', script, join(dir, name)], { encoding: 'utf8' }));
      expect(out.shape).toEqual(dims);
      expect(out.dtype).toBe(dtype);
      expect(out.data).toEqual(Array.from(sp.data as ArrayLike<number>, Number));
      expect(out.codes).toEqual([4, 4]);
      expect(out.intent).toBe(sp.intentCode);
      for (let r = 0; r < 4; r++) {
        for (let k = 0; k < 4; k++) {
          expect(out.affine[r][k]).toBeCloseTo(OBLIQUE[r * 4 + k], 5);
          expect(out.qform[r][k]).toBeCloseTo(OBLIQUE[r * 4 + k], 5);
        }
      }
    }
  });
});
