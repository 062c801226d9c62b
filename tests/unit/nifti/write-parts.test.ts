import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { gzipSync as fflateGzip } from 'fflate';
import { readNifti, writeNifti, type NiftiWriteSpec } from '../../../shared/nifti/index';
import { nodeGzipParts, nodeInflate } from '../../../electron/cli/io';

const dims = [7, 6, 5];
const data = Float32Array.from({ length: 210 }, (_, n) => (n % 17) * 0.25 - 2);
const spec: NiftiWriteSpec = { dims, affine: [2, 0, 0, -7, 0, 2, 0, -6, 0, 0, 2, -5, 0, 0, 0, 1], data, descrip: 'parts' };

describe('writeNifti with deflateParts', () => {
  it('hands over the 352-byte header and a view of the voxels (no copy)', () => {
    let seen: Uint8Array[] = [];
    writeNifti(spec, {
      gzip: true,
      level: 1,
      deflateParts: (parts) => {
        seen = parts;
        return fflateGzip(new Uint8Array(0));
      },
    });
    expect(seen.map((p) => p.length)).toEqual([352, 210 * 4]);
    expect(seen[1].buffer).toBe(data.buffer);
    expect(Array.from(seen[0].subarray(344, 348))).toEqual([0x6e, 0x2b, 0x31, 0]);
  });

  it('nodeGzipParts: one gzip member whose content is byte-identical to the plain file, at levels 1, 6, 9', () => {
    const plain = writeNifti(spec);
    for (const level of [1, 6, 9]) {
      const gz = writeNifti(spec, { gzip: true, level, deflateParts: nodeGzipParts });
      expect(Buffer.compare(gunzipSync(gz), Buffer.from(plain))).toBe(0);
      // Read back through both inflaters (fflate streaming, with its CRC check, and Node's zlib).
      for (const inflate of [undefined, nodeInflate]) {
        const img = readNifti(gz, 'parts.nii.gz', { inflate });
        expect(Array.from(img.data)).toEqual(Array.from(data));
      }
    }
    expect(gunzipSync(nodeGzipParts([], 1)).length).toBe(0);
    expect(gunzipSync(nodeGzipParts([Uint8Array.of(1, 2), Uint8Array.of(), Uint8Array.of(3)], 6))).toEqual(Buffer.from([1, 2, 3]));
  });

  it('an int16 map (converted, not viewed) still goes through the one-buffer path', () => {
    const gz = writeNifti({ ...spec, datatype: 'int16' }, { gzip: true, level: 1, deflate: (raw) => fflateGzip(raw), deflateParts: () => { throw new Error('not for converted data'); } });
    expect(readNifti(gz, 'i16.nii.gz').data[5]).toBe(Math.round(data[5]));
  });
});

describe('reading a gzipped float32 map', () => {
  it('keeps the voxels in the inflated buffer (a view past the header), with the right values', () => {
    const gz = writeNifti(spec, { gzip: true, level: 1, deflateParts: nodeGzipParts });
    const img = readNifti(gz, 'v.nii.gz', { inflate: nodeInflate });
    expect(img.data.byteOffset).toBe(352);
    expect(img.data.length).toBe(210);
    expect(img.data[209]).toBe(data[209]);
    // An uncompressed file's bytes belong to the caller: copied, never viewed.
    const plain = writeNifti(spec);
    const fromPlain = readNifti(plain, 'v.nii');
    expect(fromPlain.data.buffer).not.toBe(plain.buffer);
    plain[352] ^= 0xff;
    expect(fromPlain.data[0]).toBe(data[0]);
  });
});
