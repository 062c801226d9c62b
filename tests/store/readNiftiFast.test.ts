// The worker's fast reader (WebAssembly inflate, then the stream, then the shared path) must read
// every file exactly as the shared reader does: the same voxels, or the same message.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { inflateWasm, pool, readNiftiFast, wasmReady } from '../../renderer/workers/readNiftiFast';
import { readNifti, writeNifti, type NiftiImage } from '../../shared/nifti';
import { gapNiiGz, hugeOffsetPair, VOXELS } from '../unit/nifti/inflateBombs';
import { haveCorpusTools, makeCorpus, missingCorpusTools, missingRealData, REAL, type CorpusEntry } from '../unit/nifti/corpus';
import { needs } from '../fixtures/references';

type Outcome = { ok: true; image: NiftiImage } | { ok: false; message: string };

async function outcome(read: () => Promise<NiftiImage> | NiftiImage): Promise<Outcome> {
  try {
    return { ok: true, image: await read() };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

function expectSame(fast: Outcome, shared: Outcome, what: string): void {
  expect(fast.ok, `${what}: ${fast.ok ? 'read' : (fast as { message: string }).message} vs ${shared.ok ? 'read' : (shared as { message: string }).message}`).toBe(shared.ok);
  if (!fast.ok || !shared.ok) {
    expect((fast as { message: string }).message).toBe((shared as { message: string }).message);
    return;
  }
  expect(fast.image.grid.dims).toEqual(shared.image.grid.dims);
  expect(fast.image.grid.affine).toEqual(shared.image.grid.affine);
  expect(fast.image.nFrames).toBe(shared.image.nFrames);
  expect(fast.image.header.datatype).toBe(shared.image.header.datatype);
  expect(fast.image.data.length).toBe(shared.image.data.length);
  // Bit-identical voxels (NaN included), without a slow element-wise expect.
  const a = new Uint32Array(fast.image.data.buffer, fast.image.data.byteOffset, fast.image.data.length);
  const b = new Uint32Array(shared.image.data.buffer, shared.image.data.byteOffset, shared.image.data.length);
  let firstDiff = -1;
  for (let i = 0; i < a.length && firstDiff < 0; i++) if (a[i] !== b[i]) firstDiff = i;
  expect(firstDiff, `${what}: first differing voxel`).toBe(-1);
}

/** Reads `bytes` both ways, as bytes and as a Blob (what the browser hands the worker). */
async function compareBothWays(bytes: Uint8Array, name: string): Promise<Outcome> {
  const shared = await outcome(() => readNifti(bytes, name));
  expectSame(await outcome(() => readNiftiFast(bytes.slice(), name)), shared, `${name} (bytes)`);
  expectSame(await outcome(() => readNiftiFast(new Blob([bytes.slice()]), name)), shared, `${name} (Blob)`);
  return shared;
}

function smallMap(): Uint8Array {
  const data = new Float32Array(20 * 22 * 18).map((_, i) => Math.sin(i / 7) * 100);
  return writeNifti({ dims: [20, 22, 18], affine: [2, 0, 0, -20, 0, 2, 0, -22, 0, 0, 2, -18, 0, 0, 0, 1], data }, { gzip: true });
}

describe('fast map reader (study and viewer workers)', () => {
  it('starts the WebAssembly inflater, which inflates exactly what zlib does and checks the trailer', async () => {
    expect(await wasmReady()).toBe(true);
    const gz = smallMap();
    const wasm = inflateWasm(gz, 'map.nii.gz');
    expect(wasm).not.toBeNull();
    expect(Buffer.from(wasm!).equals(gunzipSync(gz))).toBe(true);
    // A flipped CRC byte, a cut stream, two gzip members and trailing bytes are all handed on.
    const badCrc = gz.slice();
    badCrc[badCrc.length - 6] ^= 1;
    expect(inflateWasm(badCrc, 'map.nii.gz')).toBeNull();
    expect(inflateWasm(gz.subarray(0, gz.length - 100), 'map.nii.gz')).toBeNull();
    const raw = gunzipSync(gz);
    const twoMembers = Buffer.concat([gzipSync(raw.subarray(0, 1000)), gzipSync(raw.subarray(1000))]);
    expect(inflateWasm(twoMembers, 'map.nii.gz')).toBeNull();
    expect(inflateWasm(Buffer.concat([gz, Buffer.from('junk')]), 'map.nii.gz')).toBeNull();
  });

  it('reads the files the WebAssembly path refuses through the shared path, with its messages', async () => {
    const gz = smallMap();
    expect((await compareBothWays(gz, 'map.nii.gz')).ok).toBe(true);
    const raw = gunzipSync(gz);
    // Two members (bgzip, or files joined with cat) still read, whole.
    const two = new Uint8Array(Buffer.concat([gzipSync(raw.subarray(0, 5000)), gzipSync(raw.subarray(5000))]));
    expect((await compareBothWays(two, 'two.nii.gz')).ok).toBe(true);
    const badCrc = gz.slice();
    badCrc[badCrc.length - 6] ^= 1;
    const bad = await compareBothWays(badCrc, 'crc.nii.gz');
    expect(bad.ok).toBe(false);
    expect((bad as { message: string }).message).toMatch(/^crc\.nii\.gz: .*checksum/);
    const cut = await compareBothWays(gz.slice(0, gz.length - 200), 'cut.nii.gz');
    expect((cut as { message: string }).message).toMatch(/^cut\.nii\.gz: the compressed \(\.gz\) data is (truncated|corrupt)/);
  });

  // Issue #10 item 4: before the cap, the WebAssembly path took a 256 MiB buffer for the header's
  // vox_offset + voxels before inflating anything.
  it('a 64-voxel .nii.gz with vox_offset 256 MiB is refused with the shared message, without a big buffer', async () => {
    const take = vi.spyOn(pool, 'take');
    try {
      const gap = gapNiiGz(256);
      const shared = await compareBothWays(gap, 'gap.nii.gz');
      expect((shared as { message: string }).message).toMatch(/^gap\.nii\.gz: bad voxel data offset: vox_offset 268435456 would put 256 MiB between the header and the voxels/);
      const biggest = Math.max(0, ...take.mock.calls.map(([n]) => n));
      expect(biggest).toBeLessThan(1024 ** 2);
      // Under the cap the same file shape reads, through a buffer of exactly header + gap + voxels.
      take.mockClear();
      // One gzip member (the WebAssembly path hands several to the shared path).
      const half = await readNiftiFast(new Uint8Array(gzipSync(gunzipSync(gapNiiGz(0.5)))), 'half.nii.gz');
      expect(half.inflater).toBe('wasm');
      expect(Array.from(half.data)).toEqual(Array.from(VOXELS));
      expect(take.mock.calls.map(([n]) => n)).toContain(512 * 1024 + 256);
    } finally {
      take.mockRestore();
    }
  });

  it('the .hdr of a pair with vox_offset 1e30 is refused naming the file, plain or gzipped', async () => {
    const { hdr } = hugeOffsetPair();
    const take = vi.spyOn(pool, 'take');
    try {
      for (const [bytes, name] of [[hdr, 'pair.hdr'], [new Uint8Array(gzipSync(hdr)), 'pair.hdr.gz']] as const) {
        const shared = await compareBothWays(bytes, name);
        expect((shared as { message: string }).message).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}: .*\\.img file is missing`));
      }
      expect(Math.max(0, ...take.mock.calls.map(([n]) => n))).toBeLessThan(1024 ** 2);
    } finally {
      take.mockRestore();
    }
  });

  it('reads every real .nii.gz exactly as the shared reader does', needs(missingRealData), async () => {
    const files: string[] = [];
    for (const dir of ['bold-stats', 'edge-cases', 'templates', 'atlases']) {
      const full = join(REAL, dir);
      if (!existsSync(full)) continue;
      for (const f of readdirSync(full)) if (f.endsWith('.nii.gz')) files.push(join(full, f));
    }
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const path of files) await compareBothWays(new Uint8Array(readFileSync(path)), path.split('/').pop()!);
  });

  describe('robustness corpus: the same outcome as the shared reader', needs(missingCorpusTools), () => {
    const corpus = haveCorpusTools ? makeCorpus() : { dir: '', entries: [] as CorpusEntry[] };
    afterAll(() => rmSync(corpus.dir, { recursive: true, force: true }));
    for (const entry of corpus.entries.filter((e) => !e.file.startsWith('pair/'))) {
      it(entry.file, async () => {
        const path = join(corpus.dir, entry.file);
        const t0 = performance.now();
        await compareBothWays(new Uint8Array(readFileSync(path)), entry.file.split('/').pop()!);
        expect(performance.now() - t0).toBeLessThan(entry.max_seconds * 2000);
      });
    }
  });
});
