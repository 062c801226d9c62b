import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelAtMm, makeAtlas, parseLabelTable, resolvePreset, maskFromPreset, roiStats, atlasLike, LabelTableError } from '../../../shared/atlas/index';
import type { NiftiImage } from '../../../shared/nifti/index';
import { firstMissing, missingPython, missingShared, needs, sharedPath } from '../../fixtures/references';
import { loadNifti, py } from './helpers';

const AAL = 'resources/atlas_aal.nii.gz';
const HO = sharedPath('data', 'real', 'atlases');
const SPMT = sharedPath('data', 'real', 'bold-stats', 'spmT_0001.nii.gz');
const missingSpmT = missingShared('data', 'real', 'bold-stats', 'spmT_0001.nii.gz');
const missingHo = firstMissing(missingShared('data', 'real', 'atlases', 'HOsub_CONN.nii.gz'), missingSpmT);

function aal() {
  return makeAtlas(loadNifti(AAL), parseLabelTable(readFileSync('resources/atlas_aal.txt', 'utf8'), 'atlas_aal.txt'));
}

describe('AAL atlas (resources/)', () => {
  const atlas = aal();

  it('labelAtMm: amygdala, hippocampus, background and outside (checked with nibabel)', () => {
    expect(atlas.warnings).toEqual([]);
    expect(labelAtMm(atlas, [-24, -4, -18])).toEqual({ index: 41, name: 'Amygdala_L' });
    expect(labelAtMm(atlas, [26, -2, -20])).toEqual({ index: 42, name: 'Amygdala_R' });
    expect(labelAtMm(atlas, [24, -4, -18])).toEqual({ index: 38, name: 'Hippocampus_R' });
    expect(labelAtMm(atlas, [-28, -22, -12])).toEqual({ index: 37, name: 'Hippocampus_L' });
    expect(labelAtMm(atlas, [-40, 30, 20])).toEqual({ index: 13, name: 'Frontal_Inf_Tri_L' });
    expect(labelAtMm(atlas, [0, 0, 0])).toBeNull();
    expect(labelAtMm(atlas, [500, 0, 0])).toBeNull();
  });

  it('presets resolve by name to the documented AAL labels', () => {
    expect(resolvePreset(atlas, 'amygdala_L')).toEqual({ id: 'amygdala_L', indices: [41], names: ['Amygdala_L'], hemisphere: null });
    expect(resolvePreset(atlas, 'amygdala_bilateral')!.indices).toEqual([41, 42]);
    expect(resolvePreset(atlas, 'hippocampus_R')!.indices).toEqual([38]);
    expect(resolvePreset(atlas, 'prefrontal_L')!.names).toEqual([
      'Frontal_Sup_L', 'Frontal_Sup_Orb_L', 'Frontal_Mid_L', 'Frontal_Mid_Orb_L', 'Frontal_Inf_Oper_L', 'Frontal_Inf_Tri_L',
      'Frontal_Inf_Orb_L', 'Frontal_Sup_Medial_L', 'Frontal_Med_Orb_L', 'Rectus_L',
    ]);
    expect(resolvePreset(atlas, 'prefrontal_bilateral')!.indices).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28]);
    expect(resolvePreset(atlas, 'nucleus_X')).toBeNull();
  });

  it('preset masks count the voxels nibabel counts (Amygdala_L 1733, prefrontal_L 160876)', () => {
    expect(count(maskFromPreset(atlas, resolvePreset(atlas, 'amygdala_L')!))).toBe(1733);
    expect(count(maskFromPreset(atlas, resolvePreset(atlas, 'amygdala_R')!))).toBe(1965);
    expect(count(maskFromPreset(atlas, resolvePreset(atlas, 'prefrontal_L')!))).toBe(160876);
  });

  it('atlasLike gives the value -> name map clusters want', () => {
    expect(atlasLike(atlas).names.get(42)).toBe('Amygdala_R');
  });
});

