// The permutation engine on small cases: the seeded generator against an independent Python
// implementation, enumeration, perm_reference.py's hand-worked selftest volume, the fast
// (table) path against exact t on every row, two-group Welch labels by hand, progress and cancel.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  Xoshiro128, buildPermData, createEngine, enumerateFlips, exactTMap, nullColumns, pairedFlips, permutationTest, PermutationCancelled,
  randomFlips, runRows, statsFromMap, twoGroupLabels, fweP, fweThreshold, parseSignsText, type PermOptions,
} from '../../../shared/stats/permutation/index';
import { hasPython, PYTHON } from '../../fixtures/bench-inputs';

const PY_XOSHIRO = `
import sys
M = (1 << 64) - 1
def splitmix(x):
    x = (x + 0x9E3779B97F4A7C15) & M
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return x, z ^ (z >> 31)
def rotl(x, k): return ((x << k) | (x >> (32 - k))) & 0xFFFFFFFF
seed = int(sys.argv[1]); x, z1 = splitmix(seed); x, z2 = splitmix(x)
s = [z1 & 0xFFFFFFFF, z1 >> 32, z2 & 0xFFFFFFFF, z2 >> 32]
out = []
for _ in range(8):
    out.append(rotl((s[1] * 5) & 0xFFFFFFFF, 7) * 9 & 0xFFFFFFFF)
    t = (s[1] << 9) & 0xFFFFFFFF
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11)
print(' '.join(map(str, out)))
`;

describe('seeded flips', () => {
  it.skipIf(!hasPython([]) && !process.env.CI)('xoshiro128** seeded by SplitMix64 equals an independent Python implementation', () => {
    for (const seed of [0, 1, 7, 123456789]) {
      const py = execFileSync(PYTHON, ['-c', PY_XOSHIRO, String(seed)], { encoding: 'utf8' }).trim().split(' ').map(Number);
      const rng = new Xoshiro128(seed);
      expect(Array.from({ length: 8 }, () => rng.nextU32())).toEqual(py);
    }
  });

  it('known values (the same numbers run in the browser: pure 32-bit integer arithmetic)', () => {
    const rng = new Xoshiro128(1);
    const first = [rng.nextU32(), rng.nextU32(), rng.nextU32()];
    const again = new Xoshiro128(1);
    expect([again.nextU32(), again.nextU32(), again.nextU32()]).toEqual(first);
    const rows = randomFlips(24, 3, 1);
    const u = new Xoshiro128(1).nextU32();
    for (let i = 0; i < 24; i++) expect(rows[24 + i]).toBe((u >>> i) & 1 ? -1 : 1);
    expect([...rows.subarray(0, 24)].every((x) => x === 1)).toBe(true);
  });

  it('enumerates all 2^n flips for n <= 12, identity first, each exactly once', () => {
    expect([...enumerateFlips(2)]).toEqual([1, 1, -1, 1, 1, -1, -1, -1]);
    const f = pairedFlips(12, 5000, 1);
    expect(f.exact).toBe(true);
    expect(f.n).toBe(4096);
    const seen = new Set<string>();
    for (let r = 0; r < f.n; r++) seen.add(f.rows.subarray(r * 12, r * 12 + 12).join(','));
    expect(seen.size).toBe(4096);
    expect(f.rows.subarray(0, 12).every((x) => x === 1)).toBe(true);
    const g = pairedFlips(13, 100, 1);
    expect(g.exact).toBe(false);
    expect(g.n).toBe(100);
  });

  it('two-group label rows keep nA subjects in A', () => {
    const rows = twoGroupLabels(3, 4, 50, 2);
    expect([...rows.subarray(0, 7)]).toEqual([1, 1, 1, -1, -1, -1, -1]);
    for (let r = 0; r < 50; r++) expect(rows.subarray(r * 7, r * 7 + 7).filter((x) => x === 1).length).toBe(3);
  });

  it('the signs file parser skips comments and accepts tabs, spaces, commas', () => {
    const { rows, n } = parseSignsText('# c\n1\t1 1\n\n-1,1,+1\n', 's.tsv', 3);
    expect(n).toBe(2);
    expect([...rows]).toEqual([1, 1, 1, -1, 1, 1]);
  });
});

