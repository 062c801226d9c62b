import { describe, expect, it } from 'vitest';
import { baseName, dirName, joinPath, parseBidsName } from '../../../shared/study/naming';

describe('parseBidsName', () => {
  it('reads task, stat and suffix of a BOLD effect map', () => {
    const n = parseBidsName('sub-01_ses-mdma_task-faces_stat-effect_statmap.nii.gz')!;
    expect(n).toMatchObject({ sub: '01', ses: 'mdma', task: 'faces', stat: 'effect', suffix: 'statmap', ext: '.nii.gz' });
    expect(n.cond).toBeUndefined();
  });

  it('reads a CBF map with no task', () => {
    expect(parseBidsName('sub-01_ses-placebo_cbf.nii.gz')).toMatchObject({ sub: '01', ses: 'placebo', suffix: 'cbf', ext: '.nii.gz' });
  });

  it('reads seed and desc of an RSFC map, from a full path with either separator', () => {
    const n = parseBidsName('C:\\data\\sub-12\\sub-12_ses-mdma_task-rest_seed-hippocampusR_desc-fisherz_statmap.nii')!;
    expect(n).toMatchObject({ sub: '12', ses: 'mdma', task: 'rest', seed: 'hippocampusR', desc: 'fisherz', suffix: 'statmap', ext: '.nii' });
  });

  it('reads connectivity tables and the bench layout (cond-)', () => {
    expect(parseBidsName('sub-01_ses-mdma_task-rest_connectivity.tsv')).toMatchObject({ task: 'rest', suffix: 'connectivity', ext: '.tsv' });
    expect(parseBidsName('group/sub-07_cond-MDMA_stat.nii.gz')).toMatchObject({ sub: '07', cond: 'MDMA', suffix: 'stat' });
    expect(parseBidsName('group/connectivity/sub-24_cond-placebo_connectivity.csv')).toMatchObject({ sub: '24', cond: 'placebo', suffix: 'connectivity', ext: '.csv' });
  });

  it('keeps other entities and returns null without sub-', () => {
    expect(parseBidsName('sub-01_ses-a_run-2_space-MNI152_cbf.nii.gz')!.entities).toEqual({ sub: '01', ses: 'a', run: '2', space: 'MNI152' });
    expect(parseBidsName('spmT_0001.nii')).toBeNull();
    expect(parseBidsName('participants.tsv')).toBeNull();
  });
});

describe('paths', () => {
  it('joins relative paths and keeps absolute ones', () => {
    expect(joinPath('/data/study', 'maps/a.nii.gz')).toBe('/data/study/maps/a.nii.gz');
    expect(joinPath('/data/study', '../other/./b.nii')).toBe('/data/other/b.nii');
    expect(joinPath('/data/study', '/abs/c.nii')).toBe('/abs/c.nii');
    expect(joinPath('C:\\data', 'sub-01\\x.nii')).toBe('C:\\data\\sub-01\\x.nii');
    expect(baseName('/a/b/c.nii.gz')).toBe('c.nii.gz');
    expect(dirName('/a/b/c.nii.gz')).toBe('/a/b');
  });
});
