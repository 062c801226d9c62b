import { describe, expect, it } from 'vitest';
import { computeContrast } from '../../../shared/compare/contrast';
import { createCompareHandler } from '../../../shared/compare/handler';
import type { CompareRequest, CompareResponse } from '../../../shared/compare/protocol';
import { roiSubjectValues, roiSummary } from '../../../shared/compare/roiValues';
import type { ThresholdSpec } from '../../../shared/compare/threshold';
import type { Grid } from '../../../shared/spaces/types';
import { gaussian, rng } from './helpers';

const grid: Grid = { dims: [10, 10, 10], affine: [2, 0, 0, -10, 0, 2, 0, -10, 0, 0, 2, -10, 0, 0, 0, 1] };
const at = (i: number, j: number, k: number) => i + 10 * (j + 10 * k);
const inBlock = (idx: number) => {
  const i = idx % 10;
  const j = Math.floor(idx / 10) % 10;
  const k = Math.floor(idx / 100);
  return i >= 2 && i <= 4 && j >= 2 && j <= 4 && k >= 2 && k <= 4;
};

/** 12 subjects; A is B plus 2 (+ noise) in a 3x3x3 block, B minus 2 at voxel (8,8,8). */
function subjects(): { a: Float32Array[]; b: Float32Array[] } {
  const g = gaussian(rng(5));
  const a: Float32Array[] = [];
  const b: Float32Array[] = [];
  for (let s = 0; s < 12; s++) {
    const bs = Float32Array.from({ length: 1000 }, () => 50 + g());
    const as = bs.map((v, idx) => v + 0.3 * g() + (inBlock(idx) ? 2 : 0) - (idx === at(8, 8, 8) ? 2 : 0));
    a.push(as);
    b.push(bs);
  }
  return { a, b };
}

function run(handler: ReturnType<typeof createCompareHandler>, req: CompareRequest): { messages: CompareResponse[]; transfers: ArrayBuffer[][] } {
  const messages: CompareResponse[] = [];
  const transfers: ArrayBuffer[][] = [];
  handler.handle(req, (m, t) => {
    // what postMessage does to transferred buffers: they move (are detached here)
    messages.push(t && t.length ? structuredClone(m, { transfer: t }) : m);
    transfers.push(t ?? []);
  });
  return { messages, transfers };
}

const threshold = (value: number, minExtentVoxels = 0, sided: 1 | 2 = 2): ThresholdSpec => ({ mode: 'p-unc', value, sided, minExtentVoxels });

