// Node file adapter for the CLI: bytes in with caps, NIfTI through shared/nifti, atomic writes out.
import { closeSync, fsyncSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeSync, existsSync, fstatSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { constants as zlibConstants, crc32 as zlibCrc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { readNifti, readNiftiPair, writeNifti, DEFAULT_MAX_VOXEL_BYTES, type NiftiWriteSpec } from '../../shared/nifti/index';
import type { NiftiImage } from '../../shared/nifti/types';
import { InputError } from './types';
import { describeGrid, sameGrid } from '../../shared/spaces/index';

/** Largest file we read at all: a 2 GiB voxel cap plus header room. */
export const MAX_FILE_BYTES = DEFAULT_MAX_VOXEL_BYTES + 64 * 1024 ** 2;

function plainErrno(err: unknown, path: string): InputError {
  const e = err as NodeJS.ErrnoException;
  const name = basename(path);
  switch (e?.code) {
    case 'ENOENT': return new InputError(`${name}: file not found (${path})`);
    case 'EACCES': case 'EPERM': return new InputError(`${name}: permission denied; check that you can read ${path}`);
    case 'EISDIR': return new InputError(`${name}: is a folder, not a file`);
    default: return new InputError(`${name}: cannot read the file (${e?.message ?? String(err)})`);
  }
}

/** Reads a whole file, refusing (before reading) anything larger than maxBytes. */
export function readBytesCapped(path: string, maxBytes = MAX_FILE_BYTES): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw plainErrno(err, path);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError(`${basename(path)}: is a folder, not a file`);
    if (st.size > maxBytes) {
      throw new InputError(`${basename(path)}: the file is too large (${(st.size / 1024 ** 2).toFixed(0)} MiB; the limit is ${(maxBytes / 1024 ** 2).toFixed(0)} MiB)`);
    }
    const out = new Uint8Array(st.size);
    let off = 0;
    while (off < out.length) {
      const n = readSync(fd, out, off, out.length - off, off);
      if (n <= 0) break;
      off += n;
    }
    return off === out.length ? out : out.subarray(0, off);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw plainErrno(err, path);
  } finally {
    closeSync(fd);
  }
}

/** Node's zlib is ~3x faster than fflate; maxOutputLength keeps the cap (a bomb stops there). */
export function nodeInflate(gz: Uint8Array, maxBytes: number): Uint8Array {
  const max = Math.max(1, Math.min(maxBytes, 2 ** 31 - 1 + 2 ** 31));
  // Output in one chunk sized from the gzip trailer's length (a hint only, capped by max): zlib
  // then hands back that buffer itself instead of concatenating 16 KiB chunks into a new one.
  // At least 64 KiB keeps the chunk out of Node's shared small-Buffer pool (the voxels may stay in it).
  const hint = gz.length >= 18 ? new DataView(gz.buffer, gz.byteOffset + gz.length - 4, 4).getUint32(0, true) + 1 : 0;
  return gunzipSync(gz, { maxOutputLength: max, chunkSize: Math.min(max, Math.max(64 * 1024, hint)) });
}

function asInputError(err: unknown, path: string): unknown {
  if (err && typeof err === 'object' && (err as { userFacing?: boolean }).userFacing) {
    const msg = (err as Error).message;
    const name = basename(path);
    return new InputError(msg.startsWith(name) ? msg : `${name}: ${msg}`);
  }
  return err;
}

function pairImagePath(hdrPath: string): string | null {
  const stem = hdrPath.replace(/\.hdr(\.gz)?$/i, '');
  for (const ext of ['.img', '.IMG', '.img.gz', '.IMG.gz']) if (existsSync(stem + ext)) return stem + ext;
  return null;
}

/** A NIfTI image from disk (.nii, .nii.gz, or a .hdr/.img pair). Bad files become InputError naming the file. */
export async function readNiftiFile(path: string): Promise<NiftiImage> {
  const name = basename(path);
  const bytes = readBytesCapped(path);
  try {
    if (/\.hdr(\.gz)?$/i.test(name)) {
      const img = pairImagePath(path);
      if (!img) {
        const expected = basename(path.replace(/\.hdr(\.gz)?$/i, '.img'));
        throw new InputError(`${name}: the matching .img file (${expected}) is missing; a NIfTI pair needs both the .hdr and the .img`);
      }
      return readNiftiPair(bytes, readBytesCapped(img), name, { inflate: nodeInflate });
    }
    return readNifti(bytes, name, { inflate: nodeInflate });
  } catch (err) {
    throw asInputError(err, path);
  }
}

/** A text file (CSV, TSV, label tables) with a size cap. */
export function readTextFile(path: string, maxBytes = 256 * 1024 ** 2): string {
  const bytes = readBytesCapped(path, maxBytes);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
}

