import { gzipSync } from 'fflate';
import type { Mat4 } from '../spaces/types';
import { affineToQuatern } from '../spaces/quaternion';
import { datatypeByName } from './datatypes';
import { NIFTI_INTENT } from './intent';

export type WritableDatatype = 'uint8' | 'int16' | 'int32' | 'float32' | 'float64';

export interface NiftiWriteSpec {
  /** Array shape, e.g. [91,109,91] or [77,92,77,2]. */
  dims: number[];
  /** voxel -> mm, row-major. Written as both sform and qform. */
  affine: Mat4;
  /** Fortran order (i fastest), all frames. */
  data: Float32Array | Int16Array | Uint8Array | Int32Array;
  /** Defaults to the type of `data`. */
  datatype?: WritableDatatype;
  sclSlope?: number;
  sclInter?: number;
  intentCode?: number;
  intentName?: string;
  intentP1?: number;
  intentP2?: number;
  intentP3?: number;
  descrip?: string;
  /** Voxel sizes (then TR...); defaults to the affine's column lengths. */
  pixdim?: number[];
  /** Default 10 = mm and seconds. */
  xyztUnits?: number;
  /** Default 4 (MNI-152) for both. */
  sformCode?: number;
  qformCode?: number;
}

export interface WriteOptions {
  gzip?: boolean;
  /** gzip level 0-9 (default 6). */
  level?: number;
  /** A faster deflater producing a gzip stream (Node's zlib in the CLI). */
  deflate?: (raw: Uint8Array, level: number) => Uint8Array;
  /**
   * Like `deflate`, but given the file as pieces (header, voxels) to compress as one stream:
   * the voxels are then passed as a view of `data`, sparing a full-size copy. Preferred when given.
   */
  deflateParts?: (parts: Uint8Array[], level: number) => Uint8Array;
}

const VOX_OFFSET = 352;
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function defaultType(data: NiftiWriteSpec['data']): WritableDatatype {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Int32Array) return 'int32';
  return 'float32';
}

function writeText(bytes: Uint8Array, off: number, len: number, s: string | undefined): void {
  if (!s) return;
  const enc = new TextEncoder().encode(s);
  bytes.set(enc.subarray(0, len - 1), off);
}

/** A single-file NIfTI-1 (little-endian, vox_offset 352), optionally gzipped. */
export function writeNifti(spec: NiftiWriteSpec, options: WriteOptions = {}): Uint8Array {
  const dims = spec.dims;
  if (dims.length < 1 || dims.length > 7 || dims.some((d) => !Number.isInteger(d) || d < 1 || d > 32767)) {
    throw new Error(`writeNifti: bad dims [${dims.join(', ')}] (1 to 7 dimensions of 1..32767)`);
  }
  const nVoxels = dims.reduce((a, b) => a * b, 1);
  if (spec.data.length !== nVoxels) throw new Error(`writeNifti: data has ${spec.data.length} values but dims [${dims.join(', ')}] need ${nVoxels}`);
  if (spec.affine.length !== 16 || spec.affine.some((v) => !Number.isFinite(v))) throw new Error('writeNifti: the affine must be 16 finite numbers');
  const type = spec.datatype ?? defaultType(spec.data);
  const info = datatypeByName(type)!;
  const level = options.level ?? 6;
  if (options.gzip && options.deflateParts && LITTLE && sameType(spec.data, type)) {
    const header = new Uint8Array(VOX_OFFSET);
    writeHeader(header, spec, info);
    const d = spec.data;
    return options.deflateParts([header, new Uint8Array(d.buffer, d.byteOffset, d.byteLength)], level);
  }
  const out = new Uint8Array(VOX_OFFSET + nVoxels * info.bytes);
  writeHeader(out, spec, info);
  writeVoxels(out, spec.data, type);
  if (!options.gzip) return out;
  return options.deflate ? options.deflate(out, level) : gzipSync(out, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9, mtime: 0 });
}

