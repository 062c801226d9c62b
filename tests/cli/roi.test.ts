import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { cli } from './cli-run';
import { writeNifti } from '../../shared/nifti/write';
import { loadNifti } from '../unit/atlas/helpers';
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

  it('4D Harvard-Oxford-style probability maps: one ROI per frame by --prob-threshold (default 25%) or --argmax; 3D + --argmax is exit 2', needs(missingShared('data', 'real', 'atlases')), () => {
    // Frames made from the CONN label image: frame f is 100 where the label is f + 1, plus 20 in
    // the amygdala of frame 1 (Caudate), so the 25% cut and argmax give the same amygdala as the 3D atlas.
    const sub = loadNifti(`${HO}/HOsub_CONN.nii.gz`);
    const nvox = sub.data.length;
    const frames = new Uint8Array(nvox * 8);
    for (let i = 0; i < nvox; i++) {
      const l = sub.data[i];
      if (l >= 1 && l <= 8) frames[i + nvox * (l - 1)] = 100;
      if (l === 6) frames[i + nvox * 1] = 20;
    }
    const prob = join(out, 'HOsub-prob.nii.gz');
    writeFileSync(prob, writeNifti({ dims: [...sub.grid.dims, 8], affine: sub.grid.affine, data: frames, sformCode: 4, qformCode: 4 }, { gzip: true, deflate: (b) => gzipSync(b) }));
    const csv = join(out, 'prob.csv');
    let r = cli(['roi', SPMT, '--atlas', prob, '--labels', `${HO}/HOsub_CONN.tsv`, '--csv', csv, '--roi', 'amygdala_L', 'Caudate']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('HOsub-prob.nii.gz has 8 frames: read as a probabilistic atlas (frame f = label value f + 1); each ROI is its voxels with probability >= 25% (--prob-threshold)');
    let rows = readFileSync(csv, 'utf8').trim().split('\n').map((l) => l.split(','));
    expect(rows[1].slice(0, 4)).toEqual(['spmT_0001.nii.gz', 'amygdala_L', '6', '763']);
    expect(Number(rows[1][4])).toBeCloseTo(0.8323369323291852, 12);
    const caudate3d = cli(['roi', SPMT, '--atlas', `${HO}/HOsub_CONN.nii.gz`, '--labels', `${HO}/HOsub_CONN.tsv`, '--csv', join(out, 'c3.csv'), '--roi', 'Caudate']);
    expect(caudate3d.code).toBe(0);
    const c3 = readFileSync(join(out, 'c3.csv'), 'utf8').trim().split('\n')[1].split(',');
    expect(rows[2][3]).toBe(c3[3]);
    // A 15% cut adds the amygdala to the Caudate's frame (overlapping ROIs).
    r = cli(['roi', SPMT, '--atlas', prob, '--labels', `${HO}/HOsub_CONN.tsv`, '--csv', csv, '--roi', 'Caudate', '--prob-threshold', '15']);
    rows = readFileSync(csv, 'utf8').trim().split('\n').map((l) => l.split(','));
    const amyBoth = cli(['roi', SPMT, '--atlas', `${HO}/HOsub_CONN.nii.gz`, '--labels', `${HO}/HOsub_CONN.tsv`, '--csv', join(out, 'a3.csv'), '--roi', 'Amygdala']);
    expect(amyBoth.code).toBe(0);
    const a3 = readFileSync(join(out, 'a3.csv'), 'utf8').trim().split('\n')[1].split(',');
    expect(Number(rows[1][3])).toBe(Number(c3[3]) + Number(a3[3]));
    r = cli(['roi', SPMT, '--atlas', prob, '--labels', `${HO}/HOsub_CONN.tsv`, '--csv', csv, '--roi', 'Caudate', '--argmax']);
    expect(r.code).toBe(0);
    expect(readFileSync(csv, 'utf8').trim().split('\n')[1].split(',')[3]).toBe(c3[3]);
    r = cli(['roi', SPMT, '--atlas', `${HO}/HOsub_CONN.nii.gz`, '--labels', `${HO}/HOsub_CONN.tsv`, '--csv', join(out, 'no.csv'), '--argmax']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--prob-threshold and --argmax are for 4D (probabilistic) atlases; HOsub_CONN.nii.gz has one frame');
    expect(existsSync(join(out, 'no.csv'))).toBe(false);
  });

  it('ITK-SNAP label descriptions are named from their quotes; a misfit line is exit 2 naming the line', () => {
    const itk = join(out, 'itk.txt');
    writeFileSync(itk, '# ITK-SnAP Label Description File\n    0     0    0    0        0  0  0    "Clear Label"\n   41   255    0    0        1  1  1    "Left Amygdala"\n');
    const csv = join(out, 'itk.csv');
    let r = cli(['roi', SPMT, '--atlas', 'resources/atlas_aal.nii.gz', '--labels', itk, '--csv', csv]);
    expect(r.code).toBe(0);
    expect(readFileSync(csv, 'utf8').trim().split('\n')[1]).toMatch(/^spmT_0001\.nii\.gz,Left Amygdala,41,508,/);
    writeFileSync(itk, '   41   255    0    0        1  1  1    "Left Amygdala"\n42 Right Amygdala\n');
    r = cli(['roi', SPMT, '--atlas', 'resources/atlas_aal.nii.gz', '--labels', itk, '--csv', join(out, 'itk2.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('itk.txt: line 2 is not an ITK-SNAP label line');
    expect(existsSync(join(out, 'itk2.csv'))).toBe(false);
  });
});