/** perm_reference.py's selftest volume: 5x5x5, 3 subjects, t = 0, +-2 sqrt3, +-3 sqrt3. */
function selftestVolume() {
  const p0 = [1, -1, 0];
  const p1 = [1, 2, 3];
  const p2 = [2, 3, 4];
  const neg = (p: number[]) => p.map((x) => -x);
  const layout: [number[], number[]][] = [
    [[1, 1, 1], p2], [[1, 1, 2], p1], [[1, 2, 2], p1], [[2, 3, 3], p1], [[3, 3, 3], p1], [[3, 1, 1], neg(p1)], [[4, 2, 1], neg(p2)], [[0, 4, 4], p0],
  ];
  const a = [0, 1, 2].map(() => new Float32Array(125));
  const b = [0, 1, 2].map(() => new Float32Array(125));
  const flat = (v: number[]) => v[0] + 5 * (v[1] + 5 * v[2]);
  for (const [v, p] of layout) for (let i = 0; i < 3; i++) {
    a[i][flat(v)] = p[i] + 1;
    b[i][flat(v)] = 1;
  }
  return { data: buildPermData(a, b, [5, 5, 5], 'paired'), flat };
}

describe('engine on the hand-worked selftest volume', () => {
  const r3 = Math.sqrt(3);
  const S66 = 98021;
  const S67 = 240329;
  const c = 27 / 1e4;
  it('max t, 26-connected size 5 and mass 11 sqrt3 - 15, TFCE by hand, all -1 row symmetric', async () => {
    const { data, flat } = selftestVolume();
    expect(data.V).toBe(8);
    const rows = enumerateFlips(3);
    const opts: PermOptions = { oneSided: false, clusterT: 3, connectivity: 26, tfce: true, tfceConnectivity: 26 };
    const res = await permutationTest(data, rows, 8, opts);
    const close = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
    close(res.observed.maxT, 3 * r3);
    expect(res.observed.maxSize).toBe(5);
    close(res.observed.maxMass, 4 * (2 * r3 - 3) + (3 * r3 - 3));
    const at = (v: number[]) => res.observed.tfce![[...data.voxels].indexOf(flat(v))];
    close(at([1, 1, 1]), c * (Math.sqrt(5) * S66 + S67));
    close(at([1, 1, 2]), c * Math.sqrt(5) * S66);
    close(at([3, 1, 1]), -c * Math.sqrt(2) * S66);
    close(at([4, 2, 1]), -c * (Math.sqrt(2) * S66 + S67));
    expect(at([0, 4, 4])).toBe(0);
    expect(res.nulls.maxT[7]).toBe(res.nulls.maxT[0]);
    expect(res.nulls.maxTfce![7]).toBe(res.nulls.maxTfce![0]);
    // 6-connectivity: size 3, TFCE of the negative pair is sqrt(1) per voxel
    const six = await permutationTest(data, rows, 8, { ...opts, connectivity: 6, tfceConnectivity: 6 });
    expect(six.observed.maxSize).toBe(3);
    close(six.observed.tfce![[...data.voxels].indexOf(flat([3, 1, 1]))], -c * S66);
    // FWE p: only the all -1 row reaches 3 sqrt3, so the peak has p = 2/8
    const p = fweP(res.observed.t.map(Math.abs), res.nulls.maxT);
    expect(p[[...data.voxels].indexOf(flat([1, 1, 1]))]).toBe(2 / 8);
  });
});

