/// <reference lib="webworker" />
// The browser's own gzip (DecompressionStream) is several times faster than inflating in JS.
// The shared parser still does all validation: we only pre-inflate the bytes its header asks
// for and hand them over through its `inflate` hook. On any trouble we fall back to the plain
// shared path, whose messages name the exact problem (truncated, bad CRC, bomb...).
import { datatypeInfo, isGzip, readNifti, readNiftiHeader, type NiftiImage } from '../../shared/nifti';

const MAX_NATIVE_BYTES = 2 * 1024 * 1024 * 1024;

export async function readNiftiFast(bytes: Uint8Array, name: string): Promise<NiftiImage> {
  if (!isGzip(bytes) || typeof DecompressionStream !== 'function') return readNifti(bytes, name);
  const need = bytesNeeded(bytes, name);
  if (need === null) return readNifti(bytes, name);
  const buffer = takeBuffer(need);
  const inflated = await inflateNative(bytes, buffer);
  if (!inflated) {
    giveBack(buffer);
    return readNifti(bytes, name);
  }
  try {
    const image = readNifti(bytes, name, { inflate: (_gz, max) => (inflated.length > max ? inflated.subarray(0, max) : inflated) });
    // Float32 data may come back as a view of the inflated bytes: then the image owns them.
    if (image.data.buffer !== buffer.buffer) giveBack(buffer);
    return image;
  } catch (e) {
    giveBack(buffer);
    throw e;
  }
}

/**
 * Inflate buffers kept between files. A fresh multi-megabyte buffer costs its page faults on
 * first write (about as long as inflating into it); one worker may inflate two files at once.
 */
const spare: Uint8Array[] = [];

function takeBuffer(need: number): Uint8Array {
  const i = spare.findIndex((b) => b.length >= need);
  const b = i >= 0 ? spare.splice(i, 1)[0] : new Uint8Array(need);
  return b.subarray(0, need);
}

function giveBack(b: Uint8Array): void {
  if (spare.length < 2) spare.push(new Uint8Array(b.buffer));
}

/** Header + voxel bytes the file declares, or null when the header is not sane (the parser will say why). */
function bytesNeeded(bytes: Uint8Array, name: string): number | null {
  try {
    const h = readNiftiHeader(bytes, name);
    const info = datatypeInfo(h.datatype);
    if (!info || info.unsupported) return null;
    let n = 1;
    for (const d of h.dims) n *= d;
    const offset = Math.max(h.voxOffset, h.version === 2 ? 544 : 352);
    const need = offset + n * info.bytes;
    return Number.isFinite(need) && need > 0 && need <= MAX_NATIVE_BYTES ? need : null;
  } catch {
    return null;
  }
}

/** Inflates `gz` into `out` (exactly out.length bytes); null when the stream is shorter or broken. */
async function inflateNative(gz: Uint8Array, out: Uint8Array): Promise<Uint8Array | null> {
  const need = out.length;
  try {
    // Written straight into the stream (a Blob would round-trip the bytes through the browser process).
    const ds = new DecompressionStream('gzip');
    const writer = ds.writable.getWriter();
    writer.write(gz as Uint8Array<ArrayBuffer>).catch(() => undefined);
    writer.close().catch(() => undefined);
    const reader = ds.readable.getReader();
    let filled = 0;
    while (filled < need) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.length, need - filled);
      out.set(take === value.length ? value : value.subarray(0, take), filled);
      filled += take;
    }
    await reader.cancel().catch(() => undefined);
    return filled === need ? out : null;
  } catch {
    return null;
  }
}