describe('Harvard-Oxford (CONN) presets on the 1.5 mm grid', needs(missingHo), () => {
  const sub = () => makeAtlas(loadNifti(`${HO}/HOsub_CONN.nii.gz`), parseLabelTable(readFileSync(`${HO}/HOsub_CONN.tsv`, 'utf8'), 'HOsub_CONN.tsv'));

  it('bilateral labels are split by the sign of x (763 + 809 = 1572 amygdala voxels, from nibabel)', () => {
    const a = sub();
    const left = resolvePreset(a, 'amygdala_L')!;
    expect(left).toEqual({ id: 'amygdala_L', indices: [6], names: ['Amygdala'], hemisphere: 'L' });
    expect(count(maskFromPreset(a, left))).toBe(763);
    expect(count(maskFromPreset(a, resolvePreset(a, 'amygdala_R')!))).toBe(809);
    expect(count(maskFromPreset(a, resolvePreset(a, 'amygdala_bilateral')!))).toBe(1572);
    expect(count(maskFromPreset(a, resolvePreset(a, 'hippocampus_L')!))).toBe(1809);
    expect(count(maskFromPreset(a, resolvePreset(a, 'hippocampus_R')!))).toBe(1678);
    expect(labelAtMm(a, [-24, -4, -18])!.name).toBe('Amygdala');
  });

  it('ROI stats of the SPM t map in amygdala_L and hippocampus_R match numpy', () => {
    const a = sub();
    const t = loadNifti(SPMT);
    const amy = roiStats(t.data, maskFromPreset(a, resolvePreset(a, 'amygdala_L')!, t.grid));
    expect(amy.n).toBe(763);
    expect(amy.mean).toBeCloseTo(0.8323369323291852, 12);
    expect(amy.sd).toBeCloseTo(0.4027849460676878, 12);
    const hip = roiStats(t.data, maskFromPreset(a, resolvePreset(a, 'hippocampus_R')!, t.grid));
    expect(hip.n).toBe(1678);
    expect(hip.mean).toBeCloseTo(1.4373933588392855, 12);
    expect(hip.sd).toBeCloseTo(0.6031844234979273, 12);
  });

  it('cortical prefrontal preset: the documented Harvard-Oxford names', () => {
    const cort = parseLabelTable(readFileSync(`${HO}/HOcort_CONN.tsv`, 'utf8'), 'HOcort_CONN.tsv');
    const pfc = resolvePreset(cort, 'prefrontal_R')!;
    expect(pfc.names).toEqual([
      'Frontal_Pole', 'Superior_Frontal_Gyrus', 'Middle_Frontal_Gyrus', 'Inferior_Frontal_Gyrus-pars_triangularis',
      'Inferior_Frontal_Gyrus-pars_opercularis', 'Frontal_Medial_Cortex', 'Frontal_Orbital_Cortex',
    ]);
    expect(pfc.hemisphere).toBe('R');
  });
});

describe('AAL resampled onto the SPM 1.5 mm grid (nearest), checked with scipy', needs(missingPython(['numpy', 'nibabel'])), () => {
  it('Amygdala_L voxel count on the target grid matches map_coordinates(order=0)', needs(missingSpmT), () => {
    const atlas = aal();
    const t = loadNifti(SPMT);
    const n = count(maskFromPreset(atlas, resolvePreset(atlas, 'amygdala_L')!, t.grid));
    const ref = py<number>(`
import nibabel as nib, numpy as np, json
from scipy import ndimage
a=nib.load('${AAL}'); t=nib.load('${SPMT}')
m=np.linalg.inv(a.affine)@t.affine
ijk=np.indices(t.shape[:3]).reshape(3,-1)
src=(m[:3,:3]@ijk + m[:3,3:4])
v=ndimage.map_coordinates(np.asarray(a.dataobj).astype(np.float32), src, order=0, mode='constant', cval=0)
print(json.dumps(int((v==41).sum())))`);
    expect(n).toBe(ref);
  });
});

describe('makeAtlas checks the label image', () => {
  const img = (data: number[]): NiftiImage => ({
    name: 'lab.nii',
    header: {} as NiftiImage['header'],
    grid: { dims: [2, 2, 1], affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] },
    affineSource: 'sform',
    nFrames: 1,
    data: Float32Array.from(data),
    warnings: [],
  });
  const table = parseLabelTable('1 A\n2 B\n', 't.txt');

  it('reports values without names and refuses non-label images', () => {
    expect(makeAtlas(img([0, 1, 2, 3]), table).warnings).toEqual(['lab.nii: 1 label value(s) in the image have no name in the table (first: 3)']);
    expect(labelAtMm(makeAtlas(img([0, 1, 2, 3]), table), [1, 1, 0])).toEqual({ index: 3, name: 'label 3' });
    expect(() => makeAtlas(img([0, -1, 2, 3]), table)).toThrow(LabelTableError);
    expect(() => makeAtlas(img([0, 1e6, 2, 3]), table)).toThrow(/lab\.nii: voxel value 1000000 is not a label/);
  });
});

function count(m: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < m.length; i++) n += m[i];
  return n;
}
