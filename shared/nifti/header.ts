import type { NiftiHeader, ReadLimits } from './types';
import type { Mat4 } from '../spaces/types';
import { NiftiError } from './errors';
import { datatypeInfo, type DatatypeInfo } from './datatypes';
import { quaternToAffine } from '../spaces/quaternion';
import { isUsableAffine } from '../spaces/matrix';

export const DEFAULT_MAX_VOXEL_BYTES = 2 * 1024 ** 3;
const GiB = 1024 ** 3;

/** The parsed header plus what the reader needs next. */
export interface ParsedHeader {
  header: NiftiHeader;
  info: DatatypeInfo;
  nVoxels: number;
  voxelBytes: number;
  /** Where the voxels start (in the .nii, or in the .img of a pair). */
  dataOffset: number;
  warnings: string[];
}

function text(bytes: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && bytes[end] !== 0) end++;
  // Invalid UTF-8 becomes U+FFFD; the field never reads past its fixed width.
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(off, end)).split('').map((ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch)).join('').trim();
}

function describeBytes(n: number): string {
  return n >= GiB ? `${(n / GiB).toFixed(1)} GiB` : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${n} bytes`;
}

/**
 * Reads and validates a NIfTI-1 or NIfTI-2 header from the first bytes of a file (already
 * inflated). Every size is checked against `limits` before anyone allocates voxel memory.
 * `fileLength` is the length of the (inflated) file when known, for offset checks.
 */
export function parseHeader(bytes: Uint8Array, name: string, limits: ReadLimits = {}, fileLength?: number): ParsedHeader {
  const warnings: string[] = [];
  if (bytes.length === 0) throw new NiftiError('empty', name, 'the file is empty (0 bytes), so it is not a NIfTI image');
  if (bytes.length < 348) {
    throw new NiftiError('truncated', name, `the file is only ${bytes.length} bytes: truncated header, or not a NIfTI file (a NIfTI header alone is 348 bytes)`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const sizeLE = dv.getInt32(0, true);
  const sizeBE = dv.getInt32(0, false);
  const magic1 = String.fromCharCode(bytes[344], bytes[345], bytes[346]);
  const magic2 = bytes.length >= 8 ? String.fromCharCode(bytes[4], bytes[5], bytes[6]) : '';
  let version: 1 | 2;
  let le: boolean;
  if (sizeLE === 348 || sizeBE === 348) {
    version = 1;
    le = sizeLE === 348;
  } else if (sizeLE === 540 || sizeBE === 540) {
    version = 2;
    le = sizeLE === 540;
  } else if (magic1 === 'n+1' || magic1 === 'ni1' || magic2 === 'n+2' || magic2 === 'ni2') {
    version = magic1 === 'n+1' || magic1 === 'ni1' ? 1 : 2;
    // sizeof_hdr is damaged: take the byte order from dim[0] (1..7), as nibabel and nifti_clib do.
    const d0 = (l: boolean) => (version === 1 ? dv.getInt16(40, l) : Number(dv.getBigInt64(16, l)));
    const okLE = d0(true) >= 1 && d0(true) <= 7;
    const okBE = d0(false) >= 1 && d0(false) <= 7;
    if (!okLE && !okBE) throw new NiftiError('bad-dimension', name, `bad header: sizeof_hdr is ${sizeLE} and dim[0] is ${d0(true)} (the number of dimensions must be 1 to 7)`);
    le = okLE;
    warnings.push(`header field sizeof_hdr is ${le ? sizeLE : sizeBE}, not ${version === 1 ? 348 : 540}; read the header anyway`);
  } else {
    throw new NiftiError('not-nifti', name, 'not a NIfTI file (no NIfTI header size or magic found)');
  }
  if (version === 2 && bytes.length < 540) {
    throw new NiftiError('truncated', name, `the file is only ${bytes.length} bytes: truncated NIfTI-2 header (540 bytes)`);
  }
  const i16 = (o: number) => dv.getInt16(o, le);
  const i32 = (o: number) => dv.getInt32(o, le);
  const f32 = (o: number) => dv.getFloat32(o, le);
  const f64 = (o: number) => dv.getFloat64(o, le);
  const i64 = (o: number, field: string) => {
    const v = dv.getBigInt64(o, le);
    if (v > 2n ** 53n || v < -(2n ** 53n)) {
      throw new NiftiError('too-large', name, `${field} is ${v}, too large to be a real image size (above 2^53)`);
    }
    return Number(v);
  };

  const magic = version === 1 ? magic1 : magic2;
  const magicOk = version === 1 ? magic === 'n+1' || magic === 'ni1' : magic === 'n+2' || magic === 'ni2';
  if (!magicOk) {
    throw new NiftiError('not-nifti', name, 'not a NIfTI file: the header has no NIfTI magic (n+1/ni1); it may be an Analyze 7.5 file, which is not supported (convert it with nibabel or FSL)');
  }

  const dimAt = (i: number) => (version === 1 ? i16(40 + 2 * i) : i64(16 + 8 * i, `dim[${i}]`));
  const dim0 = dimAt(0);
  if (!(dim0 >= 1 && dim0 <= 7)) {
    // The byte order came from sizeof_hdr; a dim[0] that only makes sense the other way means a damaged header.
    const other = version === 1 ? dv.getInt16(40, !le) : Number(dv.getBigInt64(16, !le));
    if (other >= 1 && other <= 7) {
      throw new NiftiError('bad-header', name, `damaged header: mixed byte order (sizeof_hdr is ${le ? 'little' : 'big'}-endian but dim[0] is ${le ? 'big' : 'little'}-endian)`);
    }
    throw new NiftiError('bad-dimension', name, `bad dimension count: dim[0] is ${dim0} (must be 1 to 7)`);
  }
  const dims: number[] = [];
  for (let i = 1; i <= dim0; i++) {
    const d = dimAt(i);
    if (d < 0) throw new NiftiError('bad-dimension', name, `bad dimension: dim[${i}] is ${d} (dimensions must be positive)`);
    if (d === 0) throw new NiftiError('bad-dimension', name, `the image is empty: dim[${i}] is 0 (every dimension must be at least 1)`);
    dims.push(d);
  }
  const datatype = version === 1 ? i16(70) : i16(12);
  const bitpix = version === 1 ? i16(72) : i16(14);
  const info = datatypeInfo(datatype);
  if (!info) throw new NiftiError('unsupported-datatype', name, `unsupported datatype code ${datatype} (not a NIfTI datatype)`);
  if (info.unsupported) throw new NiftiError('unsupported-datatype', name, `unsupported datatype ${info.name} (code ${datatype}): ${info.unsupported}`);
  if (bitpix !== info.bytes * 8) warnings.push(`header bitpix is ${bitpix} but datatype ${info.name} has ${info.bytes * 8} bits; using the datatype`);

  const maxVoxelBytes = limits.maxVoxelBytes ?? DEFAULT_MAX_VOXEL_BYTES;
  // Plain float64 arithmetic: no 32-bit wrapping, and dims are already below 2^53.
  let nVoxels = 1;
  for (const d of dims) nVoxels *= d;
  const voxelBytes = nVoxels * info.bytes;
  // Also cap the Float32 copy we will make of it.
  // The float32 copy we keep counts too: a 1 GiB uint8 volume needs 4 GiB as float32.
  const memoryBytes = Math.max(voxelBytes, nVoxels * 4);
  if (memoryBytes > maxVoxelBytes || !Number.isSafeInteger(voxelBytes)) {
    throw new NiftiError('too-large', name, `the image is too large: ${dims.join('x')} ${info.name} = ${describeBytes(voxelBytes)} of voxels (size from the header; ${describeBytes(nVoxels * 4)} as float32), above the ${describeBytes(maxVoxelBytes)} limit`);
  }

  const rawOffset = version === 1 ? f32(108) : i64(168, 'vox_offset');
  const single = magic === 'n+1' || magic === 'n+2';
  const headerSize = version === 1 ? 348 : 540;
  let dataOffset: number;
  if (!Number.isFinite(rawOffset)) throw new NiftiError('bad-offset', name, `bad voxel data offset: vox_offset is ${rawOffset}`);
  if (rawOffset < 0) throw new NiftiError('bad-offset', name, `bad voxel data offset: vox_offset is ${rawOffset} (negative offsets are an Analyze-7 convention, invalid in NIfTI)`);
  dataOffset = Math.floor(rawOffset);
  if (single && dataOffset === 0) {
    dataOffset = headerSize + 4;
    warnings.push(`vox_offset is 0 in a single-file NIfTI; reading the voxels from byte ${dataOffset}, just after the header`);
  } else if (single && dataOffset < headerSize) {
    throw new NiftiError('bad-offset', name, `bad voxel data offset: vox_offset ${dataOffset} lies inside the ${headerSize}-byte header`);
  }
  const maxInflated = limits.maxInflatedBytes ?? maxVoxelBytes + 1024 ** 2;
  if (single && dataOffset > maxInflated) {
    throw new NiftiError('bad-offset', name, `bad voxel data offset: vox_offset ${dataOffset} is past any plausible end of the file`);
  }
  if (single && fileLength !== undefined && dataOffset > fileLength) {
    throw new NiftiError('bad-offset', name, `bad voxel data offset: vox_offset ${dataOffset} is past the end of the file (${fileLength} bytes)`);
  }

  const pixdim: number[] = [];
  for (let i = 1; i <= dim0; i++) pixdim.push(version === 1 ? f32(76 + 4 * i) : f64(104 + 8 * i));
  const rawQfac = version === 1 ? f32(76) : f64(104);
  const qfac = rawQfac < 0 ? -1 : 1;
  const sclSlope = version === 1 ? f32(112) : f64(176);
  const sclInter = version === 1 ? f32(116) : f64(184);
  const qformCode = version === 1 ? i16(252) : i32(344);
  const sformCode = version === 1 ? i16(254) : i32(348);
  const quatern: [number, number, number] = version === 1 ? [f32(256), f32(260), f32(264)] : [f64(352), f64(360), f64(368)];
  const qoffset: [number, number, number] = version === 1 ? [f32(268), f32(272), f32(276)] : [f64(376), f64(384), f64(392)];
  const srow: number[] = [];
  for (let i = 0; i < 12; i++) srow.push(version === 1 ? f32(280 + 4 * i) : f64(400 + 8 * i));
  const sform: Mat4 | null = sformCode > 0 && isUsableAffine([...srow, 0, 0, 0, 1]) ? [...srow, 0, 0, 0, 1] : null;
  let qform: Mat4 | null = null;
  if (qformCode > 0) {
    const q = quaternToAffine(quatern, qoffset, [pixdim[0] ?? 1, pixdim[1] ?? 1, pixdim[2] ?? 1], qfac);
    qform = isUsableAffine(q.affine) ? q.affine : null;
  }

  const header: NiftiHeader = {
    version,
    littleEndian: le,
    dims,
    pixdim,
    qfac,
    datatype,
    datatypeName: info.name,
    bitpix,
    voxOffset: dataOffset,
    sclSlope,
    sclInter,
    calMin: version === 1 ? f32(128) : f64(200),
    calMax: version === 1 ? f32(124) : f64(192),
    qformCode,
    sformCode,
    qform,
    sform,
    intentCode: version === 1 ? i16(68) : i32(504),
    intentName: version === 1 ? text(bytes, 328, 16) : text(bytes, 508, 16),
    intentP1: version === 1 ? f32(56) : f64(80),
    intentP2: version === 1 ? f32(60) : f64(88),
    intentP3: version === 1 ? f32(64) : f64(96),
    descrip: version === 1 ? text(bytes, 148, 80) : text(bytes, 240, 80),
    auxFile: version === 1 ? text(bytes, 228, 24) : text(bytes, 320, 24),
    xyztUnits: version === 1 ? bytes[123] : i32(500),
    quatern,
    qoffset,
    magic,
    dimInfo: version === 1 ? bytes[39] : bytes[524],
  };
  return { header, info, nVoxels, voxelBytes, dataOffset, warnings };
}

/** Scaling as nibabel applies it: none when the slope is 0, NaN or infinite; a valid slope needs a finite intercept. */
export function scalingOf(h: NiftiHeader, name: string): { slope: number; inter: number } | null {
  const s = h.sclSlope;
  if (s === 0 || !Number.isFinite(s)) return null;
  if (!Number.isFinite(h.sclInter)) {
    throw new NiftiError('bad-scaling', name, `invalid intensity scaling: scl_slope is ${s} but the intercept scl_inter is ${h.sclInter}`);
  }
  if (s === 1 && h.sclInter === 0) return null;
  return { slope: s, inter: h.sclInter };
}
