// The two inflation hazards of issue #10 item 4, built in memory. Both are cheap to build and
// small on disk but inflate to 256 MiB: the stream is made of gzip members of 1 MiB of zeros
// (each compressed once, then repeated), which every reader must accept as one file.
import { gzipSync } from 'node:zlib';
import { writeNifti } from '../../../shared/nifti/index';

const MiB = 1024 ** 2;

/** The 64 voxel values of the hazard images: 0.5, 1.5, ... 63.5. */
export const VOXELS = Float32Array.from({ length: 64 }, (_, i) => i + 0.5);

function tinyNifti(): Uint8Array {
  return writeNifti({ dims: [4, 4, 4], affine: [2, 0, 0, -4, 0, 2, 0, -4, 0, 0, 2, -4, 0, 0, 0, 1], data: VOXELS });
}

function setVoxOffset(header: Uint8Array, offset: number): void {
  new DataView(header.buffer, header.byteOffset, header.length).setFloat32(108, offset, true);
}

function zeroMembers(count: number): Uint8Array[] {
  const member = gzipSync(new Uint8Array(MiB), { level: 9 });
  return Array.from({ length: count }, () => member);
}

/**
 * A 64-voxel .nii.gz whose voxels start `gapMiB` MiB in: header, zeros up to vox_offset, voxels.
 * With 256 it is the case; with a gap under the cap it must still read.
 */
export function gapNiiGz(gapMiB: number): Uint8Array {
  const plain = tinyNifti();
  const header = plain.slice(0, 352);
  const offset = gapMiB * MiB;
  setVoxOffset(header, offset);
  const whole = Math.floor((offset - 352) / MiB);
  const first = new Uint8Array(offset - 352 - whole * MiB + 352);
  first.set(header);
  return new Uint8Array(Buffer.concat([gzipSync(first), ...zeroMembers(whole), gzipSync(plain.subarray(352))]));
}

/** A NIfTI-1 pair: a .hdr with vox_offset 1e30 and a .img.gz of 256 MiB of zeros (256 KiB on disk). */
export function hugeOffsetPair(): { hdr: Uint8Array; imgGz: Uint8Array } {
  const hdr = tinyNifti().slice(0, 348);
  hdr.set([0x6e, 0x69, 0x31, 0], 344); // magic "ni1": header of a .hdr/.img pair
  setVoxOffset(hdr, 1e30);
  return { hdr, imgGz: new Uint8Array(Buffer.concat(zeroMembers(256))) };
}

/** An inflate hook (Node's zlib stand-in) that records the caps it was asked for. */
export function recordingInflate(inflate: (gz: Uint8Array, max: number) => Uint8Array): { calls: number[]; inflate: (gz: Uint8Array, max: number) => Uint8Array } {
  const calls: number[] = [];
  return {
    calls,
    inflate: (gz, max) => {
      calls.push(max);
      return inflate(gz, max);
    },
  };
}
