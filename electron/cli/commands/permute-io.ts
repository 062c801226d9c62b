// Output handling of `contrastscope permute`: no output may be one of the inputs, and all outputs
// are written to temp files first and renamed only once every one was written (a failed run
// leaves no half set of results next to older ones).
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../types';

export function refuseInputsAsOutputs(inputs: string[], outputs: string[]): void {
  const ins = new Set(inputs.map((p) => resolve(p)));
  for (const o of outputs) if (ins.has(resolve(o))) throw new InputError(`${basename(o)}: is also an input; choose another --out-prefix (an output never overwrites an input)`);
}

/** Writes every file or none: temp files in the target folders, fsync, then all renames. */
export function writeAllOrNothing(files: { path: string; bytes: Uint8Array | string }[]): void {
  const temps: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
      const bytes = typeof f.bytes === 'string' ? new TextEncoder().encode(f.bytes) : f.bytes;
      const fd = openSync(tmp, 'wx');
      temps.push({ tmp, path: f.path });
      try {
        let off = 0;
        while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    for (const t of temps) {
      try {
        unlinkSync(t.tmp);
      } catch {
        // already gone
      }
    }
    const e = err as NodeJS.ErrnoException;
    const which = files[temps.length]?.path ?? files[0].path;
    throw new InputError(`${basename(which)}: cannot write the file (${e?.code === 'ENOENT' ? `folder ${dirname(which)} does not exist` : e?.code === 'EACCES' ? 'permission denied' : (e?.message ?? String(err))})`);
  }
  for (const t of temps) renameSync(t.tmp, t.path);
}
