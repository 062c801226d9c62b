// The malformed-input corpus of ../shared/robustness, regenerated into a temp dir (CI starts clean).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { firstMissing, missingPython, missingShared, PYTHON, sharedPath } from '../../fixtures/references';

export { PYTHON };
export const GENERATOR = sharedPath('robustness', 'make_bad_inputs.py');
export const REAL = sharedPath('data', 'real');
/** Why the corpus cannot be generated (null: it can). */
export const missingCorpusTools = firstMissing(missingShared('robustness', 'make_bad_inputs.py'), missingPython(['numpy']));
/** Why ../shared/data/real cannot be read (null: it can). */
export const missingRealData = missingShared('data', 'real');
export const haveCorpusTools = missingCorpusTools === null;
export const haveRealData = missingRealData === null;

export function hasNibabel(): boolean {
  return missingPython(['nibabel', 'numpy']) === null;
}

export interface CorpusEntry {
  file: string;
  kind: string;
  hazard: string;
  expect: 'load' | 'reject' | 'reject_or_warn' | 'reject_or_load' | 'load_with_warning';
  error_hint: string[];
  max_seconds: number;
  max_rss_mb: number;
  checks: Record<string, unknown> | null;
}

/** Generates the corpus (with the 4 GiB gzip bomb: it is the important case) and returns its NIfTI entries. */
export function makeCorpus(): { dir: string; entries: CorpusEntry[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cs-robust-'));
  execFileSync(PYTHON, [GENERATOR, dir], { stdio: 'ignore' });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: CorpusEntry[] };
  const entries = manifest.files.filter((f) => /^(nifti|nifti2|pair)\//.test(f.file));
  return { dir, entries };
}

/** Probe voxels ("[i,j,k]" -> value) and the other voxel checks of an entry, whatever nesting the manifest uses. */
export function probesOf(entry: CorpusEntry): { shape?: number[]; dtype?: string; probe: [number[], number][] } | null {
  const c = (entry.checks?.if_loaded ?? entry.checks) as Record<string, unknown> | null;
  if (!c || !c.probe) return null;
  const probe = Object.entries(c.probe as Record<string, number>).map(([k, v]) => [JSON.parse(k) as number[], v] as [number[], number]);
  return { shape: c.shape as number[] | undefined, dtype: c.dtype as string | undefined, probe };
}

export function hasAnyHint(text: string, hints: string[]): boolean {
  return hints.some((h) => text.toLowerCase().includes(h.toLowerCase()));
}
