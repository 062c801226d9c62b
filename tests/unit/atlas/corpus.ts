// The label/matrix cases of ../shared/robustness: /tmp/robust when complete, else generated once.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstMissing, missingPython, missingShared, PYTHON, SHARED_DIR } from '../../fixtures/references';

export interface CaseEntry {
  file: string;
  kind: string;
  hazard: string;
  expect: 'load' | 'reject' | 'reject_or_warn' | 'reject_or_load' | 'load_with_warning';
  error_hint: string[];
  max_seconds: number;
  max_rss_mb: number;
  checks: Record<string, unknown> | null;
}

const GENERATOR = join(SHARED_DIR, 'robustness', 'make_bad_inputs.py');

/** Why the corpus cannot be had (null: /tmp/robust is there or it can be generated). */
export const missingCorpus = existsSync('/tmp/robust/manifest.json')
  ? null
  : firstMissing(missingShared('robustness', 'make_bad_inputs.py'), missingPython(['numpy']));

/** Corpus folder and the entries whose path starts with `prefix` (e.g. 'labels/'), or null when it cannot be made. */
export function corpusCases(prefix: string): { dir: string; entries: CaseEntry[] } | null {
  let dir = '/tmp/robust';
  if (!existsSync(join(dir, 'manifest.json'))) {
    if (missingCorpus !== null) return null;
    dir = mkdtempSync(join(tmpdir(), 'cs-robust-atlas-'));
    execFileSync(PYTHON, [GENERATOR, dir], { stdio: 'ignore' });
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: CaseEntry[] };
  return { dir, entries: manifest.files.filter((f) => f.file.startsWith(prefix)) };
}

/** Every hint word appears in the text (case-insensitive). */
export function hasAllHints(text: string, hints: string[]): boolean {
  return hints.every((h) => text.toLowerCase().includes(h.toLowerCase()));
}