function smoothData(K: number, seed: number, dims: [number, number, number]) {
  const rng = new Xoshiro128(seed);
  const n = dims[0] * dims[1] * dims[2];
  const gauss = () => {
    const u = (rng.nextU32() + 1) / 4294967297;
    const v = rng.nextU32() / 4294967296;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const a: Float32Array[] = [];
  const b: Float32Array[] = [];
  for (let s = 0; s < K; s++) {
    const x = new Float32Array(n).map(() => gauss());
    // a little smoothing along i and j so clusters and TFCE components are not single voxels
    const y = x.map((_, i) => (x[i] + (x[i + 1] ?? 0) + (x[i + dims[0]] ?? 0)) / 3 + (i % 7 === 0 ? 0.8 : 0));
    a.push(y);
    b.push(new Float32Array(n).map(() => 0.3 * gauss()));
  }
  return buildPermData(a, b, dims, 'paired');
}

describe('fast t path = exact t on every row', () => {
  it('max-T, cluster size and mass, TFCE from the table path equal the exact maps', () => {
    const data = smoothData(16, 3, [14, 12, 10]);
    const rows = randomFlips(16, 40, 9);
    for (const opts of [
      { oneSided: false, clusterT: 2.1, connectivity: 26, tfce: false, tfceConnectivity: 26 },
      { oneSided: true, clusterT: 1.5, connectivity: 18, tfce: true, tfceConnectivity: 6 },
      { oneSided: false, clusterT: 2.5, connectivity: 6, tfce: true, tfceConnectivity: 26 },
    ] as PermOptions[]) {
      const e = createEngine(data, opts);
      const out = nullColumns(40, opts);
      runRows(e, rows, 0, 40, out, 0);
      for (let r = 0; r < 40; r++) {
        const s = statsFromMap(e, rows, r, exactTMap(data, rows, r), true);
        expect(out.maxT[r]).toBe(s.maxT);
        expect(out.maxSize![r]).toBe(s.maxSize);
        expect(out.maxMass![r]).toBe(s.maxMass);
        if (opts.tfce) expect(out.maxTfce![r]).toBe(s.maxTfce);
      }
      expect(Math.max(...out.maxSize!)).toBeGreaterThan(1);
    }
  });
});

describe('two-group Welch label permutation', () => {
  it('t of the identity and of a relabelled row by hand', async () => {
    // one voxel; A = [1, 3], B = [6, 10]
    const a = [Float32Array.of(1), Float32Array.of(3)];
    const b = [Float32Array.of(6), Float32Array.of(10)];
    const data = buildPermData(a, b, [1, 1, 1], 'two-group');
    // rows: identity; A = {subject 1, subject 3} = [1, 6], B = [3, 10]
    const rows = Int8Array.from([1, 1, -1, -1, 1, -1, 1, -1]);
    const res = await permutationTest(data, rows, 2, { oneSided: false, connectivity: 26, tfce: false, tfceConnectivity: 26 });
    // identity: (2 - 8) / sqrt(2/2 + 8/2) = -6 / sqrt(5)
    expect(res.observed.t[0]).toBeCloseTo(-6 / Math.sqrt(5), 14);
    // relabelled: means 3.5 and 6.5, variances 12.5 and 24.5: -3 / sqrt(6.25 + 12.25)
    expect(res.nulls.maxT[1]).toBeCloseTo(3 / Math.sqrt(18.5), 14);
  });
});

describe('progress, cancel and FWE helpers', () => {
  it('reports progress up to N and stops when aborted', async () => {
    const data = smoothData(14, 5, [10, 10, 8]);
    const N = 1200;
    const rows = randomFlips(14, N, 1);
    const opts: PermOptions = { oneSided: false, clusterT: 2, connectivity: 26, tfce: false, tfceConnectivity: 26 };
    const seen: number[] = [];
    await permutationTest(data, rows, N, opts, { onProgress: (p) => seen.push(p.done) });
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(N);
    expect(seen.every((x, i) => i === 0 || x > seen[i - 1])).toBe(true);
    const ac = new AbortController();
    const run = permutationTest(data, rows, N, opts, { signal: ac.signal, onProgress: (p) => p.done > 1 && ac.abort() });
    await expect(run).rejects.toBeInstanceOf(PermutationCancelled);
  });

  it('FWE p counts the identity; the 0.05 threshold follows the reference definition', () => {
    const col = Float64Array.from([9, ...Array.from({ length: 39 }, (_, i) => i + 1)]);
    expect([...fweP([39, 38.5, 0], col)]).toEqual([2 / 40, 2 / 40, 1]);
    expect(fweThreshold(col)).toBe(39);
    expect(fweThreshold(Float64Array.from([0, 5, 5, ...new Array(37).fill(1)]))).toBe(null);
  });
});

describe('ROI sign-flip p', () => {
  it('exact over all 2^n flips, by hand', async () => {
    const { signFlipP } = await import('../../../shared/stats/permutation/index');
    // 1..5: only the identity and the all -1 flip reach |sum| = 15
    expect(signFlipP([1, 2, 3, 4, 5])).toEqual({ p: 2 / 32, n: 32, exact: true });
    expect(signFlipP([1, 2, 3, 4, 5], { oneSided: true }).p).toBe(1 / 32);
    // [1, 1, 2]: |sum| >= 4 for (+,+,+), (-,-,-) only; sums of (+,-,+) and (-,+,+) are 2
    expect(signFlipP([1, 1, 2]).p).toBe(2 / 8);
    // a sum that is 0 up to rounding: every flip is at least as extreme
    expect(signFlipP([0.1, 0.2, -0.3]).p).toBe(1);
    const big = Array.from({ length: 30 }, (_, i) => 0.5 + Math.sin(i));
    const r = signFlipP(big, { nPerm: 2000, seed: 3 });
    expect(r.exact).toBe(false);
    expect(r.p).toBeGreaterThanOrEqual(1 / 2000);
    expect(r.p).toBeLessThan(0.01);
  });
});

describe('worker session and captions', () => {
  it('a session split over two ranges gives the same null columns as one run; cancel stops it', async () => {
    const { createPermutationSession, inferenceCaption } = await import('../../../shared/stats/permutation/index');
    const dims: [number, number, number] = [10, 10, 8];
    const n = 800;
    const rng = new Xoshiro128(11);
    const a = Array.from({ length: 14 }, () => new Float32Array(n).map((_, i) => (rng.nextU32() / 2 ** 32) + (i % 5 === 0 ? 0.4 : 0)));
    const b = Array.from({ length: 14 }, () => new Float32Array(n).map(() => rng.nextU32() / 2 ** 32));
    const opts: PermOptions = { oneSided: false, clusterT: 2, connectivity: 26, tfce: true, tfceConnectivity: 26 };
    const got: import('../../../shared/stats/permutation/index').PermResponse[] = [];
    const s = createPermutationSession((m) => got.push(m));
    const start = { type: 'start' as const, a, b, dims, design: 'paired' as const, nPerm: 100, seed: 4, opts };
    await s.handle({ ...start, id: 1 });
    await Promise.all([s.handle({ ...start, id: 2, range: [0, 40] }), s.handle({ ...start, id: 3, range: [40, 100] })]);
    const done = (id: number) => got.find((m) => m.type === 'done' && m.id === id) as Extract<typeof got[number], { type: 'done' }>;
    const whole = done(1).nulls.maxTfce!;
    expect([...done(2).nulls.maxTfce!, ...done(3).nulls.maxTfce!]).toEqual([...whole]);
    expect(done(3).observed).toBe(null);
    expect(got.filter((m) => m.type === 'progress' && m.id === 1).at(-1)).toMatchObject({ done: 100, total: 100 });
    const run = s.handle({ ...start, id: 4 });
    await s.handle({ type: 'cancel', id: 4 });
    await run;
    expect(got.find((m) => m.id === 4 && m.type !== 'progress')).toMatchObject({ type: 'error', cancelled: true });
    expect(inferenceCaption({ method: 'tfce', alpha: 0.05, N: 5000, exact: false, seed: 1, design: 'paired' })).toBe('TFCE, FWE p < 0.05, 5000 sign-flips, seed 1');
    expect(inferenceCaption({ method: 'tfce', alpha: 0.05, N: 1000, exact: false, seed: 1, design: 'paired', oneSided: 'MDMA > placebo' })).toBe('TFCE (one-sided, MDMA > placebo), FWE p < 0.05, 1000 sign-flips, seed 1');
    expect(inferenceCaption({ method: 'cluster-mass', alpha: 0.05, N: 64, exact: true, seed: 1, design: 'paired', clusterT: 3.1234, oneSided: 'A > B' })).toBe('cluster mass (t > 3.12, one-sided, A > B), FWE p < 0.05, all 64 sign-flips');
    expect(inferenceCaption({ method: 'cluster-extent', alpha: 0.05, N: 4096, exact: true, seed: 1, design: 'paired', clusterT: 3.7676 })).toBe('cluster extent (|t| > 3.77), FWE p < 0.05, all 4096 sign-flips');
  });
});
