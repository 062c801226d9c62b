/**
 * Writing a file so that a crash or a full disk never leaves half a file behind:
 * write a temp file in the same folder, fsync it, then rename over the target (atomic on
 * one file system). Optionally the previous version is kept as `<name>.bak`.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, HostError } from './hostError';

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<path>.bak`. */
  keepBackup?: boolean;
  /** Test hook: called after this many bytes were written, to simulate a failure midway. */
  onProgress?: (bytesWritten: number) => void;
  /** Bytes per write call. */
  chunkBytes?: number;
}

export async function atomicWrite(path: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const name = basename(path);
  const tmp = join(dirname(path), `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const chunk = options.chunkBytes ?? 8 * 1024 * 1024;
  let fh;
  try {
    fh = await open(tmp, 'wx', 0o644);
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
    if (options.keepBackup) {
      const existing = await stat(path).catch(() => null);
      if (existing?.isFile()) await copyFile(path, `${path}.bak`);
    }
    await rename(tmp, path);
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    if (err instanceof HostError) throw err;
    throw new HostError(`${name}: could not save (${describeFsError(err)}).`);
  }
  // Make the rename itself durable where the platform allows fsync on a folder.
  try {
    const dir = await open(dirname(path), 'r');
    await dir.sync().catch(() => undefined);
    await dir.close();
  } catch {
    // Windows cannot open folders for fsync; the rename is still atomic.
  }
}
