import { Gunzip } from 'fflate';
import { NiftiError } from './errors';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Node's zlib (or any other) inflater: returns the inflated bytes, and may throw when they exceed maxBytes. */
export type InflateHook = (gz: Uint8Array, maxBytes: number) => Uint8Array;

// Small compressed chunks bound the memory one push can produce (deflate expands at most ~1032x).
const CHUNK = 64 * 1024;

/**
 * Inflates a gzip stream until `wantBytes` bytes are out or the stream ends, never trusting the
 * size in the gzip trailer. Returns at most `wantBytes` bytes; `complete` says the stream ended
 * (then the CRC32 and length in the trailer have been checked). `total`: bytes inflated, which is
 * the file's inflated length when complete (a small file can end within the first push).
 */
export function inflatePrefix(gz: Uint8Array, wantBytes: number, name: string): { data: Uint8Array; complete: boolean; total: number } {
  const parts: Uint8Array[] = [];
  let total = 0;
  let complete = false;
  // Each member's CRC32 and length, checked against its trailer (bgzip and `cat a.gz b.gz` write
  // several members; each trailer covers only its own). fflate reports the members after the first.
  const members = [{ gzStart: 0, crc: 0, size: 0 }];
  const stream = new Gunzip((chunk, final) => {
    if (total < wantBytes) {
      const keep = Math.min(chunk.length, wantBytes - total);
      parts.push(keep === chunk.length ? chunk : chunk.subarray(0, keep));
    }
    total += chunk.length;
    const m = members[members.length - 1];
    m.crc = crc32(chunk, m.crc);
    m.size += chunk.length;
    if (final) complete = true;
  });
  stream.onmember = (offset) => {
    members.push({ gzStart: offset, crc: 0, size: 0 });
  };
  try {
    // Start small so a header peek of a bomb inflates kilobytes, not megabytes; then grow for speed.
    let step = 1024;
    for (let off = 0; off < gz.length && total < wantBytes; off += step, step = Math.min(CHUNK, step * 2)) {
      const end = Math.min(gz.length, off + step);
      stream.push(gz.subarray(off, end), end === gz.length);
    }
  } catch (err) {
    throw gzipError(err, name);
  }
  if (!complete && total < wantBytes) {
    throw new NiftiError('truncated', name, 'the compressed (.gz) data is truncated: the stream ends early (interrupted download or copy?)');
  }
  if (complete) checkTrailers(gz, members, name);
  const data = concat(parts, Math.min(total, wantBytes));
  return { data, complete, total };
}

/** Each member's CRC32 and length (mod 2^32) against its trailer, the 8 bytes before the next member. */
function checkTrailers(gz: Uint8Array, members: { gzStart: number; crc: number; size: number }[], name: string): void {
  const dv = new DataView(gz.buffer, gz.byteOffset, gz.length);
  for (let i = 0; i < members.length; i++) {
    const trailer = (i + 1 < members.length ? members[i + 1].gzStart : gz.length) - 8;
    const { crc, size } = members[i];
    if (trailer < 0 || dv.getUint32(trailer + 4, true) !== size % 2 ** 32 || dv.getUint32(trailer, true) !== crc) {
      throw new NiftiError('bad-gzip', name, 'the compressed (.gz) data is corrupt: checksum (CRC32) mismatch');
    }
  }
}

/** Turns an inflater's exception (fflate or Node zlib) into a plain message; null when it only means "too big". */
export function gzipError(err: unknown, name: string): NiftiError {
  const e = err as { code?: unknown; message?: string };
  const msg = String(e?.message ?? err);
  if (e?.code === 0 || /unexpected (eof|end)/i.test(msg)) {
    return new NiftiError('truncated', name, 'the compressed (.gz) data is truncated: the stream ends early (interrupted download or copy?)');
  }
  if (/data check|crc/i.test(msg)) {
    return new NiftiError('bad-gzip', name, 'the compressed (.gz) data is corrupt: checksum (CRC32) mismatch');
  }
  return new NiftiError('bad-gzip', name, `the compressed (.gz) data is corrupt (${msg.split('\n')[0]})`);
}

/** True when an inflater refused because the output would be larger than asked (Node: ERR_BUFFER_TOO_LARGE). */
export function isTooLargeError(err: unknown): boolean {
  const e = err as { code?: unknown; name?: string; message?: string };
  return e?.code === 'ERR_BUFFER_TOO_LARGE' || e?.name === 'RangeError' || /too large|larger than/i.test(String(e?.message));
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0].length === length) return parts[0];
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) {
    const n = Math.min(p.length, length - o);
    out.set(n === p.length ? p : p.subarray(0, n), o);
    o += n;
    if (o >= length) break;
  }
  return out;
}

let CRC_TABLE: Uint32Array | null = null;

/** CRC-32 of `data`; pass the CRC of the bytes before it to continue (zlib's crc32(crc, buf)). */
export function crc32(data: Uint8Array, previous = 0): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  const t = CRC_TABLE;
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
