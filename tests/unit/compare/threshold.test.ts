import { describe, expect, it } from 'vitest';
import { computeContrast, contrastFromGroupMap, withDirection } from '../../../shared/compare/contrast';
import { resolveThreshold, suprathresholdMask, thresholdedDisplayMap, type ThresholdSpec } from '../../../shared/compare/threshold';
import { expectClose, gaussian, rng } from './helpers';

const spec = (mode: ThresholdSpec['mode'], value: number, sided: 1 | 2 = 2): ThresholdSpec => ({ mode, value, sided, minExtentVoxels: 0 });

/** A t map with dof 24: noise plus a block of strong positive and one of strong negative effects. */
function syntheticT(seed: number, signal: boolean): Float32Array {
  const g = gaussian(rng(seed));
  const t = new Float32Array(5000);
  for (let i = 0; i < t.length; i++) t[i] = g();
  if (signal) {
    for (let i = 0; i < 60; i++) t[i] = 4 + 3 * (i / 60);
    for (let i = 60; i < 100; i++) t[i] = -(4.5 + 3 * ((i - 60) / 40));
  }
  return t;
}

describe('resolveThreshold, uncorrected p', () => {
  const maps = contrastFromGroupMap({ t: syntheticT(1, true), dof: 24 });

  it('converts p 0.001 two-sided at dof 24 to |t| > 3.7454 (scipy t.isf(0.0005, 24))', () => {
    const r = resolveThreshold(spec('p-unc', 0.001), maps, 'paired-t');
    expectClose(r.statCutoff, 3.745398618927526, 1e-7);
    expect(r.tEquivalent).toBe(r.statCutoff);
    expect(r.empty).toBe(false);
    expect(r.description).toBe('p < 0.001 two-sided  ⇔  |t| > 3.75 (dof 24)');
  });

  it('one-sided p 0.001 is t > 3.4668 (scipy t.isf(0.001, 24)) in the A > B direction only', () => {
    const r = resolveThreshold(spec('p-unc', 0.001, 1), maps, 'paired-t', { a: 'MDMA', b: 'placebo' });
    expectClose(r.statCutoff, 3.4667772979253524, 1e-7);
    expect(r.description).toBe('p < 0.001 one-sided, MDMA > placebo  ⇔  t > 3.47 (dof 24)');
    const m = suprathresholdMask(maps, 'paired-t', r);
    for (let i = 0; i < maps.t.length; i++) expect(m[i]).toBe(maps.t[i] > r.statCutoff ? 1 : 0);
  });

  it('two-sided mask is sign-aware and equals p < 0.001 from the p map', () => {
    const r = resolveThreshold(spec('p-unc', 0.001), maps, 'paired-t');
    const m = suprathresholdMask(maps, 'paired-t', r);
    let pos = 0;
    let neg = 0;
    for (let i = 0; i < maps.t.length; i++) {
      expect(m[i]).toBe(maps.p[i] < 0.001 ? 1 : 0);
      if (m[i] && maps.t[i] > 0) pos++;
      if (m[i] && maps.t[i] < 0) neg++;
    }
    expect(pos).toBeGreaterThanOrEqual(60);
    expect(neg).toBeGreaterThanOrEqual(40);
  });

  it('thresholds other statistics on t but says which statistic is shown', () => {
    const r = resolveThreshold(spec('p-unc', 0.001), maps, 'mean-diff');
    expect(r.on).toBe('t');
    expect(r.description).toContain('showing mean difference');
    expect(suprathresholdMask(maps, 'mean-diff', r)).toEqual(suprathresholdMask(maps, 'paired-t', resolveThreshold(spec('p-unc', 0.001), maps, 'paired-t')));
  });
});

