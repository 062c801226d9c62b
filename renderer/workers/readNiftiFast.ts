/// <reference lib="webworker" />
// Inflating is most of the time a study load takes. A WebAssembly inflater (flate2, via foras)
// takes about half the time of the browser's DecompressionStream, whose 16 KiB chunks each cost a
// promise and an allocation; the stream is the fallback where WebAssembly cannot start, and both
// beat inflating in JS. The shared parser still does all validation: the header is parsed from
// the first inflated bytes (so the output is allocated once, at the size the header declares), and
// the inflated file goes through readNiftiInflated. On any trouble we fall back to the plain
// shared path, whose messages name the exact problem (truncated, bad CRC, bomb...).
import { GzDecoder, Memory, initBundledOnce } from '@hazae41/foras';
import { isGzip, niftiSizeFromHeader, readNifti, readNiftiInflated, type NiftiImage } from '../../shared/nifti';
import { BufferPool } from './bufferPool';

/** A file's bytes, or (browser) the File/Blob itself: a .gz Blob streams into the inflater unread. */
export type NiftiSource = Uint8Array | Blob;

/** Inflated bytes that hold a NIfTI-2 header and its extension flag. */
const HEAD_BYTES = 544;

/** Which inflater read a .gz: WebAssembly, the browser's stream, or the shared JS path (also plain files). */
export type Inflater = 'wasm' | 'stream' | 'shared';

export async function readNiftiFast(source: NiftiSource, name: string): Promise<NiftiImage & { inflater: Inflater }> {
  const gz = source instanceof Blob ? /\.gz$/i.test(name) : isGzip(source);
  let inflated: Uint8Array | null = null;
  let inflater: Inflater = 'shared';
  if (gz && (await wasmReady())) {
    if (source instanceof Blob) source = new Uint8Array(await source.arrayBuffer());
    inflated = inflateWasm(source, name);
    inflater = 'wasm';
  } else if (gz && typeof DecompressionStream === 'function') {
    inflated = await inflateNative(source, name);
    inflater = 'stream';
  }
  if (inflated) {
    try {
      const image = readNiftiInflated(inflated, name, { output: pooledFloats });
      // Float32 data comes back as a view of the inflated bytes: then the image owns them.
      if (image.data.buffer !== inflated.buffer) giveBack(inflated);
      return { ...image, inflater };
    } catch {
      giveBack(inflated);
    }
  }
  const image = readNifti(source instanceof Blob ? new Uint8Array(await source.arrayBuffer()) : source, name);
  return { ...image, inflater: 'shared' };
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

let wasm: Promise<boolean> | null = null;

/** Starts the WebAssembly inflater once; false where it cannot run (then the stream inflates). */
export function wasmReady(): Promise<boolean> {
  wasm ??= initBundledOnce().then(
    () => true,
    () => false,
  );
  return wasm;
}

/** Compressed bytes per step: bounds what one step can inflate (deflate expands at most ~1032x). */
const WASM_STEP = 64 * 1024;
/** Inflated bytes past the voxels we are willing to check the CRC through before handing over. */
const WASM_SPARE = 1 << 20;

/**
 * Fills a buffer of the size the header declares from inflated chunks; `add` says false once the
 * file inflates to much more than that (a bomb, or data we would only discard: the shared path decides).
 */
class Collector {
  private head: Uint8Array = new Uint8Array(0);
  private out: Uint8Array | null = null;
  private filled = 0;
  private extra = 0;
  constructor(private readonly name: string) {}

  /** `chunk` is only read now (a view into WebAssembly memory stays valid only until the next call). */
  add(chunk: Uint8Array): boolean {
    if (!this.out) {
      const head = this.head.length ? joined(this.head, chunk) : chunk;
      if (head.length < HEAD_BYTES) {
        this.head = head === chunk ? chunk.slice() : head;
        return true;
      }
      this.out = takeBuffer(niftiSizeFromHeader(head, this.name));
      this.head = new Uint8Array(0);
      chunk = head;
    }
    const take = Math.min(chunk.length, this.out.length - this.filled);
    this.out.set(take === chunk.length ? chunk : chunk.subarray(0, take), this.filled);
    this.filled += take;
    this.extra += chunk.length - take;
    return this.extra <= WASM_SPARE;
  }

  /** The file's bytes when it held all it declares (a file shorter than HEAD_BYTES included). */
  finish(): Uint8Array | null {
    if (!this.out && this.head.length > 0) {
      this.out = takeBuffer(niftiSizeFromHeader(this.head, this.name));
      this.filled = Math.min(this.head.length, this.out.length);
      this.out.set(this.head.subarray(0, this.filled));
    }
    if (this.out && this.filled === this.out.length) return this.out;
    this.drop();
    return null;
  }

  drop(): void {
    if (this.out) giveBack(this.out);
    this.out = null;
  }
}

/**
 * Inflates a whole .gz in WebAssembly, checking the CRC and length in its trailer; null on any
 * trouble (corrupt, truncated, several gzip members, trailing bytes), and the shared path says which.
 */
export function inflateWasm(gz: Uint8Array, name: string): Uint8Array | null {
  const decoder = new GzDecoder();
  const into = new Collector(name);
  let owned = true;
  try {
    for (let off = 0; off < gz.length; off += WASM_STEP) {
      const input = new Memory(gz.subarray(off, off + WASM_STEP));
      try {
        decoder.write(input);
      } finally {
        input.free();
      }
      const got = decoder.read();
      const more = into.add(got.bytes);
      got.free();
      if (!more) throw new Error('larger than declared');
    }
    // finish() consumes the decoder (and checks the trailer).
    owned = false;
    const rest = decoder.finish();
    into.add(rest.bytes);
    rest.free();
    return into.finish();
  } catch {
    if (owned) decoder.free();
    into.drop();
    return null;
  }
}

/**
 * Inflates exactly the header + voxel bytes the file declares; null when the header is not sane,
 * the stream is shorter, or it is corrupt (the shared path then says which).
 */
async function inflateNative(source: NiftiSource, name: string): Promise<Uint8Array | null> {
  const reader = gunzipStream(source).getReader();
  const into = new Collector(name);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!into.add(value)) throw new Error('larger than declared');
    }
    return into.finish();
  } catch {
    into.drop();
    return null;
  } finally {
    reader.cancel().catch(() => undefined);
  }
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
