// Generates the robustness corpus once per run into a temp folder; specs read its path from
// ROBUST_DIR. The generator is the shared one next to the repo.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export default function globalSetup(): void {
  const generator = resolve(import.meta.dirname, '../../../shared/robustness/make_bad_inputs.py');
  if (!existsSync(generator)) throw new Error(`The robustness generator is missing: ${generator}`);
  const dir = mkdtempSync(join(tmpdir(), 'contrastscope-robust-'));
  const r = spawnSync('/usr/bin/python3', [generator, dir, '--no-bomb'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make_bad_inputs.py failed: ${r.stderr || r.stdout}`);
  process.env.ROBUST_DIR = dir;
}