/** The 348-byte NIfTI-1 header and the 4 extender bytes, into out[0..352). */
function writeHeader(out: Uint8Array, spec: NiftiWriteSpec, info: { code: number; bytes: number }): void {
  const dims = spec.dims;
  const dv = new DataView(out.buffer, out.byteOffset, VOX_OFFSET);
  dv.setInt32(0, 348, true);
  out[38] = 'r'.charCodeAt(0);
  dv.setInt16(40, dims.length, true);
  for (let i = 1; i <= 7; i++) dv.setInt16(40 + 2 * i, dims[i - 1] ?? 1, true);
  dv.setFloat32(56, spec.intentP1 ?? 0, true);
  dv.setFloat32(60, spec.intentP2 ?? 0, true);
  dv.setFloat32(64, spec.intentP3 ?? 0, true);
  dv.setInt16(68, spec.intentCode ?? NIFTI_INTENT.NONE, true);
  dv.setInt16(70, info.code, true);
  dv.setInt16(72, info.bytes * 8, true);

  const q = affineToQuatern(spec.affine);
  const pixdim = [q.qfac, ...(spec.pixdim ?? q.voxelSize)];
  for (let i = 0; i < 8; i++) dv.setFloat32(76 + 4 * i, i < pixdim.length ? pixdim[i] : i <= dims.length ? 1 : 0, true);
  dv.setFloat32(76, q.qfac, true);
  dv.setFloat32(108, VOX_OFFSET, true);
  dv.setFloat32(112, spec.sclSlope ?? 1, true);
  dv.setFloat32(116, spec.sclInter ?? 0, true);
  out[123] = spec.xyztUnits ?? 10;
  writeText(out, 148, 80, spec.descrip);
  dv.setInt16(252, spec.qformCode ?? 4, true);
  dv.setInt16(254, spec.sformCode ?? 4, true);
  dv.setFloat32(256, q.quatern[0], true);
  dv.setFloat32(260, q.quatern[1], true);
  dv.setFloat32(264, q.quatern[2], true);
  dv.setFloat32(268, q.qoffset[0], true);
  dv.setFloat32(272, q.qoffset[1], true);
  dv.setFloat32(276, q.qoffset[2], true);
  for (let i = 0; i < 12; i++) dv.setFloat32(280 + 4 * i, spec.affine[i], true);
  writeText(out, 328, 16, spec.intentName);
  out.set([0x6e, 0x2b, 0x31, 0], 344); // "n+1\0"; extender bytes 348..351 stay 0 (no extensions)
}


function sameType(data: NiftiWriteSpec['data'], type: WritableDatatype): boolean {
  return (
    (type === 'float32' && data instanceof Float32Array) ||
    (type === 'uint8' && data instanceof Uint8Array) ||
    (type === 'int16' && data instanceof Int16Array) ||
    (type === 'int32' && data instanceof Int32Array)
  );
}

function writeVoxels(out: Uint8Array, data: NiftiWriteSpec['data'], type: WritableDatatype): void {
  const n = data.length;
  const body = out.subarray(VOX_OFFSET);
  if (sameType(data, type) && LITTLE) {
    body.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return;
  }
  const dv = new DataView(out.buffer, VOX_OFFSET);
  // Integer types round and clip, like numpy's astype after np.round would.
  const clip = (v: number, lo: number, hi: number) => (Number.isNaN(v) ? 0 : Math.min(hi, Math.max(lo, Math.round(v))));
  for (let i = 0; i < n; i++) {
    const v = data[i];
    switch (type) {
      case 'uint8': out[VOX_OFFSET + i] = clip(v, 0, 255); break;
      case 'int16': dv.setInt16(2 * i, clip(v, -32768, 32767), true); break;
      case 'int32': dv.setInt32(4 * i, clip(v, -2147483648, 2147483647), true); break;
      case 'float32': dv.setFloat32(4 * i, v, true); break;
      case 'float64': dv.setFloat64(8 * i, v, true); break;
    }
  }
}
