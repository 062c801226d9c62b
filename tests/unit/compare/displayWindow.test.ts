// The windows the compare panes draw with, on maps small enough to check by hand.
import { describe, expect, it } from 'vitest';
import { displayCut, meanWhereShown, meanWindow, statRange, type ContrastMaps, type ResolvedThreshold } from '../../../shared/compare';

const maps = (meanA: number[], meanB: number[], t: number[]) => ({ meanA: Float32Array.from(meanA), meanB: Float32Array.from(meanB), t: Float32Array.from(t) }) as unknown as ContrastMaps;

describe('meanWindow', () => {
  it('2nd..98th percentile of both means over tested voxels, symmetric when they change sign', () => {
    // tested values (t not NaN): -1, 1, 0, 3, 2, -4 -> sorted -4 -1 0 1 2 3; lo = [0] = -4, hi = [floor(0.98*5)=4] = 2
    expect(meanWindow(maps([-1, 0, 2, 100], [1, 3, -4, 100], [1, 1, 1, NaN]))).toEqual({ min: -4, max: 4, signed: true });
  });

  it('one-signed means keep their own range; nothing tested gives 0..1', () => {
    // 1 2 3 4 -> lo = [0] = 1, hi = [floor(0.98*3)=2] = 3
    expect(meanWindow(maps([1, 2], [3, 4], [0, 0]))).toEqual({ min: 1, max: 3, signed: false });
    expect(meanWindow(maps([1, 2], [3, 4], [NaN, NaN]))).toEqual({ min: 0, max: 1, signed: false });
  });
});

describe('statRange', () => {
  it('min and max of the statistic shown, NaN ignored', () => {
    expect(statRange(maps([0, 0, 0, 0], [0, 0, 0, 0], [NaN, -3, 2.5, 0]), 'paired-t')).toEqual({ min: -3, max: 2.5 });
  });
});

describe('displayCut', () => {
  const resolved = (on: ResolvedThreshold['on'], statCutoff: number, empty = false) => ({ on, statCutoff, empty }) as ResolvedThreshold;
  const stat = Float32Array.from([0, -2.5, 3.1, 2.2]);

  it('the t cut itself for a t statistic cut on t', () => {
    expect(displayCut(resolved('t', 2.1), 'paired-t', stat)).toBe(2.1);
    expect(displayCut(resolved('statistic', 0.4), 'mean-diff', stat)).toBe(0.4);
  });

  it('for p or q cuts: the weakest displayed value; Infinity when nothing passes', () => {
    expect(displayCut(resolved('p', 0.001), 'paired-t', stat)).toBeCloseTo(2.2, 6);
    expect(displayCut(resolved('t', 2.1), 'mean-diff', stat)).toBeCloseTo(2.2, 6);
    expect(displayCut(resolved('p', 0.001, true), 'paired-t', stat)).toBe(Infinity);
  });
});

describe('meanWhereShown', () => {
  it('keeps the mean where the thresholded statistic survives (either sign), 0 elsewhere and for NaN means', () => {
    const out = meanWhereShown(Float32Array.from([5, 6, NaN, 8, -2]), Float32Array.from([3.1, 0, 4, -3.5, 0]));
    expect([...out]).toEqual([5, 0, 0, 8, 0]);
  });
});
