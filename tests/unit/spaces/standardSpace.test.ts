// The native-space rule on real files: ../shared/data/real (beside the clone; a CI failure when absent).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readNifti } from '../../../shared/nifti/index';
import { brainCoverage, checkStandardSpace, nativeSpaceWarning, obliqueDegrees } from '../../../shared/spaces/index';

const REAL = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/data/real');
const have = existsSync(REAL);
const read = (rel: string) => readNifti(new Uint8Array(readFileSync(`${REAL}/${rel}`)), rel, { inflate: (gz, max) => new Uint8Array(gunzipSync(gz, { maxOutputLength: max })) });
const check = (rel: string) => {
  const img = read(rel);
  return { img, r: checkStandardSpace(img.header.sformCode, img.header.qformCode, img.grid) };
};

describe('standard-space check: synthetic grids', () => {
  const mni2 = { dims: [91, 109, 91] as [number, number, number], affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1] };
  it('the MNI 2 mm grid covers the brain, is not oblique; a half grid covers about half', () => {
    expect(brainCoverage(mni2)).toBe(1);
    expect(obliqueDegrees(mni2.affine)).toBe(0);
    const half = { dims: [45, 109, 91] as [number, number, number], affine: mni2.affine };
    expect(brainCoverage(half)).toBeGreaterThan(0.4);
    expect(brainCoverage(half)).toBeLessThan(0.6);
    // 10 degrees about z
    const c = Math.cos(Math.PI / 18), s = Math.sin(Math.PI / 18);
    expect(obliqueDegrees([2 * c, -2 * s, 0, 0, 2 * s, 2 * c, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1])).toBeCloseTo(10, 6);
  });
  it('code 4 on a grid far from the brain is warned for its field of view', () => {
    const moved = { dims: mni2.dims, affine: [...mni2.affine.slice(0, 3), 290, ...mni2.affine.slice(4)] };
    expect(nativeSpaceWarning(4, 4, moved)).toMatch(/field of view covers 0% of the template's brain/);
  });
});

describe.skipIf(!have && !process.env.CI)('standard-space check on real files (../shared/data/real)', () => {
  it('finds the data folder', () => expect(have, `${REAL} is missing`).toBe(true));

  it('the real SPM map (sform/qform code 2, MNI field of view) and MNI-coded maps: no warning', () => {
    for (const f of ['bold-stats/spmT_0001.nii.gz', 'bold-stats/stats.nv_demo_mskd.nii.gz', 'edge-cases/avg152T1_RL_nifti.nii.gz']) {
      const { r, img } = check(f);
      expect(r.reasons, f).toEqual([]);
      expect(r.coverage, f).toBeGreaterThan(0.99);
      expect(nativeSpaceWarning(img.header.sformCode, img.header.qformCode, img.grid)).toBeNull();
    }
    expect(read('bold-stats/spmT_0001.nii.gz').header.sformCode).toBe(2);
  });

  it('oblique files are warned (shear 18°, fmri_pitch 6°, someones_epi 17° although coded MNI)', () => {
    for (const [f, deg] of [['edge-cases/shear.nii.gz', 18.5], ['edge-cases/fmri_pitch.nii.gz', 6.2], ['edge-cases/someones_epi.nii.gz', 17.2]] as const) {
      const { r } = check(f);
      expect(r.standard, f).toBe(false);
      expect(r.obliqueDegrees, f).toBeCloseTo(deg, 0);
      expect(r.reasons.join(' '), f).toMatch(/oblique/);
    }
  });

  it('native-space files are warned: scanner codes, or a field of view that misses the brain', () => {
    const cases: [string, RegExp][] = [
      ['edge-cases/AIL.nii.gz', /header says scanner space \(sform_code 1, qform_code 0\)/],
      ['edge-cases/example4d.nii.gz', /header says scanner space/],
      ['edge-cases/functional.nii', /field of view covers \d+% of the template's brain/],
      ['edge-cases/anatomical.nii', /field of view covers \d+%/],
      ['edge-cases/reoriented_anat_moved.nii', /field of view covers \d+%/],
      ['edge-cases/minimal.nii.gz', /no orientation/],
    ];
    for (const [f, why] of cases) {
      const { r, img } = check(f);
      expect(r.standard, f).toBe(false);
      expect(nativeSpaceWarning(img.header.sformCode, img.header.qformCode, img.grid), f).toMatch(why);
    }
  });
});