describe('handleCompareRequest', () => {
  const { a, b } = subjects();
  const expected = computeContrast({ a, b, design: 'paired' });

  it('computes a contrast once with progress, then answers thresholds and clusters from the cache', () => {
    const h = createCompareHandler();
    const first = run(h, { type: 'compute-contrast', measureId: 'asl', a, b, design: 'paired' });
    const kinds = first.messages.map((m) => m.type);
    expect(kinds[0]).toBe('progress');
    expect(kinds.at(-1)).toBe('contrast-ready');
    expect(kinds.slice(0, -1).every((k) => k === 'progress')).toBe(true);
    const progress = first.messages.filter((m) => m.type === 'progress').map((m) => (m.type === 'progress' ? m.done / m.total : -1));
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
    const ready = first.messages.at(-1)!;
    if (ready.type !== 'contrast-ready') throw new Error('no contrast');
    expect(Array.from(ready.maps.t)).toEqual(Array.from(expected.t));
    expect(first.transfers.at(-1)!.length).toBe(10);
    expect(h.counts.contrastsComputed).toBe(1);

    const c1 = run(h, { type: 'clusters', requestId: 1, measureId: 'asl', statistic: 'paired-t', direction: 'A-B', threshold: threshold(0.001), grid });
    const c2 = run(h, { type: 'clusters', requestId: 2, measureId: 'asl', statistic: 'mean-diff', direction: 'A-B', threshold: threshold(0.0001, 5), grid });
    expect(h.counts.contrastsComputed).toBe(1); // the t map was not recomputed
    const r1 = c1.messages[0];
    const r2 = c2.messages[0];
    if (r1.type !== 'clusters-ready' || r2.type !== 'clusters-ready') throw new Error(`unexpected ${r1.type} ${r2.type}`);
    expect(r1.requestId).toBe(1);
    expect(r1.rows[0].sign).toBe(1);
    expect(r1.rows[0].nVoxels).toBe(27);
    expect(r1.resolved.description).toMatch(/^p < 0.001 two-sided {2}⇔ {2}\|t\| > 4\.44 \(dof 11\)$/);
    expect(r1.labels.length).toBe(1000);
    expect(r1.labels[at(3, 3, 3)]).toBe(r1.rows[0].id);
    // the lone negative voxel is dropped by the 5-voxel extent; mean-diff is shown at the peak
    expect(r2.rows.every((r) => r.nVoxels >= 5)).toBe(true);
    expect(r2.rows[0].peakStat).toBeGreaterThan(1.5);
    expect(r2.rows[0].peakStat).toBeLessThan(2.5);
    expect(r1.rows.some((r) => r.sign === -1 && r.nVoxels === 1)).toBe(true);
  });

  it('swaps the direction from the cache and answers threshold and ROI requests', () => {
    const h = createCompareHandler();
    run(h, { type: 'compute-contrast', measureId: 'bold', a, b, design: 'paired' });
    const swapped = run(h, { type: 'clusters', requestId: 3, measureId: 'bold', statistic: 'paired-t', direction: 'B-A', threshold: threshold(0.00001, 0, 1), grid }).messages[0];
    if (swapped.type !== 'clusters-ready') throw new Error(swapped.type);
    expect(swapped.rows.map((r) => [r.sign, r.nVoxels])).toEqual([[1, 1]]); // only (8,8,8) is B > A
    expect(swapped.rows[0].peakVoxel).toEqual([8, 8, 8]);

    const th = run(h, { type: 'threshold', requestId: 4, measureId: 'bold', statistic: 'paired-t', direction: 'A-B', threshold: { mode: 'fdr-q', value: 0.05, sided: 2, minExtentVoxels: 0 } }).messages[0];
    if (th.type !== 'threshold-ready') throw new Error(th.type);
    expect(th.resolved.empty).toBe(false);

    const mask = new Uint8Array(1000);
    for (let idx = 0; idx < 1000; idx++) if (inBlock(idx)) mask[idx] = 1;
    const roi = run(h, { type: 'roi', requestId: 5, measureId: 'bold', direction: 'A-B', rois: [{ roi: 'block', mask }] }).messages[0];
    if (roi.type !== 'roi-ready') throw new Error(roi.type);
    const want = roiSubjectValues(a, b, mask);
    expect(roi.results[0].a).toEqual(want.a);
    expect(roi.results[0].summary).toEqual(roiSummary(want.a, want.b, 'paired'));
    expect(roi.results[0].summary!.meanDiff).toBeGreaterThan(1.5);
    expect(h.counts.contrastsComputed).toBe(1);
  });

  it('handles group maps and reports errors as messages', () => {
    const h = createCompareHandler();
    const t = new Float32Array(1000);
    t[at(5, 5, 5)] = 6;
    t[at(5, 5, 6)] = 5;
    const ready = run(h, { type: 'group-map', measureId: 'spmT', t, dof: 24 }).messages.at(-1)!;
    if (ready.type !== 'contrast-ready') throw new Error(ready.type);
    expect(ready.maps.tested).toBe(2);
    const cl = run(h, { type: 'clusters', requestId: 6, measureId: 'spmT', statistic: 'paired-t', direction: 'A-B', threshold: threshold(0.001), grid }).messages[0];
    if (cl.type !== 'clusters-ready') throw new Error(cl.type);
    expect(cl.rows.map((r) => r.nVoxels)).toEqual([2]);
    const roi = run(h, { type: 'roi', requestId: 7, measureId: 'spmT', direction: 'A-B', rois: [{ roi: 'two', mask: Uint8Array.from(t, (v) => (v ? 1 : 0)) }] }).messages[0];
    if (roi.type !== 'roi-ready') throw new Error(roi.type);
    expect(roi.results[0].group).toEqual({ mean: 5.5, sd: Math.SQRT1_2, n: 2 });

    const missing = run(h, { type: 'clusters', requestId: 8, measureId: 'nope', statistic: 'paired-t', direction: 'A-B', threshold: threshold(0.001), grid }).messages[0];
    expect(missing).toEqual({ type: 'error', requestId: 8, measureId: 'nope', message: 'the contrast of "nope" has not been computed yet', userFacing: true });
    const bad = run(h, { type: 'compute-contrast', measureId: 'x', a: [new Float32Array(3), new Float32Array(3)], b: [new Float32Array(3)], design: 'paired' }).messages.at(-1)!;
    expect(bad.type).toBe('error');
    if (bad.type === 'error') expect(bad.message).toContain('same number of maps');
    run(h, { type: 'forget', measureId: 'spmT' });
    expect(run(h, { type: 'threshold', requestId: 9, measureId: 'spmT', statistic: 'paired-t', direction: 'A-B', threshold: threshold(0.01) }).messages[0].type).toBe('error');
  });

  it('keeps only the latest contrast and hands the dropped subject maps back (transferred)', () => {
    const h = createCompareHandler();
    const first = subjects();
    run(h, { type: 'compute-contrast', measureId: 'asl', a: first.a.map((x) => x.slice()), b: first.b.map((x) => x.slice()), design: 'paired' });
    // Nothing held before: computing 'asl' releases nothing; 'bold' releases asl's 24 maps.
    const second = run(h, { type: 'compute-contrast', measureId: 'bold', a: first.a.map((x) => x.slice()), b: first.b.map((x) => x.slice()), design: 'paired' });
    const released = second.messages.find((m) => m.type === 'released');
    if (released?.type !== 'released') throw new Error('no released message');
    expect(released.buffers).toHaveLength(24);
    expect(released.buffers.every((b) => b.byteLength === 4000)).toBe(true);
    expect(second.transfers.find((t) => t.length === 24)).toBeDefined();
    expect(h.cached('asl')).toBeUndefined();
    expect(h.cached('bold')).toBeDefined();
    const stale = run(h, { type: 'clusters', requestId: 3, measureId: 'asl', statistic: 'paired-t', direction: 'A-B', threshold: threshold(0.001), grid }).messages[0];
    expect(stale.type).toBe('error');
    // Forget answers even when it holds nothing (the page waits for the answer before copying).
    const all = run(h, { type: 'forget' }).messages;
    expect(all).toHaveLength(1);
    expect(all[0].type === 'released' && all[0].buffers.length).toBe(24);
    const none = run(h, { type: 'forget' }).messages;
    expect(none).toEqual([{ type: 'released', buffers: [] }]);
  });
});
