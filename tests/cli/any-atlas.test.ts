// `clusters --atlas --labels` with Harvard-Oxford on its own 1.5 mm LAS grid: the same shared code the
// app's cluster table uses (tests/e2e/any-atlas.spec.ts shows Frontal_Pole at the top peak too).
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-run';
import { firstMissing, missingShared, needs, sharedPath } from '../fixtures/references';

const HO = sharedPath('data', 'real', 'atlases');
const SPMT = sharedPath('data', 'real', 'bold-stats', 'spmT_0001.nii.gz');
const out = mkdtempSync(join(tmpdir(), 'cs-any-atlas-'));

describe('contrastscope clusters with any atlas', needs(firstMissing(missingShared('data', 'real', 'atlases'), missingShared('data', 'real', 'bold-stats', 'spmT_0001.nii.gz'))), () => {
  it('Harvard-Oxford cortical names the SPM peaks (nibabel: value 1 = Frontal_Pole at -37.5 63 -7.5)', () => {
    const csv = join(out, 'ho.csv');
    const r = cli(['clusters', SPMT, '--threshold', '3.1', '--two-sided', '--atlas', `${HO}/HOcort_CONN.nii.gz`, '--labels', `${HO}/HOcort_CONN.tsv`, '--csv', csv]);
    expect(r.code).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows.length).toBe(14);
    expect(rows[2]).toBe('2,1,364,1228.5,5.422497,-37.5,63,-7.5,-36.54,59.5,-6.67,Frontal_Pole,Frontal_Pole 96%; unlabelled 4%,peak');
  });

  it('a label table that does not fit its format is exit 2 naming the file and line, no CSV', () => {
    const labels = join(out, 'bad.txt');
    writeFileSync(labels, '1 Frontal_Pole 10 20 30 0\n2 Insular Cortex 1 2 3 0\n');
    const csv = join(out, 'bad.csv');
    const r = cli(['clusters', SPMT, '--threshold', '3.1', '--atlas', `${HO}/HOcort_CONN.nii.gz`, '--labels', labels, '--csv', csv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.txt: line 2: 7 columns where "index name r g b a" has 6');
    expect(existsSync(csv)).toBe(false);
  });
});
