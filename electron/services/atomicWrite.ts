/**
 * Writing a file so that a crash or a full disk never leaves half a file behind:
 * write a temp file in the same folder, fsync it, then rename over the target (atomic on
 * one file system). Optionally the previous version is kept as `<name>.bak`.
 *
 * - The file keeps its permissions: a 0600 scene stays 0600 (and so does its .bak).
 * - The .bak is made under a fresh temp name (a hard link to the old file, or an exclusive
 *   copy where links are not supported) and renamed into place, so a symlink planted at
 *   `<name>.bak` is replaced, never followed.
 * - Saving over a symlink writes to the file it points to, atomically, in that file's folder;
 *   the symlink stays as it was (as editors do, so a scene linked into several projects stays
 *   shared). A dangling symlink creates its target.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { chmod, copyFile, link, lstat, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeFsError, HostError } from './hostError';

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<path>.bak`. */
  keepBackup?: boolean;
  /** Test hook: called after this many bytes were written, to simulate a failure midway. */
  onProgress?: (bytesWritten: number) => void;
  /** Bytes per write call. */
  chunkBytes?: number;
}

function tempName(folder: string, name: string): string {
  return join(folder, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** The file a save to `path` really writes: `path` itself, or the target of a symlink there. */
export async function saveTarget(path: string): Promise<string> {
  const l = await lstat(path).catch(() => null);
  if (!l?.isSymbolicLink()) return path;
  try {
    return await realpath(path);
  } catch {
    // Dangling: the target does not exist yet; follow the link text (one level) to create it.
    return resolve(dirname(path), await readlink(path));
  }
}

/** `<target>.bak` made from the current file without ever writing through a planted symlink. */
async function writeBackup(target: string, mode: number): Promise<void> {
  const bak = `${target}.bak`;
  const tmp = tempName(dirname(target), basename(bak));
  try {
    try {
      await link(target, tmp); // same inode: the old contents and mode, no copy
    } catch {
      await copyFile(target, tmp, fsConstants.COPYFILE_EXCL);
      await chmod(tmp, mode);
    }
    await rename(tmp, bak);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

export async function atomicWrite(path: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const name = basename(path);
  const chunk = options.chunkBytes ?? 8 * 1024 * 1024;
  let tmp: string | null = null;
  let target = path;
  let fh;
  try {
    target = await saveTarget(path);
    const existing = await stat(target).catch(() => null);
    if (existing && !existing.isFile()) throw new HostError(`${name}: could not save (it is not a regular file).`);
    const mode = existing ? existing.mode & 0o7777 : null;
    tmp = tempName(dirname(target), basename(target));
    // Owner-only until the mode is set below, so no one else can read the new contents meanwhile.
    fh = await open(tmp, 'wx', mode === null ? 0o644 : 0o600);
    if (mode !== null) await fh.chmod(mode);
    let written = 0;
    while (written < bytes.byteLength) {
      const n = Math.min(chunk, bytes.byteLength - written);
      const { bytesWritten } = await fh.write(bytes, written, n);
      written += bytesWritten;
      options.onProgress?.(written);
    }
    await fh.sync();
    await fh.close();
    fh = undefined;
    if (options.keepBackup && existing && mode !== null) await writeBackup(target, mode);
    await rename(tmp, target);
    tmp = null;
  } catch (err) {
    await fh?.close().catch(() => undefined);
    if (tmp) await rm(tmp, { force: true }).catch(() => undefined);
    if (err instanceof HostError) throw err;
    throw new HostError(`${name}: could not save (${describeFsError(err)}).`);
  }
  // Make the rename itself durable where the platform allows fsync on a folder.
  try {
    const dir = await open(dirname(target), 'r');
    await dir.sync().catch(() => undefined);
    await dir.close();
  } catch {
    // Windows cannot open folders for fsync; the rename is still atomic.
  }
}