/** Writes via a temp file in the same folder, fsync, then rename: never a half-written file. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx');
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file may never have been created
    }
    const e = err as NodeJS.ErrnoException;
    throw new InputError(`${basename(path)}: cannot write the file (${e?.code === 'ENOENT' ? `folder ${dir} does not exist` : e?.code === 'EACCES' ? 'permission denied' : e?.message ?? String(err)})`);
  }
  try {
    // Make the rename itself durable.
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Some filesystems refuse fsync on folders; the data file itself is already synced.
  }
}

/**
 * One gzip member holding the concatenation of `parts`, without concatenating them first: each
 * part is deflated on its own (all but the last ending on a sync flush, so the raw streams join
 * into one), and the CRC-32 runs over the parts in turn. Same bytes once inflated as gzipSync.
 */
export function nodeGzipParts(parts: Uint8Array[], level: number): Uint8Array {
  const out: Uint8Array[] = [];
  // mtime 0, XFL as zlib sets it (4 = fastest, 2 = best), OS 3 (Unix), as Node's gzipSync writes.
  out.push(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, level === 9 ? 2 : level < 2 ? 4 : 0, 3));
  let crc = 0;
  let size = 0;
  // Empty parts are skipped: zlib.crc32 of an empty array whose data pointer is null returns 0, not the running CRC.
  const full = parts.filter((p) => p.length > 0);
  full.forEach((p, n) => {
    const last = n === full.length - 1;
    // One output chunk as large as the input (only the bytes written get touched): zlib returns
    // it as is instead of concatenating 16 KiB chunks into yet another buffer.
    const chunkSize = Math.max(64 * 1024, Math.min(p.length + 1024, 1 << 28));
    out.push(deflateRawSync(p, { level, finishFlush: last ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH, chunkSize }));
    crc = zlibCrc32(p, crc);
    size += p.length;
  });
  if (full.length === 0) out.push(deflateRawSync(new Uint8Array(0), { level }));
  const trailer = new Uint8Array(8);
  const dv = new DataView(trailer.buffer);
  dv.setUint32(0, crc >>> 0, true);
  dv.setUint32(4, size % 2 ** 32, true);
  out.push(trailer);
  return Buffer.concat(out);
}

/** Writes a NIfTI-1 file; gzip when the name ends in .gz (level 1 by default: the fast setting scripts want). */
export function writeNiftiFile(path: string, spec: NiftiWriteSpec, options: { level?: number } = {}): void {
  writeFileAtomic(path, niftiFileBytes(path, spec, options));
}

/** The bytes writeNiftiFile would write (gzip when the name ends in .gz), for an OutputBatch. */
export function niftiFileBytes(path: string, spec: NiftiWriteSpec, options: { level?: number } = {}): Uint8Array {
  const gzip = /\.gz$/i.test(path);
  return writeNifti(spec, { gzip, level: options.level ?? 1, deflate: (raw, level) => gzipSync(raw, { level }), deflateParts: nodeGzipParts });
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/**
 * Expands `*` and `?` in the file-name part of each pattern (sorted matches); plain paths pass
 * through unchanged so a missing file is reported by whoever opens it. A pattern with no match is an error.
 */
export function expandPaths(patterns: string[]): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const name = basename(p);
    if (!/[*?]/.test(name)) {
      out.push(p);
      continue;
    }
    const dir = dirname(p);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch (err) {
      throw plainErrno(err, dir);
    }
    const re = globToRegExp(name);
    const matches = entries
      .filter((e) => re.test(e))
      .sort()
      .map((e) => (p.startsWith('./') || dir !== '.' ? join(dir, e) : e))
      .filter((f) => {
        try {
          return statSync(f).isFile();
        } catch {
          return false;
        }
      });
    if (matches.length === 0) throw new InputError(`${p}: no files match this pattern`);
    out.push(...matches);
  }
  return out;
}

/**
 * The maps of a two-condition command (paired, permute): each one 3D frame on the first map's
 * grid, and the mask on it too. The first problem ends the command with a message naming the file.
 */
export async function readMapSet(command: string, aFiles: string[], bFiles: string[], maskFile?: string): Promise<{ first: NiftiImage; a: Float32Array[]; b: Float32Array[]; mask?: Float32Array }> {
  const first = await readNiftiFile(aFiles[0]);
  const checked = (img: NiftiImage): Float32Array => {
    if (img.nFrames !== 1) throw new InputError(`${img.name}: has ${img.nFrames} frames; ${command} needs one 3D map per subject and condition`);
    if (!sameGrid(img.grid, first.grid)) {
      throw new InputError(`${img.name}: is on a different grid (${describeGrid(img.grid)}) from ${first.name} (${describeGrid(first.grid)}); resample the maps to one grid first`);
    }
    return img.data;
  };
  const a = [checked(first)];
  for (const f of aFiles.slice(1)) a.push(checked(await readNiftiFile(f)));
  const b: Float32Array[] = [];
  for (const f of bFiles) b.push(checked(await readNiftiFile(f)));
  const mask = maskFile ? checked(await readNiftiFile(maskFile)) : undefined;
  return { first, a, b, mask };
}
