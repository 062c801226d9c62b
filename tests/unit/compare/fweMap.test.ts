// The Compare FWE p map from a permutation run split over two sessions (as the two workers run
// it), checked against a brute-force max-|t| / cluster-extent count written here from scratch.
import { describe, expect, it } from 'vitest';
import { clusterFweP, fweMap, joinNulls, passesFwe } from '../../../shared/compare/fweMap';
import { createPermutationSession, type PermResponse, type PermOptions } from '../../../shared/stats/permutation';
import { labelComponents } from '../../../shared/clusters';
import { setFwe } from '../../../renderer/commands/comparePerm';
import { defaultCompareSettings } from '../../../shared/scene';

const dims: [number, number, number] = [6, 5, 4];
const nVox = 120;
const K = 8;

/** Deterministic subject maps with an effect in one corner block. */
function subjects(): { a: Float32Array[]; b: Float32Array[] } {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const a: Float32Array[] = [];
  const b: Float32Array[] = [];
  for (let k = 0; k < K; k++) {
    const x = new Float32Array(nVox);
    const y = new Float32Array(nVox);
    for (let i = 0; i < nVox; i++) {
      const [ix, iy] = [i % 6, Math.floor(i / 6) % 5];
      x[i] = 50 + rnd() * 4 + (ix < 2 && iy < 2 ? 3 : 0);
      y[i] = 50 + rnd() * 4;
    }
    a.push(x);
    b.push(y);
  }
  return { a, b };
}

async function runSplit(opts: PermOptions) {
  const { a, b } = subjects();
  const parts: Extract<PermResponse, { type: 'done' }>[] = [];
  const session = createPermutationSession((m) => {
    if (m.type === 'done') parts.push(m);
    if (m.type === 'error') throw new Error(m.message);
  });
  const N = 2 ** K; // paired, 8 subjects: every flip
  await session.handle({ type: 'start', id: 1, a, b, dims, design: 'paired', nPerm: 1000, seed: 1, opts, range: [0, 100] });
  await session.handle({ type: 'start', id: 2, a, b, dims, design: 'paired', nPerm: 1000, seed: 1, opts, range: [100, N] });
  return { a, b, N, parts, nulls: joinNulls(parts, N, opts) };
}

/** Paired t of d (float64), every sign pattern r (bit i set = flip subject i). */
function bruteT(a: Float32Array[], b: Float32Array[], r: number, v: number): number {
  let m = 0;
  const d: number[] = [];
  for (let i = 0; i < K; i++) d.push(((r >> i) & 1 ? -1 : 1) * (a[i][v] - b[i][v]));
  for (const x of d) m += x;
  m /= K;
  let ss = 0;
  for (const x of d) ss += (x - m) ** 2;
  return m / Math.sqrt(ss / (K - 1) / K);
}

