import type { DatatypeInfo } from './datatypes';

const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Voxel bytes -> scaled float32 values. Native-order data is read through typed-array views
 * (bulk copies, no per-voxel DataView); only foreign byte order is swapped first.
 */
export function decodeVoxels(
  raw: Uint8Array,
  info: DatatypeInfo,
  nVoxels: number,
  littleEndian: boolean,
  scaling: { slope: number; inter: number } | null,
  /** `raw` belongs to the caller alone (e.g. freshly inflated): float32 data may be returned as a view of it. */
  mayView = false,
  /** Where decoded values go (a reused buffer); a new array by default. */
  output: (nVoxels: number) => Float32Array = (n) => new Float32Array(n),
): Float32Array {
  const size = info.bytes;
  const native = littleEndian === HOST_LITTLE || size === 1;
  if (info.name === 'float32' && native && !scaling) {
    // A view spares a second full-size buffer (its allocation and page faults cost more than the copy).
    if (mayView && raw.byteOffset % 4 === 0) return new Float32Array(raw.buffer, raw.byteOffset, nVoxels);
    const out = output(nVoxels);
    new Uint8Array(out.buffer, out.byteOffset, nVoxels * 4).set(raw.subarray(0, nVoxels * 4));
    return out;
  }
  const out = output(nVoxels);
  let src = raw.subarray(0, nVoxels * size);
  if (!native || (src.byteOffset % size) !== 0) {
    src = src.slice();
    if (!native) swapInPlace(src, size);
  }
  const view = typedView(src, info.name, nVoxels);
  const slope = scaling ? scaling.slope : 1;
  const inter = scaling ? scaling.inter : 0;
  if (view instanceof BigInt64Array || view instanceof BigUint64Array) {
    for (let i = 0; i < nVoxels; i++) out[i] = Number(view[i]) * slope + inter;
  } else if (scaling) {
    for (let i = 0; i < nVoxels; i++) out[i] = view[i] * slope + inter;
  } else {
    out.set(view);
  }
  return out;
}

type View = Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

function typedView(b: Uint8Array, type: string, n: number): View {
  const { buffer, byteOffset } = b;
  switch (type) {
    case 'uint8': return new Uint8Array(buffer, byteOffset, n);
    case 'int8': return new Int8Array(buffer, byteOffset, n);
    case 'int16': return new Int16Array(buffer, byteOffset, n);
    case 'uint16': return new Uint16Array(buffer, byteOffset, n);
    case 'int32': return new Int32Array(buffer, byteOffset, n);
    case 'uint32': return new Uint32Array(buffer, byteOffset, n);
    case 'float32': return new Float32Array(buffer, byteOffset, n);
    case 'float64': return new Float64Array(buffer, byteOffset, n);
    case 'int64': return new BigInt64Array(buffer, byteOffset, n);
    case 'uint64': return new BigUint64Array(buffer, byteOffset, n);
    default: throw new Error(`no decoder for ${type}`);
  }
}

function swapInPlace(b: Uint8Array, size: number): void {
  const n = b.length;
  if (size === 2) {
    for (let i = 0; i < n; i += 2) { const t = b[i]; b[i] = b[i + 1]; b[i + 1] = t; }
  } else if (size === 4) {
    for (let i = 0; i < n; i += 4) {
      let t = b[i]; b[i] = b[i + 3]; b[i + 3] = t;
      t = b[i + 1]; b[i + 1] = b[i + 2]; b[i + 2] = t;
    }
  } else if (size === 8) {
    for (let i = 0; i < n; i += 8) {
      for (let a = 0; a < 4; a++) { const t = b[i + a]; b[i + a] = b[i + 7 - a]; b[i + 7 - a] = t; }
    }
  }
}

/** Counts of NaN and +/-Inf voxels (for a warning; they are kept, not replaced). */
export function countNonFinite(data: Float32Array): { nan: number; inf: number } {
  let nan = 0;
  let inf = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) {
      if (v !== v) nan++;
      else inf++;
    }
  }
  return { nan, inf };
}
