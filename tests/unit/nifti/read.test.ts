// Real files from ../shared/data/real, checked against numbers nibabel 5 printed for them
// (img.shape, img.affine, np.asarray(img.get_fdata()).ravel(order='F')[idx], nanmin/nanmax/sum).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { gzipSync } from 'node:zlib';
import { writeNifti, readNifti, readNiftiHeader, readNiftiPair, readNiftiInflated, niftiSizeFromHeader, frameOf, NiftiError, type NiftiImage } from '../../../shared/nifti/index';
import { haveRealData, missingRealData, REAL } from './corpus';
import { needs } from '../../fixtures/references';

const zlib = { inflate: (gz: Uint8Array, max: number) => gunzipSync(gz, { maxOutputLength: max }) };

function read(rel: string, withZlib = false): NiftiImage {
  return readNifti(new Uint8Array(readFileSync(`${REAL}/${rel}`)), rel.split('/').pop()!, withZlib ? zlib : {});
}

function stats(d: Float32Array): { min: number; max: number; sum: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of d) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, sum };
}

function rows(img: NiftiImage): number[][] {
  const a = img.grid.affine;
  return [0, 1, 2, 3].map((r) => a.slice(r * 4, r * 4 + 4));
}

describe('readNifti on real files (../shared/data/real)', needs(missingRealData), () => {
  it('spmT_0001.nii.gz: SPM t map, 1.5 mm LAS, same through fflate and zlib', () => {
    for (const withZlib of [false, true]) {
      const img = read('bold-stats/spmT_0001.nii.gz', withZlib);
      expect(img.header.dims).toEqual([121, 145, 121]);
      expect(img.header.datatypeName).toBe('float32');
      expect(img.affineSource).toBe('sform');
      expect(rows(img)).toEqual([[-1.5, 0, 0, 90], [0, 1.5, 0, -126], [0, 0, 1.5, -72], [0, 0, 0, 1]]);
      expect(img.data[707648]).toBeCloseTo(0.7107100486755371, 7);
      const s = stats(img.data);
      expect(s.min).toBeCloseTo(-3.716078042984009, 6);
      expect(s.max).toBeCloseTo(5.422496795654297, 6);
      expect(s.sum).toBeCloseTo(161276.36344965396, 1);
      expect(img.header.descrip).toBe('SPM{T_[1066.0]} - contrast 1: AA-GG');
      expect(img.nFrames).toBe(1);
    }
  });

  it('anatomical.nii: big-endian int16 is byte-swapped', () => {
    const img = read('edge-cases/anatomical.nii');
    expect(img.header.littleEndian).toBe(false);
    expect(img.header.dims).toEqual([33, 41, 25]);
    expect([0, 1, 11275, 16912, 33824].map((i) => img.data[i])).toEqual([10712, 10463, 11347, 11881, 2971]);
    const s = stats(img.data);
    expect([s.min, s.max, s.sum]).toEqual([-610, 30393, 284166082]);
    expect(rows(img)[0]).toEqual([-2, 0, 0, 32]);
  });

  it('example_nifti2.nii.gz: NIfTI-2, 4D int16', () => {
    const img = read('edge-cases/example_nifti2.nii.gz');
    expect(img.header.version).toBe(2);
    expect(img.header.dims).toEqual([32, 20, 12, 2]);
    expect(img.nFrames).toBe(2);
    expect([0, 1, 5120, 7680, 15359].map((i) => img.data[i])).toEqual([424, 428, 500, 439, 457]);
    const s = stats(img.data);
    expect([s.min, s.max, s.sum]).toEqual([46, 757, 6926802]);
    expect(rows(img)[1][1]).toBeCloseTo(1.9737114906311035, 12);
    expect(rows(img)[1][2]).toBeCloseTo(-0.35552823543548584, 12);
  });

  it('functional.nii: scl_slope and scl_inter are applied', () => {
    const img = read('edge-cases/functional.nii');
    expect(img.header.sclSlope).toBeCloseTo(0.07540696859359741, 12);
    expect(img.header.sclInter).toBe(3100.76171875);
    expect(img.header.dims).toEqual([17, 21, 3, 20]);
    // raw 11980 * slope + inter = 4004.137...
    expect(img.data[0]).toBeCloseTo(4004.137202501297, 3);
    expect(img.data[1]).toBeCloseTo(4143.715501368046, 3);
    expect(img.data[21419]).toBeCloseTo(3129.3409598469734, 3);
    expect(stats(img.data).max).toBeCloseTo(5571.621858656406, 2);
  });

  it('example4d.nii.gz: frames are views of the right part', () => {
    const img = read('edge-cases/example4d.nii.gz');
    expect(img.header.dims).toEqual([128, 96, 24, 2]);
    const f0 = frameOf(img, 0);
    const f1 = frameOf(img, 1);
    expect(f1.length).toBe(128 * 96 * 24);
    expect(f1.buffer).toBe(img.data.buffer);
    expect(stats(f0).sum).toBe(50994397);
    expect(stats(f1).sum).toBe(50990959);
    expect(f1[64 + 128 * (48 + 96 * 12)]).toBe(266);
    expect(() => frameOf(img, 2)).toThrow(/frame 2 does not exist/);
  });

  it('AIL.nii.gz: sform only (qform_code 0), axes A-I-L', () => {
    const img = read('edge-cases/AIL.nii.gz');
    expect(img.header.qformCode).toBe(0);
    expect(img.affineSource).toBe('sform');
    const r = rows(img);
    expect(r[0][2]).toBeCloseTo(-2.3852322101593018, 12);
    expect(r[1][0]).toBeCloseTo(2.389753818511963, 12);
    expect(r[2][1]).toBeCloseTo(-2.3664863109588623, 12);
    expect(r[0][3]).toBeCloseTo(74.50709533691406, 10);
    expect(img.data[112917]).toBeCloseTo(76.22084498405457, 4);
    expect(img.warnings.join(' ')).toMatch(/not marked as a standard \(MNI\/Talairach\) space/);
  });

  it('minimal.nii.gz: no orientation at all -> pixdim affine per the NIfTI spec (method 1), with a warning', () => {
    const img = read('edge-cases/minimal.nii.gz');
    expect(img.affineSource).toBe('pixdim');
    // nibabel centres and flips x here ([-3,0,0,94.5]...); the spec says x = pixdim[1]*i.
    expect(rows(img)).toEqual([[3, 0, 0, 0], [0, 3, 0, 0], [0, 0, 3, 0], [0, 0, 0, 1]]);
    expect(img.warnings.join(' ')).toMatch(/no usable sform or qform/);
    expect(stats(img.data)).toEqual({ min: 0, max: 63, sum: 1290240 });
  });

  it('stats.nv_demo_mskd.nii.gz: 4D float32 [77,92,77,2], per-frame ranges', () => {
    const img = read('bold-stats/stats.nv_demo_mskd.nii.gz', true);
    expect(img.header.dims).toEqual([77, 92, 77, 2]);
    const f0 = stats(frameOf(img, 0));
    const f1 = stats(frameOf(img, 1));
    expect(f0.min).toBeCloseTo(-14.275067329406738, 6);
    expect(f0.max).toBeCloseTo(6.71881103515625, 6);
    expect(f1.max).toBeCloseTo(18.312196731567383, 6);
    expect(rows(img)[1]).toEqual([0, 2.5, 0, -131.75]);
    expect(img.warnings.join(' ')).not.toMatch(/standard/);
  });

  it('complex and RGB images are refused with the type named', () => {
    expect(() => read('edge-cases/complex.nii.gz')).toThrow(/complex64.*complex images cannot be shown/);
    expect(() => read('edge-cases/ct_perfusion.nii.gz')).toThrow(/rgb24.*RGB/);
    try {
      read('edge-cases/complex.nii.gz');
    } catch (err) {
      expect(err).toBeInstanceOf(NiftiError);
      expect((err as NiftiError).code).toBe('unsupported-datatype');
      expect((err as NiftiError).fileName).toBe('complex.nii.gz');
    }
  });

  it('ras.hdr/.img: a NIfTI-1 pair reads with readNiftiPair; readNiftiHeader needs only the header', () => {
    const hdr = new Uint8Array(readFileSync(`${REAL}/edge-cases/ras.hdr`));
    const img = readNiftiPair(hdr, new Uint8Array(readFileSync(`${REAL}/edge-cases/ras.img`)), 'ras.hdr');
    expect(img.header.dims).toEqual([62, 41, 34]);
    expect(readNiftiHeader(hdr, 'ras.hdr').magic).toBe('ni1');
    expect(() => readNifti(hdr, 'ras.hdr')).toThrow(/\.img file is missing/);
  });
});

