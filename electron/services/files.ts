/**
 * Which files the renderer may read, and reading them. A path is readable only if the user
 * granted it: a file picked in an open dialog or saved through a save dialog, a folder picked in
 * a folder dialog (everything under it), or a file that a study table picked in a dialog lists.
 * The grant list is consulted on the normalised path first, so a path the user never granted
 * causes no file-system call at all; then again after realpath, so a symlink cannot lead outside.
 * Network (UNC) and device paths are refused before either (see paths.ts).
 */
import { open, realpath, stat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import type { FileRef, RecentGrant } from '../../shared/ipc/host';
import { HOST_LIMITS } from '../../shared/ipc/host';
import { describeFsError, formatBytes, formatLimit, HostError } from './hostError';
import { refuseUncOrDevicePath } from './paths';

export interface ReadOptions {
  maxBytes?: number;
}

/** How a single file came to be granted; only `picked` and `table` may go on the recent list. */
export type FileGrantKind = 'picked' | 'saved' | 'listed';

export class GrantList {
  /** real path -> how it was granted */
  private readonly files = new Map<string, FileGrantKind>();
  private readonly folders = new Set<string>();
  /** Study tables the user picked in a dialog (real paths): they may grant the files they list. */
  private readonly tables = new Set<string>();
  /** The same grants as given (resolved, not realpath'd), for the check before any fs call. */
  private readonly lexicalFiles = new Set<string>();
  private readonly lexicalFolders = new Set<string>();

  /** Grant one file (resolved through symlinks). Returns its real path. */
  async grantFile(path: string, kind: FileGrantKind = 'picked'): Promise<string> {
    refuseUncOrDevicePath(path);
    const real = await realpath(resolve(path));
    // A stronger grant is never downgraded (a picked file saved again stays picked).
    if (!(this.files.get(real) === 'picked' && kind !== 'picked')) this.files.set(real, kind);
    this.lexicalFiles.add(resolve(path));
    return real;
  }

  /** Grant a folder and everything under it. Only for a folder the user chose (dialog, command line, the app's own demo). */
  async grantFolder(path: string): Promise<string> {
    refuseUncOrDevicePath(path);
    const real = await realpath(resolve(path));
    this.folders.add(real);
    this.lexicalFolders.add(resolve(path));
    return real;
  }

  /** A study table the user picked: the table itself, and the right to grant the files it lists. */
  async grantTable(path: string): Promise<string> {
    const real = await this.grantFile(path, 'picked');
    this.tables.add(real);
    return real;
  }

  /** True if the real path is a study table picked in a dialog (or replayed from the recent list as one). */
  isTable(realPath: string): boolean {
    return this.tables.has(realPath);
  }

  /** True if `realPath` (already resolved) is granted itself or lies under a granted folder. */
  covers(realPath: string): boolean {
    return this.files.has(realPath) || this.folders.has(realPath) || underAny(realPath, this.folders);
  }

  /**
   * What the recent list may replay for this real path: a picked folder as a folder, a picked
   * study table as a table, a picked file (or one under a picked folder) as that one file.
   * A file only saved, or only listed by a table, is not "opened" and may not be remembered.
   */
  recentGrant(realPath: string): RecentGrant | null {
    if (this.folders.has(realPath)) return 'folder';
    if (this.tables.has(realPath)) return 'table';
    if (this.files.get(realPath) === 'picked' || underAny(realPath, this.folders)) return 'file';
    return null;
  }

  private coversLexically(path: string): boolean {
    const p = resolve(path);
    return this.lexicalFiles.has(p) || this.lexicalFolders.has(p) || underAny(p, this.lexicalFolders) || this.covers(p);
  }

  /**
   * Check `path` is granted and return its real path. Throws a HostError naming the file
   * otherwise. Outside the grants the message is the same for "missing" and "not granted", and
   * nothing on disk is touched, so a page can neither probe which files exist nor make main
   * reach a server.
   */
  async check(path: string): Promise<string> {
    refuseUncOrDevicePath(path);
    const name = basename(path);
    const refused = () => new HostError(`${name}: not opened in this session; open it with File > Open first.`);
    if (!this.coversLexically(path)) throw refused();
    let real: string;
    try {
      real = await realpath(resolve(path));
    } catch (err) {
      throw new HostError(`${name}: ${describeFsError(err)}.`);
    }
    if (!this.covers(real)) throw refused();
    return real;
  }

  clear(): void {
    this.files.clear();
    this.folders.clear();
    this.tables.clear();
    this.lexicalFiles.clear();
    this.lexicalFolders.clear();
  }
}

function underAny(path: string, folders: Set<string>): boolean {
  for (const folder of folders) {
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    if (path.startsWith(prefix)) return true;
  }
  return false;
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
