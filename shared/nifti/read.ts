import type { NiftiHeader, NiftiImage, ReadLimits } from './types';
import type { Grid } from '../spaces/types';
import { NiftiError } from './errors';
import { parseHeader, scalingOf, type ParsedHeader } from './header';
import { decodeVoxels, countNonFinite } from './decode';
import { gzipError, inflatePrefix, isGzip, isTooLargeError, type InflateHook } from './gzip';
import { affineFromHeader } from '../spaces/affine';

export interface ReadOptions {
  limits?: ReadLimits;
  /** A faster inflater (Node's zlib in the CLI); fflate's streaming Gunzip is used otherwise. */
  inflate?: InflateHook;
  /**
   * Supplies the Float32Array (exactly nVoxels long) that decoded voxels are written into, e.g. a
   * reused buffer: fresh memory costs a page fault per 4 KiB on first write.
   */
  output?: (nVoxels: number) => Float32Array;
}

// Enough inflated bytes for a NIfTI-2 header; the body is only inflated once the header is validated.
const HEADER_PEEK = 1024;

function peekHeader(bytes: Uint8Array, name: string, options: ReadOptions): { parsed: ParsedHeader; gz: boolean; warnings: string[] } {
  const warnings: string[] = [];
  if (isGzip(bytes)) {
    const peek = inflatePrefix(bytes, HEADER_PEEK, name);
    const parsed = parseHeader(peek.data, name, options.limits, peek.complete ? peek.total : undefined);
    return { parsed, gz: true, warnings };
  }
  if (/\.gz$/i.test(name)) warnings.push('the file is named .gz but is not gzip-compressed (not gzip); read as an uncompressed NIfTI');
  return { parsed: parseHeader(bytes, name, options.limits, bytes.length), gz: false, warnings };
}

/** Room for extensions (AFNI, CIFTI XML...) between header and voxels in a compressed file. */
export const DEFAULT_MAX_HEADER_GAP = 1024 ** 2;

/**
 * The bytes to inflate for a compressed file: header (single file) + gap + voxels, refusing a gap
 * larger than the cap before anything is inflated. Without it a 64-voxel .nii.gz with vox_offset
 * 256 MiB, or a .img.gz beside a .hdr with vox_offset 1e30, inflated hundreds of MiB first.
 * `inImg`: the offset counts from the start of a pair's .img (no header in front of it).
 */
function inflateNeed(p: ParsedHeader, name: string, limits: ReadOptions['limits'], inImg: boolean): number {
  const maxGap = limits?.maxHeaderGapBytes ?? DEFAULT_MAX_HEADER_GAP;
  const headerEnd = inImg ? 0 : p.header.version === 2 ? 544 : 352;
  const gap = p.dataOffset - headerEnd;
  if (gap > maxGap) {
    const where = inImg ? 'before the voxels in the compressed .img' : 'between the header and the voxels of this compressed file';
    throw new NiftiError('bad-offset', name, `bad voxel data offset: vox_offset ${p.dataOffset < 1e15 ? p.dataOffset : p.dataOffset.toExponential(3)} would put ${describeGap(gap)} ${where} (at most ${describeGap(maxGap)} is allowed); the header is damaged`);
  }
  return p.dataOffset + p.voxelBytes;
}

function describeGap(n: number): string {
  if (n >= 1024 ** 2 && n < 1024 ** 5) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  return n < 1024 ** 2 ? `${n} bytes` : `${n.toExponential(2)} bytes`;
}

/** Inflates just the bytes the header asked for (header + voxels), with a hard cap. */
function inflateBody(gz: Uint8Array, need: number, name: string, hook?: InflateHook): Uint8Array {
  if (hook) {
    try {
      // A little slack for trailing padding; a file with much more is read by the streaming path instead.
      return hook(gz, need + 1024 * 1024);
    } catch (err) {
      if (!isTooLargeError(err)) throw gzipError(err, name);
    }
  }
  return inflatePrefix(gz, need, name).data;
}

function checkVoxelBytes(p: ParsedHeader, available: number, name: string, what: string): void {
  if (p.dataOffset > available) {
    throw new NiftiError('bad-offset', name, `bad voxel data offset: vox_offset ${p.dataOffset} is past the end of the ${what} (${available} bytes)`);
  }
  const have = available - p.dataOffset;
  if (have < p.voxelBytes) {
    throw new NiftiError('truncated', name, `the ${what} is truncated: expected ${p.voxelBytes} bytes of voxels (${p.header.dims.join('x')} ${p.info.name}) but only ${have} bytes follow the offset ${p.dataOffset}`);
  }
}

function refusePairHeader(p: ParsedHeader, name: string): void {
  if (p.header.magic === 'ni1' || p.header.magic === 'ni2') {
    throw new NiftiError('missing-pair', name, 'this is the header of a NIfTI pair (.hdr/.img): the matching .img file is missing; open the .hdr with its .img next to it');
  }
}

