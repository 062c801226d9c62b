// Issue 10 item 5: no command overwrites its own input or leaves half a set of outputs; and
// every command answers --help, unknown options and missing values the same way (one parser).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNifti } from '../../shared/nifti/index';
import { commands } from '../../electron/cli/commands/index';
import { cliAsync } from './cli-run';

const tmp = mkdtempSync(join(tmpdir(), 'cs-cli-safety-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const affine = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72, 0, 0, 0, 1];
function map(name: string, seed: number): string {
  const f = join(tmp, name);
  const data = new Float32Array(64).map((_, i) => Math.sin(i * 0.7 + seed) * 3 + seed);
  writeFileSync(f, writeNifti({ dims: [4, 4, 4], affine, data }));
  return f;
}

const a1 = map('a1.nii', 1);
const a2 = map('a2.nii', 2);
const b1 = map('b1.nii', 0.3);
const b2 = map('b2.nii', 0.1);
const csv = (name: string, rows: string) => {
  writeFileSync(join(tmp, name), rows);
  return join(tmp, name);
};
const m1 = csv('m1.csv', '1,0.2\n0.2,1\n');
const m2 = csv('m2.csv', '1,0.4\n0.4,1\n');
const m3 = csv('m3.csv', '1,0.1\n0.1,1\n');
const m4 = csv('m4.csv', '1,0.3\n0.3,1\n');

describe('an output that is an input is refused before anything is written', () => {
  it('paired --out-t a1.nii (an input) exits 2 and leaves a1.nii byte-identical', async () => {
    const before = readFileSync(a1);
    const r = await cliAsync(['paired', '--a', a1, a2, '--b', b1, b2, '--out-t', a1]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`contrastscope: paired: --out-t ${a1} is the input ${a1}; refusing to overwrite an input (choose another output name)`);
    expect(readFileSync(a1).equals(before)).toBe(true);
  });

  it('the same through a symlink, through .., and for --out-dz naming a --b input', async () => {
    symlinkSync(a2, join(tmp, 'alias.nii'));
    mkdirSync(join(tmp, 'sub'));
    const before = [readFileSync(a2), readFileSync(b2)];
    const [viaLink, viaDots, dz] = await Promise.all([
      cliAsync(['paired', '--a', a1, a2, '--b', b1, b2, '--out-t', join(tmp, 'alias.nii')]),
      cliAsync(['paired', '--a', a1, a2, '--b', b1, b2, '--out-t', join(tmp, 'sub', '..', 'a2.nii')]),
      cliAsync(['paired', '--a', a1, a2, '--b', b1, b2, '--out-t', join(tmp, 'fresh-t.nii'), '--out-dz', b2]),
    ]);
    for (const r of [viaLink, viaDots, dz]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/refusing to overwrite an input/);
    }
    expect(readFileSync(a2).equals(before[0])).toBe(true);
    expect(readFileSync(b2).equals(before[1])).toBe(true);
    expect(existsSync(join(tmp, 'fresh-t.nii'))).toBe(false);
  });

  it('clusters, roi and matrix-paired refuse a --csv that is an input', async () => {
    const before = readFileSync(m1);
    const [cl, mp] = await Promise.all([
      cliAsync(['clusters', a1, '--threshold', '1', '--csv', a1]),
      cliAsync(['matrix-paired', '--a', m1, m2, '--b', m3, m4, '--csv', m1]),
    ]);
    expect(cl.code).toBe(2);
    expect(cl.stderr).toMatch(/clusters: --csv .*a1\.nii is the input/);
    expect(mp.code).toBe(2);
    expect(mp.stderr).toMatch(/matrix-paired: --csv .*m1\.csv is the input/);
    expect(readFileSync(m1).equals(before)).toBe(true);
    const labels = csv('labels.txt', '0 none\n1 one\n');
    const roi = await cliAsync(['roi', a1, '--atlas', a1, '--labels', labels, '--csv', labels]);
    expect(roi.code).toBe(2);
    expect(roi.stderr).toMatch(/roi: --csv .*labels\.txt is the input/);
    expect(readFileSync(labels, 'utf8')).toBe('0 none\n1 one\n');
  });
});

describe('several outputs: all or none', () => {
  it('paired --out-p /nonexistent/p.nii exits 2 and leaves no t.nii', async () => {
    const out = join(tmp, 'set');
    mkdirSync(out);
    const r = await cliAsync(['paired', '--a', a1, a2, '--b', b1, b2, '--out-t', join(out, 't.nii'), '--out-p', '/nonexistent/p.nii']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('contrastscope: paired: --out-p /nonexistent/p.nii: the folder /nonexistent does not exist');
    expect(readdirSync(out)).toEqual([]);
  });

  it('a good run writes every output and no temp file', async () => {
    const out = join(tmp, 'good');
    mkdirSync(out);
    const r = await cliAsync(['paired', '--a', a1, a2, '--b', b1, b2, '--out-t', join(out, 't.nii'), '--out-p', join(out, 'p.nii'), '--out-q', join(out, 'q.nii.gz')]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['p.nii', 'q.nii.gz', 't.nii']);
  });
});

describe('demo-data', () => {
  it('refuses a folder that already holds files, and leaves them alone', async () => {
    const dir = join(tmp, 'mine');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await cliAsync(['demo-data', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`contrastscope: demo-data: the folder ${dir} already exists and is not empty; give a new folder`);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});

describe('one parser: every command answers alike', () => {
  it('--help prints the usage with exit 0; an unknown option or a missing value exits 2 with one line', async () => {
    const runs = await Promise.all(
      commands.map(async (c) => ({
        c,
        help: await cliAsync([c.name, '--help']),
        unknown: await cliAsync([c.name, '--frobnicate']),
      })),
    );
    for (const { c, help, unknown } of runs) {
      expect(help.code, c.name).toBe(0);
      expect(help.stdout.trim(), c.name).toBe(c.usage.trim());
      expect(unknown.code, c.name).toBe(2);
      expect(unknown.stderr.trim(), c.name).toBe(`contrastscope: ${c.name}: unknown option --frobnicate (see contrastscope ${c.name} --help)`);
    }
    const missing = await Promise.all([
      cliAsync(['paired', '--a', a1, '--out-t']),
      cliAsync(['clusters', a1, '--threshold']),
      cliAsync(['roi', a1, '--csv']),
      cliAsync(['matrix-paired', '--nodes']),
      cliAsync(['demo-data', '--out']),
      cliAsync(['info', a1, '--probe']),
    ]);
    expect(missing.map((r) => [r.code, r.stderr.trim()])).toEqual([
      [2, 'contrastscope: paired: --out-t needs a file name (see contrastscope paired --help)'],
      [2, 'contrastscope: clusters: --threshold needs a value (see contrastscope clusters --help)'],
      [2, 'contrastscope: roi: --csv needs a value (see contrastscope roi --help)'],
      [2, 'contrastscope: matrix-paired: --nodes needs a value (see contrastscope matrix-paired --help)'],
      [2, 'contrastscope: demo-data: --out needs a folder name (see contrastscope demo-data --help)'],
      [2, 'contrastscope: info: --probe needs i,j,k (see contrastscope info --help)'],
    ]);
  }, 240_000); // nine commands, each started twice under tsx

  it('clusters still takes a negative threshold after --threshold', async () => {
    const r = await cliAsync(['clusters', a1, '--threshold', '-100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^a1\.nii: 1 clusters \(64 voxels\) with value > -100/);
  });
});
