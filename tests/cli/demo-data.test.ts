import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderListing } from '../../shared/ipc/host';
import { importFolder, SIMULATED_NOTICE } from '../../shared/study/index';
import { cli } from './cli-run';

let dir: string;
let run: { code: number; stdout: string; stderr: string };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-demo-data-'));
  run = cli(['demo-data', '--out', join(dir, 'demo')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
}

describe('contrastscope demo-data', () => {
  it('writes the demo study, with a progress bar on stderr and the folder and size on stdout', () => {
    expect(run.stderr).toContain('254/254 files');
    expect(run.code).toBe(0);
    const files = walk(join(dir, 'demo'));
    expect(files).toHaveLength(254);
    expect(files.some((f) => f.includes('.tmp'))).toBe(false); // atomic writes leave no temp files
    const mb = files.reduce((a, f) => a + statSync(f).size, 0) / 1e6;
    expect(run.stdout.trim()).toBe(`${join(dir, 'demo')}: 254 files, ${mb.toFixed(1)} MB, in ${/in ([0-9.]+) s/.exec(run.stdout)![1]} s`);
    expect(mb).toBeLessThan(150);
    const description = JSON.parse(readFileSync(join(dir, 'demo', 'dataset_description.json'), 'utf8'));
    expect(description).toMatchObject({ Simulated: true, Notice: SIMULATED_NOTICE });
    expect(readFileSync(join(dir, 'demo', 'README.txt'), 'utf8')).toContain(SIMULATED_NOTICE);
  });

  it('writes what the folder importer reads: 25 subjects x 2 conditions x 5 measures, no problems', async () => {
    const root = join(dir, 'demo');
    const paths = walk(root);
    const listing: FolderListing = { root, files: paths.map((p) => ({ path: p, name: p.split('/').pop()!, size: statSync(p).size })) };
    const { study, problems } = await importFolder(listing, async (p) => readFileSync(p, 'utf8'));
    expect(problems).toEqual([]);
    expect([study.subjects.length, study.conditions.length, study.measures.length]).toEqual([25, 2, 5]);
    expect(study.simulated).toBe(true);
    expect(study.measures.every((m) => m.files.length === 50)).toBe(true);
  });

  it('refuses a missing --out or a bad seed with one line and exit status 2', () => {
    const noOut = cli(['demo-data']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr.trim()).toBe('contrastscope: demo-data: give the output folder with --out DIR');
    const badSeed = cli(['demo-data', '--out', join(dir, 'x'), '--seed', 'abc']);
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr.trim()).toBe('contrastscope: --seed expects a whole number from 0 to 4294967295 (got "abc")');
  });
});
