import { describe, expect, it } from 'vitest';
import { pairedT, pairedTRange, StatsInputError, type PairedRangeOutput } from '../../../shared/stats/ttest';
import { pMap, pMapRange } from '../../../shared/stats/pmap';
import { anyNonZero } from '../../../shared/stats/nonzero';

/** Deterministic maps: ~70% of voxels zero in every map (as outside an MNI brain), a few NaN. */
function makeMaps(nMaps: number, nVox: number, seed: number): Float32Array[] {
  let x = seed;
  const rand = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const inside = Array.from({ length: nVox }, (_, i) => (i * 7919) % 10 >= 7);
  return Array.from({ length: nMaps }, () => {
    const m = new Float32Array(nVox);
    for (let i = 0; i < nVox; i++) if (inside[i]) m[i] = rand() * 4 - 1.5;
    m[Math.floor(rand() * nVox)] = NaN;
    return m;
  });
}

/** Index of the first element whose bits differ, or -1. */
function firstDifference(x: Float32Array, y: Float32Array): number {
  const bx = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const by = new Uint32Array(y.buffer, y.byteOffset, y.length);
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (bx[i] !== by[i]) return i;
  return -1;
}

/** Output maps on SharedArrayBuffers, pre-filled with junk so untouched voxels would show. */
function sharedOutput(nVox: number, conditionMaps: boolean): PairedRangeOutput {
  const map = () => new Float32Array(new SharedArrayBuffer(nVox * 4)).fill(-7);
  const out: PairedRangeOutput = { t: map(), meanDiff: map(), sdDiff: map(), dz: map() };
  if (conditionMaps) Object.assign(out, { meanA: map(), meanB: map(), sdA: map(), sdB: map() });
  return out;
}

describe('pairedTRange', () => {
  const nVox = 9001; // odd, and more than four 2048-voxel blocks
  const a = makeMaps(7, nVox, 1); // 7 subjects: one four-subject sweep plus the remainder loop
  const b = makeMaps(7, nVox, 2);
  const mask = new Uint8Array(nVox).map((_, i) => (i % 13 === 0 ? 0 : 1));

  for (const conditionMaps of [false, true]) {
    for (const withMask of [false, true]) {
      it(`split ranges (odd and even starts) give pairedT's bits (conditionMaps ${conditionMaps}, mask ${withMask})`, () => {
        const whole = pairedT(a, b, { conditionMaps, mask: withMask ? mask : undefined });
        const out = sharedOutput(nVox, conditionMaps);
        const cuts = [0, 1, 2050, 4501, 4502, 8999, nVox];
        let tested = 0;
        for (let k = 0; k + 1 < cuts.length; k++) tested += pairedTRange(a, b, cuts[k], cuts[k + 1], out, { mask: withMask ? mask : undefined });
        expect(tested).toBe(whole.tested);
        expect(tested).toBeGreaterThan(2000);
        const keys = conditionMaps ? (['t', 'meanDiff', 'sdDiff', 'dz', 'meanA', 'meanB', 'sdA', 'sdB'] as const) : (['t', 'meanDiff', 'sdDiff', 'dz'] as const);
        for (const key of keys) expect([key, firstDifference(out[key]!, whole[key])]).toEqual([key, -1]);
      });
    }
  }

  it("with anyNonZero's mask (computed when the maps load) gives the unmasked t, p and dz bit for bit", () => {
    const whole = pairedT(a, b, { conditionMaps: false });
    const brain = anyNonZero([...a, ...b]);
    // ~30% inside, plus the voxels where one map holds a NaN.
    const inside = brain.reduce((n, v) => n + v, 0);
    expect(inside).toBeGreaterThan(0.25 * nVox);
    expect(inside).toBeLessThan(0.35 * nVox);
    const out = sharedOutput(nVox, false);
    const tested = pairedTRange(a, b, 0, nVox, out, { mask: brain });
    expect(tested).toBe(whole.tested);
    for (const key of ['t', 'dz'] as const) expect([key, firstDifference(out[key], whole[key])]).toEqual([key, -1]);
    expect(firstDifference(pMap(out.t, 6, 2), pMap(whole.t, 6, 2))).toBe(-1);
  });

  it('writes only its range', () => {
    const out = sharedOutput(nVox, false);
    pairedTRange(a, b, 100, 200, out);
    expect(out.t[99]).toBe(-7);
    expect(out.t[200]).toBe(-7);
    expect(out.sdDiff[150]).not.toBe(-7);
  });

  it('matches scipy ttest_rel on a hand-made voxel', () => {
    // scipy 1.10: ttest_rel([2.1,3.4,1.9,5.0,4.2,3.3], [1.0,2.9,2.2,3.1,3.0,2.5]).statistic = 2.87121967794601
    const A = [2.1, 3.4, 1.9, 5.0, 4.2, 3.3].map((x) => new Float32Array([0, x]));
    const B = [1.0, 2.9, 2.2, 3.1, 3.0, 2.5].map((x) => new Float32Array([0, x]));
    const out = sharedOutput(2, false);
    expect(pairedTRange(A, B, 1, 2, out)).toBe(1);
    expect(out.t[1]).toBeCloseTo(2.87121967794601, 5);
    expect(out.t[0]).toBe(-7);
  });

  it('refuses a range outside the maps or outputs of the wrong size', () => {
    expect(() => pairedTRange(a, b, 0, nVox + 1, sharedOutput(nVox, false))).toThrow(StatsInputError);
    expect(() => pairedTRange(a, b, 10, 5, sharedOutput(nVox, false))).toThrow(/outside the maps/);
    expect(() => pairedTRange(a, b, 0, 5, sharedOutput(nVox - 1, false))).toThrow(/output t has 9000 voxels/);
  });
});

describe('pMapRange', () => {
  it("split ranges give pMap's bits", () => {
    const t = pairedT(makeMaps(6, 5000, 3), makeMaps(6, 5000, 4), { conditionMaps: false }).t;
    t[17] = Infinity;
    for (const sided of [1, 2] as const) {
      const whole = pMap(t, 5, sided);
      const p = new Float32Array(new SharedArrayBuffer(5000 * 4)).fill(-1);
      pMapRange(t, 5, sided, 0, 1234, p);
      pMapRange(t, 5, sided, 1234, 5000, p);
      expect(firstDifference(p, whole)).toBe(-1);
      expect(p[17]).toBe(0); // t = +Inf: p = 0 both one- and two-sided
    }
  });
});
