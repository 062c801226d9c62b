// Loading helpers for the reference cross-checks (Node side of the tests only).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readNifti } from '../../../shared/nifti/index';
import type { NiftiImage } from '../../../shared/nifti/types';

export function loadNifti(path: string): NiftiImage {
  const bytes = readFileSync(path);
  return readNifti(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path.split('/').pop() ?? path, {
    inflate: (gz, max) => gunzipSync(gz, { maxOutputLength: max }),
  });
}

/** The 24 MDMA and 24 placebo maps of the bench inputs, sorted by subject. */
export function groupFiles(inputs: string): { mdma: string[]; placebo: string[] } {
  const dir = join(inputs, 'group');
  const all = readdirSync(dir).filter((f) => f.endsWith('_stat.nii.gz')).sort();
  return {
    mdma: all.filter((f) => f.includes('_cond-MDMA_')).map((f) => join(dir, f)),
    placebo: all.filter((f) => f.includes('_cond-placebo_')).map((f) => join(dir, f)),
  };
}
