// Generates the robustness corpus once per run into a temp folder; specs read its path from
// ROBUST_DIR. The generator is the shared one next to the repo. Missing generator or python:
// a failure in CI, else the tests that need the corpus skip and say why.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingCorpusTools, GENERATOR } from '../unit/nifti/corpus';
import { inCI, missingInCI } from '../fixtures/references';

export default function globalSetup(): void {
  const generator = GENERATOR;
  if (missingCorpusTools !== null) {
    if (inCI) throw missingInCI(missingCorpusTools);
    console.warn(`The robustness corpus is not generated: ${missingCorpusTools}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'contrastscope-robust-'));
  const r = spawnSync('/usr/bin/python3', [generator, dir, '--no-bomb'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make_bad_inputs.py failed: ${r.stderr || r.stdout}`);
  process.env.ROBUST_DIR = dir;
}
