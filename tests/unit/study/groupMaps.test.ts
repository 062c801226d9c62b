import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstMissing, missingShared, needs, SHARED_DIR } from '../../fixtures/references';
import { readNiftiHeader, writeNifti, NIFTI_INTENT } from '../../../shared/nifti/index';
import type { NiftiHeader } from '../../../shared/nifti/types';
import { classifyGroupMap, groupMapStudy, niftiExtensionText } from '../../../shared/study/groupMaps';

const REAL = join(SHARED_DIR, 'data', 'real', 'bold-stats');
const missingReal = firstMissing(missingShared('data', 'real', 'bold-stats', 'spmT_0001.nii.gz'), missingShared('data', 'real', 'bold-stats', 'stats.nv_demo_mskd.nii.gz'));

const AFFINE = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1];
function header(spec: { intentCode?: number; intentP1?: number; descrip?: string }): NiftiHeader {
  const bytes = writeNifti({ dims: [2, 2, 2], affine: AFFINE, data: new Float32Array(8), ...spec });
  return readNiftiHeader(bytes, 'x.nii');
}

describe('classifyGroupMap on real files', needs(missingReal), () => {
  it("reads SPM's description: a T map with 1066 dof", () => {
    const bytes = new Uint8Array(readFileSync(`${REAL}/spmT_0001.nii.gz`));
    const h = readNiftiHeader(bytes, 'spmT_0001.nii.gz');
    expect(niftiExtensionText(bytes, h, 'spmT_0001.nii.gz')).toBeNull();
    expect(classifyGroupMap('spmT_0001.nii.gz', h)).toMatchObject({ software: 'SPM', statType: 't', dof: 1066, needsDof: false, frame: 0, label: 'SPM T map, contrast 1: AA-GG' });
  });

  it("reads AFNI's sub-brick labels and dof from the header extension", () => {
    const bytes = new Uint8Array(readFileSync(`${REAL}/stats.nv_demo_mskd.nii.gz`));
    const h = readNiftiHeader(bytes, 'stats.nv_demo_mskd.nii.gz');
    const ext = niftiExtensionText(bytes, h, 'stats.nv_demo_mskd.nii.gz');
    expect(ext).toContain('BRICK_LABS');
    const info = classifyGroupMap('stats.nv_demo_mskd.nii.gz', h, ext);
    expect(info).toMatchObject({ software: 'AFNI', statType: 't', dof: 134, needsDof: false, frame: 1, label: 'AFNI sub-brick vis#0_Tstat' });
    expect(info.frames).toEqual([
      { frame: 0, label: 'vis#0_Coef', statType: 'beta' },
      { frame: 1, label: 'vis#0_Tstat', statType: 't', dof: 134 },
    ]);
    // without the extension nothing says what it is: the user is asked
    expect(classifyGroupMap('stats.nv_demo_mskd.nii.gz', h)).toMatchObject({ statType: null, needsDof: false });
  });
});

describe('classifyGroupMap from names and header intent', () => {
  const plain = header({});
  it('knows SPM and FSL file names; t maps without dof ask for it', () => {
    expect(classifyGroupMap('con_0002.nii', plain)).toMatchObject({ software: 'SPM', statType: 'beta', needsDof: false });
    expect(classifyGroupMap('tstat1.nii.gz', plain)).toMatchObject({ software: 'FSL', statType: 't', needsDof: true });
    expect(classifyGroupMap('zstat3.nii.gz', plain)).toMatchObject({ software: 'FSL', statType: 'z', needsDof: false });
    expect(classifyGroupMap('cope1.nii.gz', plain)).toMatchObject({ software: 'FSL', statType: 'beta' });
    expect(classifyGroupMap('/x/spmT_0003.nii', plain)).toMatchObject({ software: 'SPM', statType: 't', needsDof: true });
    expect(classifyGroupMap('anything.nii', plain)).toMatchObject({ software: 'unknown', statType: null });
  });

  it('uses intent code 3 with intent_p1 as dof, and 5 as z', () => {
    expect(classifyGroupMap('tstat1.nii.gz', header({ intentCode: NIFTI_INTENT.TTEST, intentP1: 23 }))).toMatchObject({ software: 'FSL', statType: 't', dof: 23, needsDof: false });
    expect(classifyGroupMap('map.nii', header({ intentCode: NIFTI_INTENT.TTEST }))).toMatchObject({ statType: 't', needsDof: true });
    expect(classifyGroupMap('map.nii', header({ intentCode: NIFTI_INTENT.ZSCORE }))).toMatchObject({ statType: 'z', needsDof: false });
  });

  it('wraps one map as a one-file study with the dof the user gave', () => {
    const info = classifyGroupMap('tstat1.nii.gz', plain);
    const s = groupMapStudy('/maps/tstat1.nii.gz', info, 40);
    expect(s.measures[0]).toMatchObject({ kind: 'group-stat', units: 't', files: [{ subject: 'group', condition: 'group', path: '/maps/tstat1.nii.gz', statType: 't', dof: 40, frame: 0 }] });
  });
});