describe('resolveThreshold, FDR', () => {
  const t = syntheticT(2, true);
  const maps = contrastFromGroupMap({ t, dof: 24 });

  it('cuts at the smallest |t| with q <= 0.05: all survivors at or above it, nothing below', () => {
    const r = resolveThreshold(spec('fdr-q', 0.05), maps, 'paired-t');
    expect(r.empty).toBe(false);
    let survivors = 0;
    for (let i = 0; i < t.length; i++) {
      if (maps.q[i] <= 0.05) {
        survivors++;
        expect(Math.abs(maps.t[i])).toBeGreaterThanOrEqual(r.statCutoff);
      } else if (Number.isFinite(maps.t[i])) {
        expect(Math.abs(maps.t[i])).toBeLessThan(r.statCutoff);
      }
    }
    // Reference (/usr/bin/python3, numpy + scipy): this same map (syntheticT(2, true) written out as
    // float32), p = 2 * scipy.stats.t.sf(|t|, 24), Benjamini-Hochberg by hand (largest sorted p_k with
    // p_k <= 0.05 k / 5000), cut = min |t| over voxels with p <= that p_k: 4.0, 100 survivors.
    expect(survivors).toBe(100);
    expect(r.statCutoff).toBe(4);
    // the cut is a voxel's own |t|, and that voxel passes
    const mask = suprathresholdMask(maps, 'paired-t', r);
    expect(mask.reduce((s, v) => s + v, 0)).toBe(survivors);
    expect(r.description).toBe(`FDR q < 0.05 two-sided  ⇔  |t| ≥ ${Number(r.statCutoff.toFixed(2))} (${survivors} voxels, dof 24)`);
    // stricter than uncorrected p 0.05 and looser than Bonferroni: scipy t.isf(0.025, 24) and
    // t.isf(0.05 / 5000 / 2, 24)
    expect(maps.tested).toBe(5000);
    expect(r.statCutoff).toBeGreaterThan(2.063898561628021);
    expect(r.statCutoff).toBeLessThan(5.5657817620403165);
  });

  it('at q < 0.2 the cut falls among the noise voxels, where numpy BH puts it', () => {
    // Same reference as above with q 0.2: two-sided cut |t| = 3.2006475925445557 (106 voxels);
    // one-sided (p = scipy.stats.t.sf(t, 24)) cut t = 3.249469041824341 (61 voxels). Both are
    // float32 voxel values, so they must match exactly up to float64 rounding of the same number.
    const two = resolveThreshold(spec('fdr-q', 0.2), maps, 'paired-t');
    expectClose(two.statCutoff, 3.2006475925445557, 1e-9);
    expect(suprathresholdMask(maps, 'paired-t', two).reduce((s, v) => s + v, 0)).toBe(106);
    const one = resolveThreshold(spec('fdr-q', 0.2, 1), maps, 'paired-t');
    expectClose(one.statCutoff, 3.249469041824341, 1e-9);
    expect(suprathresholdMask(maps, 'paired-t', one).reduce((s, v) => s + v, 0)).toBe(61);
  });

  it('one-sided FDR uses the one-sided p and keeps only positive voxels', () => {
    const r = resolveThreshold(spec('fdr-q', 0.05, 1), maps, 'paired-t');
    // numpy BH on one-sided p = scipy.stats.t.sf(t, 24) (see above): cut t = 4.0, 60 voxels
    expect(r.statCutoff).toBe(4);
    const mask = suprathresholdMask(maps, 'paired-t', r);
    for (let i = 0; i < t.length; i++) if (mask[i]) expect(maps.t[i]).toBeGreaterThan(0);
    expect(mask.slice(0, 60).every((v) => v === 1)).toBe(true);
  });

  it('says so when no voxel survives', () => {
    const noise = contrastFromGroupMap({ t: syntheticT(3, false), dof: 24 });
    const r = resolveThreshold(spec('fdr-q', 0.05), noise, 'paired-t');
    expect(r.empty).toBe(true);
    expect(r.statCutoff).toBe(Infinity);
    expect(r.description).toBe('no voxel survives FDR q < 0.05');
    expect(suprathresholdMask(noise, 'paired-t', r).every((v) => v === 0)).toBe(true);
  });

  it('follows the direction: swapping turns the negative block into the one-sided survivors', () => {
    const swapped = withDirection(maps, 'B-A');
    const r = resolveThreshold(spec('fdr-q', 0.05, 1), swapped, 'paired-t');
    const mask = suprathresholdMask(swapped, 'paired-t', r);
    expect(mask.slice(60, 100).every((v) => v === 1)).toBe(true);
    expect(mask.slice(0, 60).every((v) => v === 0)).toBe(true);
    expect(r.description).toContain('one-sided, B > A');
  });
});

