// `contrastscope info` over every NIfTI file of the robustness corpus, as a user would run it.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, basename } from 'node:path';
import { makeCorpus, missingCorpusTools, probesOf, hasAnyHint, type CorpusEntry } from '../unit/nifti/corpus';
import { needs } from '../fixtures/references';

const ROOT = join(__dirname, '..', '..');
const require = createRequire(import.meta.url);
const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** user + system CPU seconds (from /usr/bin/time): unlike wall time, not inflated by a busy machine. */
  cpuSeconds: number | null;
  rssMb: number | null;
}

// bin/contrastscope.mjs only forwards its arguments to this entry under tsx; starting it directly
// halves the start-up cost of ~50 runs (tests/cli/info.test.ts runs the bin itself).
const TSX = require.resolve('tsx');

function runInfo(file: string, probes: number[][]): Promise<Run> {
  const args = ['--import', TSX, join(ROOT, 'electron', 'cli', 'main.ts'), 'info', file, ...probes.flatMap((p) => ['--probe', p.join(',')])];
  const [cmd, argv] = haveTime ? [TIME, ['-f', 'RSSKB=%M CPU=%U+%S', process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const m = /RSSKB=(\d+) CPU=([\d.]+)\+([\d.]+)\s*$/.exec(stderr);
      const rssMb = m ? Number(m[1]) / 1024 : null;
      const cpuSeconds = m ? Number(m[2]) + Number(m[3]) : null;
      stderr = stderr.replace(/(Command exited with non-zero status \d+\n)?RSSKB=.*\s*$/, '');
      resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000, cpuSeconds, rssMb });
    });
  });
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('contrastscope info on the robustness corpus', needs(missingCorpusTools), () => {
  let dir = '';
  let entries: CorpusEntry[] = [];
  const results = new Map<string, Run>();
  const hashes = new Map<string, string>();
  let baselineMb = 0;
  let startupSeconds = 0;

  beforeAll(async () => {
    ({ dir, entries } = makeCorpus());
    for (const e of entries) {
      hashes.set(e.file, sha(join(dir, e.file)));
      const img = join(dir, e.file.replace(/\.hdr$/, '.img'));
      if (e.file.endsWith('.hdr') && existsSync(img)) hashes.set(`${e.file}:img`, sha(img));
    }
    // Several at once: each run is mostly Node + tsx start-up.
    const queue = [...entries];
    const worker = async () => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        const probes = probesOf(e)?.probe.map(([ijk]) => ijk) ?? [];
        results.set(e.file, await runInfo(join(dir, e.file), probes));
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    baselineMb = results.get('nifti/ok_small.nii')?.rssMb ?? 0;
    startupSeconds = Math.min(...[...results.values()].map((r) => r.cpuSeconds ?? r.seconds));
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('covers every NIfTI, NIfTI-2 and pair case of the manifest', () => {
    expect(entries.length).toBeGreaterThanOrEqual(45);
    expect(results.size).toBe(entries.length);
  });

  it('each file: expected exit status, message naming the file with a hint word, probes, time, memory, input untouched', () => {
    const failures: string[] = [];
    for (const e of entries) {
      const r = results.get(e.file)!;
      const name = basename(e.file);
      const where = `${e.file} (exit ${r.code}; ${r.stderr.trim() || r.stdout.slice(0, 80)})`;
      if (r.code !== 0 && r.code !== 2) failures.push(`${where}: exit status must be 0 or 2`);
      if (e.expect === 'reject' && r.code !== 2) failures.push(`${where}: should be rejected`);
      if ((e.expect === 'load' || e.expect === 'load_with_warning') && r.code !== 0) failures.push(`${where}: should load`);
      if (r.code === 2) {
        const lines = r.stderr.trim().split('\n');
        if (lines.length !== 1) failures.push(`${where}: message must be one line`);
        if (!r.stderr.includes(name)) failures.push(`${where}: message must name the file`);
        if (e.error_hint.length > 0 && !hasAnyHint(r.stderr, e.error_hint)) failures.push(`${where}: message lacks all of ${e.error_hint.join(', ')}`);
        if (/\n\s+at /.test(r.stderr)) failures.push(`${where}: stack trace`);
      }
      if (r.code === 0) {
        const info = JSON.parse(r.stdout);
        const checks = probesOf(e);
        if (checks?.shape && JSON.stringify(info.dims) !== JSON.stringify(checks.shape)) failures.push(`${where}: dims ${info.dims}`);
        if (checks?.dtype && info.datatype !== checks.dtype) failures.push(`${where}: datatype ${info.datatype}`);
        for (const [n, [, want]] of (checks?.probe ?? []).entries()) {
          if (info.probe[n].value !== want) failures.push(`${where}: probe ${info.probe[n].ijk} = ${info.probe[n].value}, want ${want}`);
        }
        if (info.affine.flat().some((v: unknown) => typeof v !== 'number' || !Number.isFinite(v))) failures.push(`${where}: affine not finite`);
        if (e.expect === 'load_with_warning' && info.warnings.length === 0) failures.push(`${where}: expected a warning`);
      }
      // The budget is for reading the file, not for starting Node + tsx: CPU time above the cheapest run
      // (wall time on a loaded 2-core CI box says more about the neighbours). The in-process wall-clock
      // budget is checked in tests/unit/nifti/robustness.test.ts.
      const spent = (r.cpuSeconds ?? r.seconds) - startupSeconds;
      if (spent > e.max_seconds) failures.push(`${where}: took ${spent.toFixed(1)} s beyond start-up > ${e.max_seconds} s`);
      // The manifest's memory budgets are on top of the app's own baseline (here: info on ok_small.nii).
      if (r.rssMb !== null && r.rssMb - baselineMb > e.max_rss_mb) failures.push(`${where}: peak RSS ${r.rssMb.toFixed(0)} MB is ${(r.rssMb - baselineMb).toFixed(0)} MB above baseline > ${e.max_rss_mb} MB`);
      if (sha(join(dir, e.file)) !== hashes.get(e.file)) failures.push(`${where}: input file changed`);
      const img = join(dir, e.file.replace(/\.hdr$/, '.img'));
      if (hashes.has(`${e.file}:img`) && sha(img) !== hashes.get(`${e.file}:img`)) failures.push(`${where}: .img changed`);
    }
    expect(failures).toEqual([]);
  });

  it('the pair loads with its .img, a lone .hdr says the .img is missing, the bomb is refused from the header', () => {
    expect(results.get('pair/ok_pair.hdr')!.code).toBe(0);
    expect(results.get('pair/missing_img.hdr')!.stderr).toMatch(/missing_img\.hdr: the matching \.img file \(missing_img\.img\) is missing/);
    const bomb = results.get('nifti/gzip_bomb_4GiB.nii.gz')!;
    expect(bomb.code).toBe(2);
    expect(bomb.stderr).toMatch(/too large.*2048x2048x1040/);
  });
});