describe('readNifti limits', () => {
  it('refuses from the header when voxel bytes exceed a custom cap', () => {
    const spm = haveRealData ? new Uint8Array(readFileSync(`${REAL}/bold-stats/spmT_0001.nii.gz`)) : null;
    if (!spm) return;
    expect(() => readNifti(spm, 'spmT_0001.nii.gz', { limits: { maxVoxelBytes: 1024 ** 2 } })).toThrow(/too large.*8\.1 MiB.*1\.0 MiB limit/);
  });
});

describe('gzip members', () => {
  // bgzip and `cat a.gz b.gz` write several members; each trailer covers only its own member.
  it('a .nii.gz of several gzip members reads whole, and a damaged last member is still caught', () => {
    const data = new Float32Array(10 * 12 * 8).map((_, i) => i * 0.5 - 100);
    const raw = gunzipSync(writeNifti({ dims: [10, 12, 8], affine: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1], data }, { gzip: true }));
    const parts = [raw.subarray(0, 300), raw.subarray(300, 2000), raw.subarray(2000)].map((p) => gzipSync(p));
    const three = new Uint8Array(Buffer.concat(parts));
    const img = readNifti(three, 'three.nii.gz');
    expect(img.grid.dims).toEqual([10, 12, 8]);
    expect(Array.from(img.data)).toEqual(Array.from(data));
    // Node's zlib agrees.
    expect(Array.from(readNifti(three, 'three.nii.gz', zlib).data)).toEqual(Array.from(data));
    const bad = three.slice();
    bad[bad.length - 12] ^= 0xff;
    expect(() => readNifti(bad, 'three.nii.gz')).toThrow(/three\.nii\.gz: .*corrupt/);
  });
});

