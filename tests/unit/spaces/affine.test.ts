// Affines of real files against nibabel 5's img.affine / img.get_qform() (printed once, pasted here).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readNifti, readNiftiHeader } from '../../../shared/nifti/index';
import { affineFromHeader, orientationCode, quaternToAffine, affineToQuatern, type Mat4 } from '../../../shared/spaces/index';
import { missingRealData, REAL } from '../nifti/corpus';
import { needs } from '../../fixtures/references';

const bytes = (rel: string) => new Uint8Array(readFileSync(`${REAL}/edge-cases/${rel}`));
const flat = (rows: number[][]) => rows.flat();

function expectAffine(got: Mat4, want: number[][], digits = 9) {
  const w = flat(want);
  for (let i = 0; i < 16; i++) expect(got[i], `element ${i}`).toBeCloseTo(w[i], digits);
}

describe('affineFromHeader on real files', needs(missingRealData), () => {
  const cases: [string, number[][], string][] = [
    ['nifti_space_LPI.nii.gz', [[-2.3852322101593018, 0, 0, 74.50709533691406], [0, -2.389753818511963, 0, 75.63825988769531], [0, 0, -2.3664863109588623, 84.4255599975586], [0, 0, 0, 1]], 'LPI'],
    ['nifti_space_PSR.nii.gz', [[0, 0, 2.3852322101593018, -75.76253509521484], [-2.389753818511963, 0, 0, 75.63825988769531], [0, 2.3664863109588623, 0, -71.76253509521484], [0, 0, 0, 1]], 'PSR'],
    ['nifti_space_SAR.nii.gz', [[0, 0, 2.3852322101593018, -75.76253509521484], [0, 2.389753818511963, 0, -110.76253509521484], [2.3664863109588623, 0, 0, -71.76253509521484], [0, 0, 0, 1]], 'SAR'],
    ['shear.nii.gz', [[0.482421875, 0, 0, -94.37935638427734], [0, 0.45749205350875854, 0, -117.10601806640625], [0, 0.1530747413635254, 2.370809316635132, -102.20355224609375], [0, 0, 0, 1]], 'RAS'],
    ['AIL.nii.gz', [[0, 0, -2.3852322101593018, 74.50709533691406], [2.389753818511963, 0, 0, -110.76253509521484], [0, -2.3664863109588623, 0, 84.4255599975586], [0, 0, 0, 1]], 'AIL'],
  ];
  for (const [file, want, code] of cases) {
    it(`${file}: sform as nibabel, orientation ${code}`, () => {
      const h = readNiftiHeader(bytes(file), file);
      const a = affineFromHeader(h);
      expect(a.source).toBe('sform');
      expectAffine(a.affine, want);
      expect(orientationCode(a.affine)).toBe(code);
    });
  }

  // qform only: the same headers with the sform switched off must give nibabel's get_qform().
  const qforms: [string, number[][]][] = [
    ['example4d.nii.gz', [[-1.999999995978187, 1.0282396754185892e-5, 0.00013905980362440367, 117.8551025390625], [-1.0282396754185892e-5, 1.9737114380364735, -0.3555282247524397, -35.72294235229492], [0.00012641805535562603, 0.32320761014906196, 2.1710816833341227, -7.248798370361328], [0, 0, 0, 1]]],
    ['someones_epi.nii.gz', [[3, 0, 0, -78], [0, 2.8660094756227026, -0.8865605933273153, -76], [0, 0.8865605933273153, 2.8660094756227026, -64], [0, 0, 0, 1]]],
    ['fmri_pitch.nii.gz', [[3.25, 3.240495329711914e-16, -3.887976979251068e-17, -100.75], [-3.2594491061779324e-16, 3.230990629828824, -0.3887977016594667, -58.68431091308594], [0, 0.3509979344075106, 3.578943372077689, -84.79803466796875], [0, 0, 0, 1]]],
  ];
  for (const [file, want] of qforms) {
    it(`${file}: qform (quaternion, qfac, pixdim) as nibabel's get_qform()`, () => {
      const h = { ...readNiftiHeader(bytes(file), file), sformCode: 0 };
      const a = affineFromHeader(h);
      expect(a.source).toBe('qform');
      // nibabel computes a = sqrt(1 - b²-c²-d²) in float32, we in float64 (as nifti_clib):
      // rotation terms differ by up to ~1.4e-4, i.e. < 0.03 mm across a 200-voxel axis.
      expectAffine(a.affine, want, 3);
    });
  }

  it('example4d: qfac -1 flips the k axis', () => {
    const h = readNiftiHeader(bytes('example4d.nii.gz'), 'example4d.nii.gz');
    expect(h.qfac).toBe(-1);
    const flipped = affineFromHeader({ ...h, sformCode: 0, qfac: 1 }).affine;
    const right = affineFromHeader({ ...h, sformCode: 0 }).affine;
    for (const r of [0, 1, 2]) expect(flipped[r * 4 + 2]).toBeCloseTo(-right[r * 4 + 2], 9);
  });

  it('warns when the sform and qform disagree and when the space is not standard', () => {
    const img = readNifti(bytes('AIL.nii.gz'), 'AIL.nii.gz');
    expect(img.warnings.some((w) => w.includes('not marked as a standard (MNI/Talairach) space'))).toBe(true);
    const h = readNiftiHeader(bytes('someones_epi.nii.gz'), 'someones_epi.nii.gz');
    const moved = affineFromHeader({ ...h, sform: h.sform!.map((v, i) => (i === 3 ? v + 5 : v)) });
    expect(moved.warnings).toContain('sform and qform disagree; using the sform');
    expect(affineFromHeader(h).warnings).toEqual([]);
  });
});

describe('quaternions', () => {
  it('b=c=d=0 with qfac -1 and pixdim 2,3,4 is diag(2,3,-4)', () => {
    const { affine } = quaternToAffine([0, 0, 0], [1, 2, 3], [2, 3, 4], -1);
    expectAffine(affine, [[2, 0, 0, 1], [0, 3, 0, 2], [0, 0, -4, 3], [0, 0, 0, 1]], 15);
  });

  it('180 degrees about z (b=c=0, d=1, a=0) maps +x to -x and +y to -y', () => {
    const { affine, warnings } = quaternToAffine([0, 0, 1], [0, 0, 0], [1, 1, 1], 1);
    expect(warnings).toEqual([]);
    expectAffine(affine, [[-1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], 12);
  });

  it('affineToQuatern inverts quaternToAffine, including LAS and oblique', () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const m = [-2 * c, -2.5 * s, 0, 10, -2 * s, 2.5 * c, 0, -20, 0, 0, 3, 30, 0, 0, 0, 1];
    const q = affineToQuatern(m);
    expect(q.qfac).toBe(-1);
    expect(q.voxelSize.map((v) => +v.toFixed(12))).toEqual([2, 2.5, 3]);
    expectAffine(quaternToAffine(q.quatern, q.qoffset, q.voxelSize, q.qfac).affine, [m.slice(0, 4), m.slice(4, 8), m.slice(8, 12), [0, 0, 0, 1]], 12);
  });
});
