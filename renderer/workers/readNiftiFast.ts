/// <reference lib="webworker" />
// The browser's own gzip (DecompressionStream) is several times faster than inflating in JS.
// The shared parser still does all validation: the header is parsed from the stream's first
// bytes (so the output is allocated once, at the size the header declares), and the inflated
// file goes through readNiftiInflated. On any trouble we fall back to the plain shared path,
// whose messages name the exact problem (truncated, bad CRC, bomb...).
import { isGzip, niftiSizeFromHeader, readNifti, readNiftiInflated, type NiftiImage } from '../../shared/nifti';
import { BufferPool } from './bufferPool';

/** A file's bytes, or (browser) the File/Blob itself: a .gz Blob streams into the inflater unread. */
export type NiftiSource = Uint8Array | Blob;

/** Inflated bytes that hold a NIfTI-2 header and its extension flag. */
const HEAD_BYTES = 544;

export async function readNiftiFast(source: NiftiSource, name: string): Promise<NiftiImage> {
  const gz = source instanceof Blob ? /\.gz$/i.test(name) : isGzip(source);
  const inflated = gz && typeof DecompressionStream === 'function' ? await inflateNative(source, name) : null;
  if (inflated) {
    try {
      const image = readNiftiInflated(inflated, name, { output: pooledFloats });
      // Float32 data comes back as a view of the inflated bytes: then the image owns them.
      if (image.data.buffer !== inflated.buffer) giveBack(inflated);
      return image;
    } catch {
      giveBack(inflated);
    }
  }
  return readNifti(source instanceof Blob ? new Uint8Array(await source.arrayBuffer()) : source, name);
}

/**
 * Buffers for inflated bytes and decoded voxels: this reader's scratch, plus the buffers of
 * unloaded maps that the page hands back (the study reader's `recycle` message).
 */
export const pool = new BufferPool();
/** Scratch kept between loads: one worker may inflate two files at once. */
export const SCRATCH_BUFFERS = 2;

function takeBuffer(need: number): Uint8Array {
  return new Uint8Array(pool.take(need), 0, need);
}

function giveBack(b: Uint8Array): void {
  pool.give(b.buffer as ArrayBuffer);
}

function pooledFloats(n: number): Float32Array {
  return new Float32Array(pool.take(n * 4), 0, n);
}

/**
 * Inflates exactly the header + voxel bytes the file declares; null when the header is not sane,
 * the stream is shorter, or it is corrupt (the shared path then says which).
 */
async function inflateNative(source: NiftiSource, name: string): Promise<Uint8Array | null> {
  const reader = gunzipStream(source).getReader();
  let head: Uint8Array = new Uint8Array(0);
  let out: Uint8Array | null = null;
  let filled = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let chunk: Uint8Array = value;
      if (!out) {
        head = head.length ? joined(head, chunk) : chunk;
        if (head.length < HEAD_BYTES) continue;
        out = takeBuffer(niftiSizeFromHeader(head, name));
        chunk = head;
      }
      const take = Math.min(chunk.length, out.length - filled);
      out.set(take === chunk.length ? chunk : chunk.subarray(0, take), filled);
      filled += take;
      // Bytes past the voxels are not needed. When the voxels end a chunk, one more read ends the
      // stream, so the gzip CRC is still checked.
      if (take < chunk.length) break;
    }
    if (!out && head.length > 0) {
      // A file smaller than HEAD_BYTES ended within the first chunk.
      out = takeBuffer(niftiSizeFromHeader(head, name));
      filled = Math.min(head.length, out.length);
      out.set(head.subarray(0, filled));
    }
  } catch {
    if (out) giveBack(out);
    return null;
  } finally {
    reader.cancel().catch(() => undefined);
  }
  if (out && filled === out.length) return out;
  if (out) giveBack(out);
  return null;
}

function gunzipStream(source: NiftiSource): ReadableStream<Uint8Array> {
  if (source instanceof Blob) return source.stream().pipeThrough(new DecompressionStream('gzip'));
  // Bytes are written straight in (wrapping them in a Blob would round-trip them through the browser process).
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter();
  writer.write(source as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  return ds.readable;
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const c = new Uint8Array(a.length + b.length);
  c.set(a);
  c.set(b, a.length);
  return c;
}