/** `inflated`: `data` was inflated here (nobody else holds it), so the voxels may stay in it. */
function finish(name: string, p: ParsedHeader, data: Uint8Array, warnings: string[], inflated: boolean, output?: ReadOptions['output']): NiftiImage {
  const h = p.header;
  const scaling = scalingOf(h, name);
  const values = decodeVoxels(data.subarray(p.dataOffset), p.info, p.nVoxels, h.littleEndian, scaling, inflated, output);
  if (values.length !== p.nVoxels) throw new RangeError(`${name}: the output array holds ${values.length} values, not ${p.nVoxels}`);
  const { affine, source, warnings: affineWarnings } = affineFromHeader(h);
  const all = [...warnings, ...p.warnings, ...affineWarnings];
  const bad = countNonFinite(values);
  if (bad.nan > 0 || bad.inf > 0) {
    const parts = [bad.nan > 0 ? `${bad.nan} NaN` : '', bad.inf > 0 ? `${bad.inf} infinite` : ''].filter(Boolean);
    all.push(`contains ${parts.join(' and ')} voxels (left out of ranges and statistics)`);
  }
  const grid: Grid = { dims: [h.dims[0] ?? 1, h.dims[1] ?? 1, h.dims[2] ?? 1], affine };
  let nFrames = 1;
  for (let i = 3; i < h.dims.length; i++) nFrames *= h.dims[i];
  return { name, header: h, grid, affineSource: source, nFrames, data: values, warnings: all };
}

/** Reads a .nii or .nii.gz (NIfTI-1 or -2, either byte order). Throws NiftiError for anything unreadable. */
export function readNifti(bytes: Uint8Array, name: string, options: ReadOptions = {}): NiftiImage {
  const { parsed, gz, warnings } = peekHeader(bytes, name, options);
  refusePairHeader(parsed, name);
  const data = gz ? inflateBody(bytes, inflateNeed(parsed, name, options.limits, false), name, options.inflate) : bytes;
  checkVoxelBytes(parsed, data.length, name, 'file');
  return finish(name, parsed, data, warnings, gz, options.output);
}

/**
 * Header + voxel bytes a file declares, from its first bytes (inflated, at least 348; 544 covers
 * NIfTI-2). Lets a caller with its own inflater allocate exactly once; throws NiftiError like readNifti.
 */
export function niftiSizeFromHeader(head: Uint8Array, name: string, options: ReadOptions = {}): number {
  const parsed = parseHeader(head, name, options.limits);
  // The caller allocates this much and inflates into it: the same gap cap as readNifti's .gz path.
  return inflateNeed(parsed, name, options.limits, false);
}

/**
 * Reads a .nii.gz the caller has already inflated (the browser's native gzip): `inflated` holds at
 * least header + voxels and belongs to the reader, so float32 voxels stay in it (no copy).
 */
export function readNiftiInflated(inflated: Uint8Array, name: string, options: ReadOptions = {}): NiftiImage {
  const parsed = parseHeader(inflated, name, options.limits);
  refusePairHeader(parsed, name);
  checkVoxelBytes(parsed, inflated.length, name, 'file');
  return finish(name, parsed, inflated, [], true, options.output);
}

/** Reads a NIfTI-1/2 pair: the header bytes of the .hdr and the voxel bytes of the .img (either may be gzipped). */
export function readNiftiPair(hdrBytes: Uint8Array, imgBytes: Uint8Array, name: string, options: ReadOptions = {}): NiftiImage {
  const { parsed, warnings } = peekHeader(hdrBytes, name, options);
  const gz = isGzip(imgBytes);
  const img = gz ? inflateBody(imgBytes, inflateNeed(parsed, name, options.limits, true), name, options.inflate) : imgBytes;
  checkVoxelBytes(parsed, img.length, name, '.img file');
  return finish(name, parsed, img, warnings, gz, options.output);
}

/** Only the header (cheap: a .gz is inflated just far enough). */
export function readNiftiHeader(bytes: Uint8Array, name: string, options: ReadOptions = {}): NiftiHeader {
  return peekHeader(bytes, name, options).parsed.header;
}

/** One 3D frame of a 4D image, as a view (no copy). */
export function frameOf(img: NiftiImage, t: number): Float32Array {
  const n = img.grid.dims[0] * img.grid.dims[1] * img.grid.dims[2];
  if (!Number.isInteger(t) || t < 0 || t >= img.nFrames) {
    throw new RangeError(`${img.name}: frame ${t} does not exist (the image has ${img.nFrames} frame${img.nFrames === 1 ? '' : 's'})`);
  }
  return img.data.subarray(t * n, (t + 1) * n);
}
