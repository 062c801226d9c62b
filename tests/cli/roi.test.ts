import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-run';
import { missingShared, needs, sharedPath } from '../fixtures/references';

const HO = sharedPath('data', 'real', 'atlases');
const SPMT = sharedPath('data', 'real', 'bold-stats', 'spmT_0001.nii.gz');
const out = mkdtempSync(join(tmpdir(), 'cs-roi-'));

describe('contrastscope roi', needs(missingShared('data', 'real', 'bold-stats', 'spmT_0001.nii.gz')), () => {
  it('AAL presets and names on the SPM t map: atlas resampled onto the map grid, stated on stderr', () => {
    const csv = join(out, 'aal.csv');
    const r = cli(['roi', SPMT, '--atlas', 'resources/atlas_aal.nii.gz', '--labels', 'resources/atlas_aal.txt', '--csv', csv, '--roi', 'amygdala_L', 'Amygdala_R', 'prefrontal_bilateral']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('atlas_aal.nii.gz resampled (nearest neighbour) onto the grid of spmT_0001.nii.gz');
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('map,roi,label_index,n_voxels,mean,sd');
    expect(rows.length).toBe(4);
    expect(rows[1]).toMatch(/^spmT_0001\.nii\.gz,amygdala_L,41,508,0\.82857741504187\d*,0\.4477160818647\d*$/);
    expect(rows[2].startsWith('spmT_0001.nii.gz,Amygdala_R,42,591,')).toBe(true);
    expect(rows[3].startsWith('spmT_0001.nii.gz,prefrontal_bilateral,3;4;5;6;7;8;9;10;11;12;13;14;15;16;23;24;25;26;27;28,')).toBe(true);
  });

  it('Harvard-Oxford subcortical on the same 1.5 mm grid: hemisphere split by x, numbers from numpy', needs(missingShared('data', 'real', 'atlases')), () => {
    const csv = join(out, 'ho.csv');
    const r = cli(['roi', SPMT, '--atlas', `${HO}/HOsub_CONN.nii.gz`, '--labels', `${HO}/HOsub_CONN.tsv`, '--csv', csv, '--roi', 'amygdala_L', 'hippocampus_R']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('resampled');
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    const [, amy, hip] = rows.map((l) => l.split(','));
    expect(amy.slice(0, 4)).toEqual(['spmT_0001.nii.gz', 'amygdala_L', '6', '763']);
    expect(Number(amy[4])).toBeCloseTo(0.8323369323291852, 12);
    expect(Number(amy[5])).toBeCloseTo(0.4027849460676878, 12);
    expect(hip.slice(0, 4)).toEqual(['spmT_0001.nii.gz', 'hippocampus_R', '5', '1678']);
    expect(Number(hip[4])).toBeCloseTo(1.4373933588392855, 12);
  });

  it('all labels by default; formula-like names are escaped in the CSV', () => {
    const labels = join(out, 'labels.txt');
    writeFileSync(labels, '41 =HYPERLINK("x")\n42 Amygdala_R\n');
    const csv = join(out, 'all.csv');
    const r = cli(['roi', SPMT, '--atlas', 'resources/atlas_aal.nii.gz', '--labels', labels, '--csv', csv]);
    expect(r.code).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows.length).toBe(3);
    expect(rows[1].startsWith(`spmT_0001.nii.gz,"'=HYPERLINK(""x"")",41,508,`)).toBe(true);
  });

  it('bad input: one line on stderr, exit 2, no output file', () => {
    const csv = join(out, 'bad.csv');
    let r = cli(['roi', SPMT, '--atlas', 'resources/atlas_aal.nii.gz', '--labels', 'resources/atlas_aal.txt', '--csv', csv, '--roi', 'nucleus_X']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').length).toBe(1);
    expect(r.stderr).toContain('no label or preset named "nucleus_X" in atlas_aal.txt');
    r = cli(['roi', SPMT, '--atlas', 'resources/atlas_aal.nii.gz', '--labels', '/tmp/robust/labels/labels_deep_nesting.json', '--csv', csv]);
    if (existsSync('/tmp/robust/labels/labels_deep_nesting.json')) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/labels_deep_nesting\.json: JSON is nested/);
    }
    r = cli(['roi', SPMT, '--atlas', 'resources/atlas_aal.nii.gz', '--csv', csv]);
    expect(r.code).toBe(2);
    expect(existsSync(csv)).toBe(false);
  });
});
