// Issue #10 item 4 through the CLI's reader (Node's zlib as the inflater): the same caps apply,
// and the message names the file. Before the cap gap.nii.gz read after inflating 256 MiB.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNiftiFile } from '../../electron/cli/io';
import { gapNiiGz, hugeOffsetPair, VOXELS } from '../unit/nifti/inflateBombs';

const dir = mkdtempSync(join(tmpdir(), 'cs-inflate-caps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI reader inflation caps', () => {
  it('refuses a .nii.gz with a 256 MiB gap and a .hdr/.img.gz pair with vox_offset 1e30', async () => {
    writeFileSync(join(dir, 'gap.nii.gz'), gapNiiGz(256));
    await expect(readNiftiFile(join(dir, 'gap.nii.gz'))).rejects.toThrow(/^gap\.nii\.gz: bad voxel data offset: vox_offset 268435456 would put 256 MiB between the header and the voxels/);
    const { hdr, imgGz } = hugeOffsetPair();
    writeFileSync(join(dir, 'pair.hdr'), hdr);
    writeFileSync(join(dir, 'pair.img.gz'), imgGz);
    await expect(readNiftiFile(join(dir, 'pair.hdr'))).rejects.toThrow(/^pair\.hdr: bad voxel data offset: vox_offset 1\.000e\+30 would put .* before the voxels in the compressed \.img/);
  });

  it('still reads a gap under the cap', async () => {
    writeFileSync(join(dir, 'half.nii.gz'), gapNiiGz(0.5));
    expect(Array.from((await readNiftiFile(join(dir, 'half.nii.gz'))).data)).toEqual(Array.from(VOXELS));
  });
});
