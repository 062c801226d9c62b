import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readNifti, readNiftiPair, NiftiError, type NiftiImage } from '../../../shared/nifti/index';
import { isUsableAffine } from '../../../shared/spaces/index';
import { haveCorpusTools, makeCorpus, missingCorpusTools, probesOf, type CorpusEntry } from './corpus';
import { needs } from '../../fixtures/references';

// Filled at collection time so each manifest entry is its own test.
const corpus = haveCorpusTools ? makeCorpus() : { dir: '', entries: [] as CorpusEntry[] };

function load(entry: CorpusEntry): NiftiImage {
  const path = join(corpus.dir, entry.file);
  const name = entry.file.split('/').pop()!;
  const bytes = new Uint8Array(readFileSync(path));
  if (entry.file.startsWith('pair/')) {
    const img = path.replace(/\.hdr$/, '.img');
    if (existsSync(img)) return readNiftiPair(bytes, new Uint8Array(readFileSync(img)), name);
  }
  return readNifti(bytes, name);
}

describe('NIfTI reader on every robustness corpus case (/usr/bin/python3 + make_bad_inputs.py)', needs(missingCorpusTools), () => {
  beforeAll(() => {
    expect(corpus.entries.length).toBeGreaterThanOrEqual(45);
    return () => rmSync(corpus.dir, { recursive: true, force: true });
  });

  for (const entry of corpus.entries) {
    it(`${entry.file}: ${entry.expect}`, () => {
      const name = entry.file.split('/').pop()!;
      const t0 = performance.now();
      let img: NiftiImage | null = null;
      let error: unknown = null;
      try {
        img = load(entry);
      } catch (err) {
        error = err;
      }
      expect(performance.now() - t0).toBeLessThan(entry.max_seconds * 1000);
      if (error) {
        expect(entry.expect, `unexpected rejection: ${(error as Error).message}`).toMatch(/^reject/);
        expect(error).toBeInstanceOf(NiftiError);
        const msg = (error as NiftiError).message;
        expect(msg.startsWith(`${name}: `)).toBe(true);
        expect((error as NiftiError).userFacing).toBe(true);
        // Every hint word of the manifest appears in the message.
        for (const hint of entry.error_hint) expect(msg.toLowerCase(), `hint "${hint}"`).toContain(hint.toLowerCase());
        return;
      }
      expect(entry.expect, `should have been rejected`).not.toBe('reject');
      const got = img!;
      if (entry.expect === 'reject_or_warn' && entry.error_hint.length > 0) {
        const all = got.warnings.join(' | ').toLowerCase();
        expect(entry.error_hint.some((h) => all.includes(h.toLowerCase())), `warnings ${all}`).toBe(true);
      }
      if (entry.expect === 'load_with_warning') expect(got.warnings.length).toBeGreaterThan(0);
      expect(isUsableAffine(got.grid.affine)).toBe(true);
      const checks = probesOf(entry);
      if (checks) {
        if (checks.shape) expect(got.header.dims).toEqual(checks.shape);
        if (checks.dtype) expect(got.header.datatypeName).toBe(checks.dtype);
        const [nx, ny] = got.grid.dims;
        for (const [[i, j, k], v] of checks.probe) expect(got.data[i + nx * (j + ny * k)]).toBe(v);
        // The whole ramp, not just the probes: v[i,j,k] = i + 4j + 16k.
        for (let n = 0; n < 64; n++) expect(got.data[n]).toBe(n);
      }
    });
  }

  it('keeps NaN/Inf voxels and says so', () => {
    const img = load(corpus.entries.find((e) => e.file === 'nifti/nan_inf_voxels.nii')!);
    expect(img.warnings.join(' ')).toMatch(/1 NaN and 2 infinite/);
    expect(Number.isNaN(img.data[0])).toBe(true);
  });

  it('falls back to voxel sizes for an all-zero sform, and keeps the affine finite for bad pixdim', () => {
    const sing = load(corpus.entries.find((e) => e.file === 'nifti/sform_singular.nii')!);
    expect(sing.affineSource).toBe('pixdim');
    expect(sing.warnings.join(' ')).toMatch(/singular/);
    const pix = load(corpus.entries.find((e) => e.file === 'nifti/pixdim_zero_nan.nii')!);
    expect(pix.affineSource).toBe('qform');
    expect(pix.grid.affine).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(pix.warnings.join(' ')).toMatch(/pixdim/);
  });

  it('reads fixed-width text fields without over-reading', () => {
    const img = load(corpus.entries.find((e) => e.file === 'nifti/descrip_unterminated_non_utf8.nii')!);
    expect(img.header.descrip.length).toBeLessThanOrEqual(80);
    expect(img.header.auxFile.length).toBeLessThanOrEqual(24);
    expect(img.header.intentName.length).toBeLessThanOrEqual(16);
  });

  it('a .hdr alone is refused with a missing-pair error naming the .img', () => {
    const e = corpus.entries.find((x) => x.file === 'pair/ok_pair.hdr')!;
    const bytes = new Uint8Array(readFileSync(join(corpus.dir, e.file)));
    expect(() => readNifti(bytes, 'ok_pair.hdr')).toThrow(/\.img file is missing/);
    try {
      readNifti(bytes, 'ok_pair.hdr');
    } catch (err) {
      expect((err as NiftiError).code).toBe('missing-pair');
    }
  });
});
