// Issue #10 item 4: a compressed file is inflated only as far as its header needs (at most 1 MiB
// between header and voxels). Before the cap, the .nii.gz below read after inflating 256 MiB and
// the pair inflated its whole .img.gz before saying the offset was past its end.
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { readNifti, readNiftiPair, niftiSizeFromHeader, NiftiError } from '../../../shared/nifti/index';
import { inflatePrefix } from '../../../shared/nifti/gzip';
import { gapNiiGz, hugeOffsetPair, recordingInflate, VOXELS } from './inflateBombs';

const zlib = (gz: Uint8Array, max: number) => gunzipSync(gz, { maxOutputLength: max });

function failure(read: () => unknown): NiftiError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(NiftiError);
    return e as NiftiError;
  }
  throw new Error('expected the read to be refused');
}

describe('inflation caps (.nii.gz and .hdr + .img.gz)', () => {
  it('a 64-voxel .nii.gz with vox_offset 256 MiB is refused from its header, before the gap is inflated', () => {
    const gz = gapNiiGz(256);
    expect(gz.length).toBeLessThan(400 * 1024);
    const err = failure(() => readNifti(gz, 'gap.nii.gz'));
    expect(err.code).toBe('bad-offset');
    expect(err.message).toBe('gap.nii.gz: bad voxel data offset: vox_offset 268435456 would put 256 MiB between the header and the voxels of this compressed file (at most 1 MiB is allowed); the header is damaged');
    // Node's inflater (the CLI) is never even asked.
    const hook = recordingInflate(zlib);
    expect(failure(() => readNifti(gz, 'gap.nii.gz', { inflate: hook.inflate })).message).toBe(err.message);
    expect(hook.calls).toEqual([]);
    // The fast reader sizes its buffer with niftiSizeFromHeader: same refusal, nothing allocated.
    expect(failure(() => niftiSizeFromHeader(inflatePrefix(gz, 544, 'gap.nii.gz').data, 'gap.nii.gz')).message).toBe(err.message);
  });

  it('a gap under the cap still reads its 64 voxels, and zlib is capped at header + gap + voxels (+1 MiB slack)', () => {
    const gz = gapNiiGz(0.5);
    const hook = recordingInflate(zlib);
    for (const options of [{}, { inflate: hook.inflate }]) {
      const img = readNifti(gz, 'half.nii.gz', options);
      expect(img.header.voxOffset).toBe(512 * 1024);
      expect(Array.from(img.data)).toEqual(Array.from(VOXELS));
    }
    expect(hook.calls).toEqual([512 * 1024 + 64 * 4 + 1024 ** 2]);
    // A custom cap is honoured.
    expect(failure(() => readNifti(gz, 'half.nii.gz', { limits: { maxHeaderGapBytes: 1000 } })).message).toMatch(/^half\.nii\.gz: bad voxel data offset: vox_offset 524288 .*at most 1000 bytes/);
  });

  it('a .hdr with vox_offset 1e30 beside a 256 MiB .img.gz is refused before the .img.gz is inflated', () => {
    const { hdr, imgGz } = hugeOffsetPair();
    expect(imgGz.length).toBeLessThan(400 * 1024);
    const hook = recordingInflate(zlib);
    const t0 = performance.now();
    for (const options of [{}, { inflate: hook.inflate }]) {
      const err = failure(() => readNiftiPair(hdr, imgGz, 'pair.hdr', options));
      expect(err.code).toBe('bad-offset');
      expect(err.message).toBe('pair.hdr: bad voxel data offset: vox_offset 1.000e+30 would put 1.00e+30 bytes before the voxels in the compressed .img (at most 1 MiB is allowed); the header is damaged');
    }
    expect(hook.calls).toEqual([]);
    // Inflating 256 MiB through fflate takes seconds here; refusing from the header takes none.
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('an uncompressed pair keeps its offset check (nothing is inflated, the file length decides)', () => {
    const { hdr } = hugeOffsetPair();
    expect(failure(() => readNiftiPair(hdr, new Uint8Array(256), 'pair.hdr')).message).toMatch(/^pair\.hdr: bad voxel data offset: .*past the end of the \.img file \(256 bytes\)/);
  });
});