describe('resolveThreshold, raw values', () => {
  // 3 voxels x 4 subjects: differences average +5, -5 and +1
  const a = [10, 10, 10, 10].map(() => Float32Array.from([10, 10, 10]));
  const spread = [-0.5, 0.5, -0.25, 0.25];
  const b = spread.map((s) => Float32Array.from([5 + s, 15 + s, 9 + s]));
  const maps = computeContrast({ a, b, design: 'paired' });

  it('thresholds the chosen statistic itself, both signs when two-sided', () => {
    const r = resolveThreshold(spec('raw', 2), maps, 'mean-diff');
    expect(r.on).toBe('statistic');
    expect(r.statCutoff).toBe(2);
    expect(r.description).toBe('|mean difference| > 2');
    expect(Array.from(suprathresholdMask(maps, 'mean-diff', r))).toEqual([1, 1, 0]);
    expect(Array.from(suprathresholdMask(maps, 'mean-diff', resolveThreshold(spec('raw', 2, 1), maps, 'mean-diff')))).toEqual([1, 0, 0]);
  });

  it('draws the statistic where voxels pass and 0 elsewhere (or everything, for dual coding)', () => {
    const r = resolveThreshold(spec('raw', 2), maps, 'mean-diff');
    const shown = Array.from(thresholdedDisplayMap(maps, 'mean-diff', r));
    expect(shown[0]).toBeCloseTo(5, 5);
    expect(shown[1]).toBeCloseTo(-5, 5);
    expect(shown[2]).toBe(0);
    expect(thresholdedDisplayMap(maps, 'mean-diff', r, true)[2]).toBeCloseTo(1, 5);
  });

  it('reuses a display buffer: stale values from a lower threshold are cleared', () => {
    const out = new Float32Array(3).fill(99);
    const low = thresholdedDisplayMap(maps, 'mean-diff', resolveThreshold(spec('raw', 0.5), maps, 'mean-diff'), false, out);
    expect(low).toBe(out);
    expect(out[2]).toBeCloseTo(1, 5);
    thresholdedDisplayMap(maps, 'mean-diff', resolveThreshold(spec('raw', 2), maps, 'mean-diff'), false, out);
    expect(Array.from(out).map((v) => Math.round(v))).toEqual([5, -5, 0]);
    expect(() => thresholdedDisplayMap(maps, 'mean-diff', resolveThreshold(spec('raw', 2), maps, 'mean-diff'), false, new Float32Array(2))).toThrow(/2 voxels/);
  });

  it('rejects impossible values in plain words', () => {
    expect(() => resolveThreshold(spec('p-unc', 1.5), maps, 'paired-t')).toThrow('p must be between 0 and 1 (got 1.5)');
    expect(() => resolveThreshold(spec('raw', NaN), maps, 'paired-t')).toThrow(/threshold must be a number/);
  });
});

describe('resolveThreshold, Welch (dof per voxel)', () => {
  const g = gaussian(rng(7));
  const a = Array.from({ length: 8 }, () => Float32Array.from({ length: 400 }, (_, i) => g() * (i % 2 ? 1 : 3) + (i < 40 ? 3 : 0)));
  const b = Array.from({ length: 11 }, () => Float32Array.from({ length: 400 }, () => g()));
  const maps = computeContrast({ a, b, design: 'two-group' });

  it('applies p and q per voxel and still reports the weakest surviving |t|', () => {
    const r = resolveThreshold(spec('p-unc', 0.01), maps, 'welch-t');
    expect(r.on).toBe('p');
    expect(r.description).toMatch(/^p < 0.01 two-sided \(Welch dof per voxel, median [\d.]+\)$/);
    const m = suprathresholdMask(maps, 'welch-t', r);
    let minT = Infinity;
    for (let i = 0; i < 400; i++) {
      expect(m[i]).toBe(maps.p[i] < 0.01 ? 1 : 0);
      if (m[i]) minT = Math.min(minT, Math.abs(maps.t[i]));
    }
    expect(r.statCutoff).toBe(minT);
    const f = resolveThreshold(spec('fdr-q', 0.05), maps, 'welch-t');
    const fm = suprathresholdMask(maps, 'welch-t', f);
    for (let i = 0; i < 400; i++) expect(fm[i]).toBe(maps.q[i] <= 0.05 ? 1 : 0);
    expect(fm.slice(0, 40).reduce((s, v) => s + v, 0)).toBeGreaterThan(20);
  });
});
