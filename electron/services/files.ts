/**
 * Which files the renderer may read, and reading them. A path is readable only if the
 * user chose it (dialog, command line, Open Recent) or it lies under a folder they chose.
 * Paths are compared after realpath, so a symlink cannot lead outside a granted folder.
 */
import { open, realpath, stat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import type { FileRef } from '../../shared/ipc/host';
import { HOST_LIMITS } from '../../shared/ipc/host';
import { describeFsError, formatBytes, formatLimit, HostError } from './hostError';

export interface ReadOptions {
  maxBytes?: number;
}

export class GrantList {
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();

  /** Grant one file (resolved through symlinks). Returns its real path. */
  async grantFile(path: string): Promise<string> {
    const real = await realpath(resolve(path));
    this.files.add(real);
    return real;
  }

  /** Grant a folder and everything under it. Returns its real path. */
  async grantFolder(path: string): Promise<string> {
    const real = await realpath(resolve(path));
    this.folders.add(real);
    return real;
  }

  /** True if `realPath` (already resolved) is granted itself or lies under a granted folder. */
  covers(realPath: string): boolean {
    if (this.files.has(realPath) || this.folders.has(realPath)) return true;
    for (const folder of this.folders) {
      const prefix = folder.endsWith(sep) ? folder : folder + sep;
      if (realPath.startsWith(prefix)) return true;
    }
    return false;
  }

  /**
   * Resolve `path` and check it is granted. Throws a HostError naming the file otherwise.
   * The same message is used for "missing" and "not granted" outside granted folders, so a
   * page cannot probe which files exist.
   */
  async check(path: string): Promise<string> {
    const name = basename(path);
    let real: string;
    try {
      real = await realpath(path);
    } catch (err) {
      if (this.coversLexically(path)) throw new HostError(`${name}: ${describeFsError(err)}.`);
      throw new HostError(`${name}: not opened in this session; open it with File > Open first.`);
    }
    if (!this.covers(real)) throw new HostError(`${name}: not opened in this session; open it with File > Open first.`);
    return real;
  }

  private coversLexically(path: string): boolean {
    return this.covers(resolve(path));
  }

  clear(): void {
    this.files.clear();
    this.folders.clear();
  }
}

/** A FileRef for a path (size from stat). */
export async function fileRefOf(path: string): Promise<FileRef> {
  const s = await stat(path);
  return { path, name: basename(path), size: s.size };
}

async function statChecked(real: string, name: string, maxBytes: number): Promise<number> {
  let size: number;
  try {
    const s = await stat(real);
    if (!s.isFile()) throw new HostError(`${name}: is not a regular file.`);
    size = s.size;
  } catch (err) {
    if (err instanceof HostError) throw err;
    throw new HostError(`${name}: ${describeFsError(err)}.`);
  }
  if (size > maxBytes) throw new HostError(`${name}: file is ${formatBytes(size)}, larger than the ${formatLimit(maxBytes)} limit.`);
  return size;
}

/**
 * Read up to `length` bytes of a granted file from `offset`. The size cap is checked
 * on the whole file before anything is read. `size` is the file's size now, so a caller
 * joining chunks can notice a file that changes while it is read.
 */
export async function readGrantedChunk(
  grants: GrantList,
  path: string,
  offset: number,
  length: number,
  options: ReadOptions = {},
): Promise<{ size: number; bytes: Uint8Array }> {
  const name = basename(path);
  const real = await grants.check(path);
  const size = await statChecked(real, name, options.maxBytes ?? HOST_LIMITS.maxFileBytes);
  if (offset > size) throw new HostError(`${name}: the file changed while it was being read.`);
  const want = Math.min(length, size - offset);
  const bytes = new Uint8Array(want);
  const fh = await open(real, 'r').catch((err) => {
    throw new HostError(`${name}: ${describeFsError(err)}.`);
  });
  try {
    let got = 0;
    while (got < want) {
      const { bytesRead } = await fh.read(bytes, got, want - got, offset + got);
      if (bytesRead === 0) throw new HostError(`${name}: the file changed while it was being read.`);
      got += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return { size, bytes };
}

/** Read a whole granted file into a fresh ArrayBuffer (size-capped before reading). */
export async function readGrantedFile(grants: GrantList, path: string, options: ReadOptions = {}): Promise<ArrayBuffer> {
  const name = basename(path);
  const real = await grants.check(path);
  const size = await statChecked(real, name, options.maxBytes ?? HOST_LIMITS.maxFileBytes);
  const { bytes, size: now } = await readGrantedChunk(grants, real, 0, size, options);
  if (now !== size || bytes.byteLength !== size) throw new HostError(`${name}: the file changed while it was being read.`);
  return bytes.buffer as ArrayBuffer;
}
