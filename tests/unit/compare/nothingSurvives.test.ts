import { describe, expect, it } from 'vitest';
import { contrastFromGroupMap } from '../../../shared/compare/contrast';
import { resolveThreshold, type ThresholdSpec } from '../../../shared/compare/threshold';
import { expectClose } from './helpers';

const spec = (mode: ThresholdSpec['mode'], value: number, sided: 1 | 2 = 2): ThresholdSpec => ({ mode, value, sided, minExtentVoxels: 5 });

/** 5000 voxels at t = 0.5 (dof 24) and one at `peak`: FDR cannot pass one voxel among 5000. */
function mapsWithPeak(peak: number) {
  const t = new Float32Array(5000).fill(0.5);
  t[1234] = peak;
  return contrastFromGroupMap({ t, dof: 24 });
}

describe('nothing survives: the strongest voxel and the nearest useful step', () => {
  it('FDR q < 0.05 with one voxel at |t| = 4.9 (p = 5.36e-5, scipy 2*t.sf(4.9, 24)) offers p < 0.001, keeping sides and extent', () => {
    const r = resolveThreshold(spec('fdr-q', 0.05), mapsWithPeak(-4.9), 'paired-t');
    expect(r.empty).toBe(true);
    expect(r.nothing).toBeDefined();
    expectClose(r.nothing!.strongestT, 4.9, 1e-5);
    expectClose(r.nothing!.strongestP, 5.3568659356496674e-5, 1e-9);
    expect(r.nothing!.text).toBe('strongest |t| = 4.9 (p = 5e-5): try p < 0.001');
    expect(r.nothing!.suggest).toEqual({ mode: 'p-unc', value: 0.001, sided: 2, minExtentVoxels: 5 });
    // the suggestion does show the voxel
    expect(resolveThreshold(r.nothing!.suggest!, mapsWithPeak(-4.9), 'paired-t').nothing).toBeUndefined();
  });

  it('an uncorrected p below the strongest voxel is told the same; a weak peak gets p < 0.05 (scipy 0.0197)', () => {
    expect(resolveThreshold(spec('p-unc', 1e-6), mapsWithPeak(4.9), 'paired-t').nothing?.suggest?.value).toBe(0.001);
    const weak = resolveThreshold(spec('fdr-q', 0.05), mapsWithPeak(2.5), 'paired-t');
    expect(weak.nothing!.text).toBe('strongest |t| = 2.5 (p = 0.02): try p < 0.05');
    // already at p < 0.05: never suggests a level that is not looser
    const at = resolveThreshold(spec('p-unc', 0.01), mapsWithPeak(2.5), 'paired-t');
    expect(at.nothing!.suggest!.value).toBe(0.05);
  });

  it('one-sided: the tail only (a negative peak does not count for A > B); nothing reaching p < 0.05 offers no step', () => {
    const r = resolveThreshold(spec('fdr-q', 0.05, 1), mapsWithPeak(-4.9), 'paired-t');
    // one-sided p of t = 0.5 at dof 24 is 0.31
    expect(r.nothing!.strongestT).toBeCloseTo(0.5, 5);
    expect(r.nothing!.suggest).toBeNull();
    expect(r.nothing!.text).toMatch(/^strongest t = 0\.5 \(p = 0\.31\): no voxel reaches p < 0\.05 uncorrected$/);
  });

  it('says nothing when voxels pass, and flags a raw cut above the strongest |t|', () => {
    expect(resolveThreshold(spec('p-unc', 0.001), mapsWithPeak(4.9), 'paired-t').nothing).toBeUndefined();
    expect(resolveThreshold(spec('raw', 3), mapsWithPeak(4.9), 'paired-t').nothing).toBeUndefined();
    expect(resolveThreshold(spec('raw', 5), mapsWithPeak(4.9), 'paired-t').nothing?.suggest?.value).toBe(0.001);
  });
});
