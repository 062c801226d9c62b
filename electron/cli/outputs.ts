// Output safety for the CLI: an output never replaces an input, and a command with several
// outputs leaves either all of them or none (never t.nii without the p.nii that failed).
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from './types';

/**
 * Where a path really points: its real path when it exists; otherwise the real path of its
 * nearest existing folder joined with the rest (so `link-to-dir/new.nii` and `dir/sub/../x`
 * resolve like the files they would become).
 */
export function realTarget(path: string): string {
  let p = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync.native(p), ...rest);
    } catch {
      const parent = dirname(p);
      if (parent === p) return join(p, ...rest);
      rest.unshift(basename(p));
      p = parent;
    }
  }
}

/** A .hdr input also reads its .img partner: guard that one too. */
function withPairPartners(inputs: string[]): string[] {
  const out: string[] = [];
  for (const f of inputs) {
    out.push(f);
    if (/\.hdr(\.gz)?$/i.test(f)) {
      const stem = f.replace(/\.hdr(\.gz)?$/i, '');
      for (const ext of ['.img', '.IMG', '.img.gz', '.IMG.gz']) out.push(stem + ext);
    }
  }
  return out;
}

function fileId(path: string): string | null {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/**
 * Refuses (InputError, exit 2), before anything is written, an output that is one of the inputs
 * (same real path, through symlinks, `..` or a hard link), two outputs that are the same file, an
 * output that is a folder, or an output whose folder does not exist.
 * `outputs` maps the option that named it (`--out-t`) to the path; absent options are skipped.
 */
export function checkOutputs(command: string, outputs: Record<string, string | undefined>, inputs: string[]): void {
  const ins = withPairPartners(inputs).map((f) => ({ f, real: realTarget(f), id: fileId(f) }));
  const seen = new Map<string, string>();
  for (const [opt, out] of Object.entries(outputs)) {
    if (!out) continue;
    const real = realTarget(out);
    const id = fileId(out);
    for (const i of ins) {
      if (real === i.real || (id !== null && id === i.id)) {
        throw new InputError(`${command}: ${opt} ${out} is the input ${i.f}; refusing to overwrite an input (choose another output name)`);
      }
    }
    const other = seen.get(real);
    if (other) throw new InputError(`${command}: ${opt} ${out} is the same file as ${other}; give each output its own name`);
    seen.set(real, `${opt} ${out}`);
    try {
      if (statSync(out).isDirectory()) throw new InputError(`${command}: ${opt} ${out} is a folder, not a file name`);
    } catch (err) {
      if (err instanceof InputError) throw err;
    }
    const dir = dirname(resolve(out));
    let dirOk = false;
    try {
      dirOk = statSync(dir).isDirectory();
    } catch {
      dirOk = false;
    }
    if (!dirOk) throw new InputError(`${command}: ${opt} ${out}: the folder ${dir} does not exist`);
  }
}

function tempBeside(path: string): string {
  return join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function writeAllSync(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeError(path: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  const e = err as NodeJS.ErrnoException;
  const why = e?.code === 'ENOENT' ? `folder ${dirname(resolve(path))} does not exist` : e?.code === 'EACCES' || e?.code === 'EPERM' ? 'permission denied' : e?.code === 'ENOSPC' ? 'the disk is full' : (e?.message ?? String(err));
  return new InputError(`${basename(path)}: cannot write the file (${why})`);
}

function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some filesystems refuse fsync on folders; the files themselves are synced.
  }
}

/**
 * The outputs of one command run: each is written to a temp file in its target folder; `commit`
 * renames them all into place once every one has been written; `discard` removes the temps.
 */
export class OutputBatch {
  private staged: { tmp: string; path: string }[] = [];

  write(path: string, data: Uint8Array | string): void {
    const tmp = tempBeside(path);
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    try {
      writeAllSync(tmp, bytes);
    } catch (err) {
      try {
        unlinkSync(tmp);
      } catch {
        // never created
      }
      throw writeError(path, err);
    }
    this.staged.push({ tmp, path });
  }

  commit(): void {
    const dirs = new Set<string>();
    for (const s of this.staged) {
      try {
        renameSync(s.tmp, s.path);
      } catch (err) {
        this.discard();
        throw writeError(s.path, err);
      }
      dirs.add(dirname(resolve(s.path)));
    }
    this.staged = [];
    for (const d of dirs) syncFolder(d);
  }

  discard(): void {
    for (const s of this.staged) {
      try {
        unlinkSync(s.tmp);
      } catch {
        // already gone (renamed or never written)
      }
    }
    this.staged = [];
  }
}

/** Runs `fill` with a batch; commits when it returns, discards every temp when it throws. */
export async function writeOutputs<T>(fill: (batch: OutputBatch) => T | Promise<T>): Promise<T> {
  const batch = new OutputBatch();
  try {
    const r = await fill(batch);
    batch.commit();
    return r;
  } catch (err) {
    batch.discard();
    throw err;
  }
}

/**
 * A whole output folder written at once: `fill` writes into a temp folder beside `dir`, which is
 * renamed to `dir` at the end (and removed on failure). `dir` must not exist or be empty, so no
 * user file in it can be replaced.
 */
export async function writeOutputFolder<T>(command: string, dir: string, fill: (tmpDir: string) => T | Promise<T>): Promise<T> {
  const target = resolve(dir);
  if (existsSync(target) || isDanglingLink(target)) {
    let entries: string[] | null = null;
    try {
      entries = lstatSync(target).isDirectory() ? readdirSync(target) : null;
    } catch {
      entries = null;
    }
    if (entries === null) throw new InputError(`${command}: ${dir} exists and is not a folder`);
    if (entries.length > 0) throw new InputError(`${command}: the folder ${dir} already exists and is not empty; give a new folder`);
  }
  const parent = dirname(target);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (err) {
    throw new InputError(`${command}: cannot create the folder ${parent} (${(err as Error).message})`);
  }
  const tmp = join(parent, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(tmp);
  } catch (err) {
    throw new InputError(`${command}: cannot create a folder in ${parent} (${(err as Error).message})`);
  }
  try {
    const r = await fill(tmp);
    // rename(2) replaces an empty folder on POSIX; Windows needs it gone first.
    if (existsSync(target)) rmdirSync(target);
    renameSync(tmp, target);
    syncFolder(parent);
    return r;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (err instanceof InputError) throw err;
    throw new InputError(`${command}: cannot write the folder ${dir} (${(err as Error).message})`);
  }
}

function isDanglingLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