describe('Compare FWE p map', () => {
  it('max-T: voxel p equals the brute-force count over all 256 flips', async () => {
    const opts: PermOptions = { oneSided: false, connectivity: 26, tfce: false, tfceConnectivity: 26 };
    const { a, b, N, parts, nulls } = await runSplit(opts);
    const maxAbs: number[] = [];
    for (let r = 0; r < N; r++) {
      let mx = 0;
      for (let v = 0; v < nVox; v++) mx = Math.max(mx, Math.abs(bruteT(a, b, r, v)));
      maxAbs.push(mx);
    }
    for (let r = 0; r < N; r++) expect(nulls.maxT[r]).toBeCloseTo(maxAbs[r], 9);
    const res = fweMap({ method: 'max-t', observed: parts[0].observed!, nulls, voxels: parts[0].voxels, dims, N, exact: true, clusterT: 3 });
    let sig = 0;
    for (let v = 0; v < nVox; v++) {
      const t = Math.abs(bruteT(a, b, 0, v));
      const count = maxAbs.slice(1).filter((m) => m >= t - 1e-9).length;
      expect(res.p[v]).toBeCloseTo((1 + count) / N, 6);
      if (passesFwe(res.p[v], 0.05, N)) sig++;
    }
    expect(sig).toBeGreaterThan(0); // the corner effect survives
    expect(sig).toBeLessThan(nVox);
  });

  it('cluster extent: every voxel of a cluster carries that cluster p; clusterFweP finds it', async () => {
    const clusterT = 2.5;
    const opts: PermOptions = { oneSided: false, clusterT, connectivity: 26, tfce: false, tfceConnectivity: 26 };
    const { a, b, N, parts, nulls } = await runSplit(opts);
    // brute-force largest cluster per flip
    const maxSize: number[] = [];
    for (let r = 0; r < N; r++) {
      const cls = new Int8Array(nVox);
      for (let v = 0; v < nVox; v++) {
        const t = bruteT(a, b, r, v);
        cls[v] = t > clusterT ? 1 : -t > clusterT ? -1 : 0;
      }
      const c = labelComponents(cls, dims, 26);
      const sizes = new Array(c.count + 1).fill(0);
      for (const i of c.voxels) sizes[c.labels[i]]++;
      maxSize.push(Math.max(0, ...sizes));
    }
    expect(Array.from(nulls.maxSize!)).toEqual(maxSize);
    const res = fweMap({ method: 'cluster-extent', observed: parts[0].observed!, nulls, voxels: parts[0].voxels, dims, N, exact: true, clusterT });
    const cls = new Int8Array(nVox);
    for (let v = 0; v < nVox; v++) cls[v] = bruteT(a, b, 0, v) > clusterT ? 1 : -bruteT(a, b, 0, v) > clusterT ? -1 : 0;
    const comps = labelComponents(cls, dims, 26);
    const per = clusterFweP(comps.labels, res.p, comps.count);
    for (let k = 1; k <= comps.count; k++) {
      let size = 0;
      for (const i of comps.voxels) if (comps.labels[i] === k) size++;
      expect(per[k]).toBeCloseTo((1 + maxSize.slice(1).filter((m) => m >= size).length) / N, 6);
    }
    for (let v = 0; v < nVox; v++) if (!cls[v]) expect(res.p[v]).toBe(1);
  });

  it('joinNulls refuses parts that do not cover the run', () => {
    const opts: PermOptions = { oneSided: false, connectivity: 26, tfce: false, tfceConnectivity: 26 };
    expect(() => joinNulls([{ range: [0, 3], nulls: { maxT: new Float64Array(3), maxSize: null, maxMass: null, maxTfce: null } }], 5, opts)).toThrow(/3 of 5/);
  });

  it('one-sided, from a kept session (maps once, then chunks from a queue): signed max t and p from t itself', async () => {
    const { a, b } = subjects();
    const opts: PermOptions = { oneSided: true, clusterT: 2.5, connectivity: 26, tfce: false, tfceConnectivity: 26 };
    const got: PermResponse[] = [];
    const session = createPermutationSession((m) => got.push(m));
    await session.handle({ type: 'data', dataKey: 'c1', a, b, dims, design: 'paired' });
    const N = 2 ** K;
    for (const range of [[0, 40], [40, 41], [41, N]] as [number, number][]) await session.handle({ type: 'chunk', id: 7, dataKey: 'c1', nPerm: 1000, seed: 1, opts, range });
    await session.handle({ type: 'chunk', id: 8, dataKey: 'other', nPerm: 1000, seed: 1, opts, range: [0, 4] });
    const chunks = got.filter((m) => m.type === 'chunk') as Extract<PermResponse, { type: 'chunk' }>[];
    expect(chunks.map((m) => m.range)).toEqual([[0, 40], [40, 41], [41, N]]);
    expect(got[got.length - 1]).toMatchObject({ type: 'error', id: 8, message: expect.stringMatching(/does not hold the maps of other/) });
    const nulls = joinNulls(chunks, N, opts);
    const maxT: number[] = [];
    for (let r = 0; r < N; r++) {
      let mx = -Infinity;
      for (let v = 0; v < nVox; v++) mx = Math.max(mx, bruteT(a, b, r, v));
      maxT.push(mx);
    }
    for (let r = 0; r < N; r++) expect(nulls.maxT[r]).toBeCloseTo(maxT[r], 9);
    const res = fweMap({ method: 'max-t', observed: chunks[0].observed!, nulls, voxels: chunks[0].voxels!, dims, N, exact: true, clusterT: 2.5, oneSided: true });
    let negative = 0;
    for (let v = 0; v < nVox; v++) {
      const t = bruteT(a, b, 0, v);
      expect(res.p[v]).toBeCloseTo((1 + maxT.slice(1).filter((m) => m >= t - 1e-9).length) / N, 6);
      if (t < 0) {
        negative++;
        expect(res.p[v]).toBe(1);
      }
    }
    expect(negative).toBeGreaterThan(0);
    // clusters: the negative part is not tested one-sided
    const ext = fweMap({ method: 'cluster-extent', observed: chunks[0].observed!, nulls, voxels: chunks[0].voxels!, dims, N, exact: true, clusterT: 2.5, oneSided: true });
    for (let v = 0; v < nVox; v++) if (bruteT(a, b, 0, v) < -2.5) expect(ext.p[v]).toBe(1);
  });

  it('turning FWE on sets the threshold to the cluster-forming p with the threshold\'s sides; bad values are refused', () => {
    const c = defaultCompareSettings();
    const on = setFwe(c, { on: true, clusterP: 0.005 });
    expect(on.fwe.on).toBe(true);
    expect(on.threshold).toMatchObject({ mode: 'p-unc', value: 0.005, sided: 2 });
    const one = setFwe({ ...c, threshold: { ...c.threshold, sided: 1 } }, { on: true });
    expect(one.threshold).toMatchObject({ mode: 'p-unc', value: 0.001, sided: 1 });
    expect(setFwe(on, { nPerm: 1.5 })).toBe(on);
    expect(setFwe(on, { alpha: 0 })).toBe(on);
    expect(setFwe(on, { method: 'cluster-mass' }).fwe.method).toBe('cluster-mass');
  });
});
