import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readNifti, type NiftiImage } from '../../../shared/nifti/index';
import { PYTHON } from '../../fixtures/bench-inputs';

export function loadNifti(path: string): NiftiImage {
  return readNifti(readFileSync(path), basename(path), { inflate: (gz, max) => gunzipSync(gz, { maxOutputLength: max }) });
}

/** Runs a python snippet with /usr/bin/python3 and parses the JSON it prints last. */
export function py<T>(code: string): T {
  const out = execFileSync(PYTHON, ['-c', code], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}