// The browser worker inflates .nii.gz natively, sizes its buffer from the first bytes, and hands
// the inflated file to readNiftiInflated: it must agree with readNifti to the bit.
describe('readNiftiInflated and niftiSizeFromHeader (pre-inflated files)', needs(missingRealData), () => {
  const files = ['bold-stats/spmT_0001.nii.gz', 'edge-cases/example_nifti2.nii.gz', 'edge-cases/example4d.nii.gz', 'edge-cases/AIL.nii.gz'];
  for (const rel of files) {
    it(`${rel}: same header, grid, voxels and warnings as readNifti`, () => {
      const name = rel.split('/').pop()!;
      const gz = new Uint8Array(readFileSync(`${REAL}/${rel}`));
      const plain = new Uint8Array(gunzipSync(gz));
      const need = niftiSizeFromHeader(plain.subarray(0, 544), name);
      expect(need).toBe(plain.length);
      const viaNative = readNiftiInflated(plain, name);
      const viaReader = readNifti(gz, name);
      expect(viaNative.header).toEqual(viaReader.header);
      expect(viaNative.grid).toEqual(viaReader.grid);
      expect(viaNative.warnings).toEqual(viaReader.warnings);
      expect(Buffer.from(viaNative.data.buffer, viaNative.data.byteOffset, viaNative.data.byteLength).equals(Buffer.from(viaReader.data.buffer, viaReader.data.byteOffset, viaReader.data.byteLength))).toBe(true);
    });
  }

  it('float32 voxels stay in the inflated bytes (no second buffer); scaled ints are decoded', () => {
    const plain = new Uint8Array(gunzipSync(readFileSync(`${REAL}/bold-stats/spmT_0001.nii.gz`)));
    expect(readNiftiInflated(plain, 'spmT_0001.nii.gz').data.buffer).toBe(plain.buffer);
    const ints = new Uint8Array(gunzipSync(readFileSync(`${REAL}/edge-cases/example_nifti2.nii.gz`)));
    expect(readNiftiInflated(ints, 'example_nifti2.nii.gz').data.buffer).not.toBe(ints.buffer);
  });

  it('too few inflated bytes, a bomb header and a pair header are refused with readNifti\'s messages', () => {
    const plain = new Uint8Array(gunzipSync(readFileSync(`${REAL}/bold-stats/spmT_0001.nii.gz`)));
    expect(() => readNiftiInflated(plain.subarray(0, 100_000), 'spmT_0001.nii.gz')).toThrow(/spmT_0001\.nii\.gz.*truncated.*expected 8491780 bytes/);
    expect(() => niftiSizeFromHeader(plain.subarray(0, 200), 'x.nii.gz')).toThrow(/only 200 bytes/);
    expect(() => niftiSizeFromHeader(plain.subarray(0, 544), 'x.nii.gz', { limits: { maxVoxelBytes: 1024 } })).toThrow(/too large/);
    const pair = plain.slice(0, 544);
    pair.set([0x6e, 0x69, 0x31, 0], 344); // magic "ni1": the header of a .hdr/.img pair
    expect(() => readNiftiInflated(pair, 'lonely.nii')).toThrow(NiftiError);
    expect(() => readNiftiInflated(pair, 'lonely.nii')).toThrow(/matching \.img file is missing/);
  });
});
