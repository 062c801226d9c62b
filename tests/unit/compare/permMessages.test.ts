// The compare worker's permutation-facing messages: one copy of the subject maps per run
// ('subject-maps'), and the ROI panel's exact sign-flip p (counted here over all 2^n flips).
import { describe, expect, it } from 'vitest';
import { createCompareHandler } from '../../../shared/compare/handler';
import type { CompareResponse } from '../../../shared/compare/protocol';

const n = 10;
const K = 7;
function maps() {
  const a: Float32Array[] = [];
  const b: Float32Array[] = [];
  for (let k = 0; k < K; k++) {
    a.push(Float32Array.from({ length: n }, (_, i) => 10 + i + ((k * 7 + i * 3) % 5) * 0.3 + (k % 3)));
    b.push(Float32Array.from({ length: n }, (_, i) => 10 + i + ((k * 5 + i) % 4) * 0.25));
  }
  return { a, b };
}

describe('compare worker: permutation messages', () => {
  it('subject-maps hands out copies; the worker keeps its own', () => {
    const h = createCompareHandler();
    const { a, b } = maps();
    const out: CompareResponse[] = [];
    h.handle({ type: 'compute-contrast', measureId: 'm', a, b, design: 'paired' }, (m) => out.push(m));
    let got: Extract<CompareResponse, { type: 'subject-maps' }> | undefined;
    let transfer: ArrayBuffer[] = [];
    h.handle({ type: 'subject-maps', requestId: 3, measureId: 'm' }, (m, t) => {
      if (m.type === 'subject-maps') [got, transfer] = [m, t ?? []];
    });
    expect(got!.a.length).toBe(K);
    expect(Array.from(got!.a[2])).toEqual(Array.from(a[2]));
    expect(got!.a[2]).not.toBe(a[2]);
    expect(transfer.length).toBe(2 * K);
    expect(got!.design).toBe('paired');
  });

  it('ROI results carry the exact sign-flip p of the mean difference', () => {
    const h = createCompareHandler();
    const { a, b } = maps();
    h.handle({ type: 'compute-contrast', measureId: 'm', a, b, design: 'paired' }, () => {});
    const mask = Uint8Array.from({ length: n }, (_, i) => (i < 4 ? 1 : 0));
    let res: Extract<CompareResponse, { type: 'roi-ready' }> | undefined;
    h.handle({ type: 'roi', requestId: 1, measureId: 'm', direction: 'A-B', rois: [{ roi: 'r', mask }] }, (m) => {
      if (m.type === 'roi-ready') res = m;
    });
    const r = res!.results[0];
    const d = r.a.map((x, i) => x - r.b[i]);
    const obs = Math.abs(d.reduce((s, x) => s + x, 0));
    let count = 0;
    for (let f = 0; f < 2 ** K; f++) {
      const s = d.reduce((acc, x, i) => acc + ((f >> i) & 1 ? -x : x), 0);
      if (Math.abs(s) >= obs - 1e-9) count++;
    }
    expect(r.signFlip).toEqual({ p: count / 2 ** K, n: 128, exact: true });
    expect(r.signFlip!.p).toBeLessThan(0.05);
  });
});
