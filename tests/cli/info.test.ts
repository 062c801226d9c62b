// `contrastscope info` through the real bin, against numbers nibabel 5 printed for the same files.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { missingRealData, REAL } from '../unit/nifti/corpus';
import { needs } from '../fixtures/references';

const ROOT = join(__dirname, '..', '..');

function info(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'contrastscope.mjs'), 'info', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('contrastscope info', needs(missingRealData), () => {
  it('spmT_0001.nii.gz: dims, pixdim, datatype, affine, range as nibabel', () => {
    const r = info(`${REAL}/bold-stats/spmT_0001.nii.gz`, '--probe', '40,48,40');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.dims).toEqual([121, 145, 121]);
    expect(j.pixdim).toEqual([1.5, 1.5, 1.5]);
    expect(j.datatype).toBe('float32');
    expect(j.affine).toEqual([[-1.5, 0, 0, 90], [0, 1.5, 0, -126], [0, 0, 1.5, -72], [0, 0, 0, 1]]);
    expect(j.affine_source).toBe('sform');
    expect(j.orientation).toBe('LAS');
    expect(j.intent).toMatchObject({ code: 0, name: 'none' });
    expect(j.range[0]).toBeCloseTo(-3.716078042984009, 6);
    expect(j.range[1]).toBeCloseTo(5.422496795654297, 6);
    expect(j.version).toBe(1);
    // flat index 707648 = (40, 48, 40) in Fortran order; nibabel: 0.7107100486755371
    expect(j.probe[0].value).toBeCloseTo(0.7107100486755371, 7);
  });

  it('stats.nv_demo_mskd.nii.gz: a 4D map keeps its 4 dims', () => {
    const r = info(`${REAL}/bold-stats/stats.nv_demo_mskd.nii.gz`);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.dims).toEqual([77, 92, 77, 2]);
    expect(j.pixdim).toEqual([2.5, 2.5, 2.5, 1]);
    expect(j.n_frames).toBe(2);
    expect(j.affine).toEqual([[2.5, 0, 0, -95], [0, 2.5, 0, -131.75], [0, 0, 2.5, -77], [0, 0, 0, 1]]);
    expect(j.range[0]).toBeCloseTo(-14.5584135055542, 6);
    expect(j.range[1]).toBeCloseTo(18.312196731567383, 6);
    expect(j.warnings).toEqual([]);
  });

  it('bad input: one line on stderr naming the file, exit 2', () => {
    const missing = info('/nonexistent/folder/nothing_here.nii');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/nothing_here\.nii: file not found/);
    const complex = info(`${REAL}/edge-cases/complex.nii.gz`);
    expect(complex.code).toBe(2);
    expect(complex.stderr).toMatch(/^contrastscope: complex\.nii\.gz: unsupported datatype complex64/);
    expect(info().code).toBe(2);
  });
});
