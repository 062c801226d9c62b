import { describe, expect, it } from 'vitest';
import { SmoothNoise } from '../../../shared/study/demo/noise';
import { Random } from '../../../shared/study/demo/random';
import { orderConditions, sniffMatrixUnits } from '../../../shared/study/measures';
import { parseParticipants, participantRow } from '../../../shared/study/participants';

describe('Random', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const a = new Random(20150901);
    const b = new Random(20150901);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(new Random(1).nextUint32()).not.toBe(xs[0]);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });

  it('draws normals with mean 0 and SD 1 (Box-Muller and the fast sum of uniforms)', () => {
    const r = new Random(7);
    for (const fill of [(o: Float32Array) => r.fillNormal(o), (o: Float32Array) => r.fillApproxNormal(o)]) {
      const x = fill(new Float32Array(200_000));
      let s = 0, ss = 0;
      for (const v of x) {
        s += v;
        ss += v * v;
      }
      const mean = s / x.length;
      // SE of the mean is 1/sqrt(2e5) = 0.0022; of the SD about 0.0016
      expect(Math.abs(mean)).toBeLessThan(0.01);
      expect(Math.abs(Math.sqrt(ss / x.length - mean * mean) - 1)).toBeLessThan(0.01);
    }
  });
});

describe('SmoothNoise', () => {
  it('has unit SD everywhere and a FWHM of about 8 mm on a 2 mm grid', () => {
    const dims: [number, number, number] = [40, 40, 40];
    // an inner cube, away from the edges
    const idx: number[] = [];
    for (let k = 4; k < 36; k++) for (let j = 4; j < 36; j++) for (let i = 4; i < 36; i++) idx.push(i + 40 * (j + 40 * k));
    const voxels = Int32Array.from(idx);
    const noise = new SmoothNoise(dims, voxels);
    const rng = new Random(3);
    const nFields = 30;
    const byParity = new Float64Array(8);
    const countParity = new Float64Array(8);
    let varSum = 0, gradSum = 0, nGrad = 0;
    for (let f = 0; f < nFields; f++) {
      const out = new Float32Array(voxels.length);
      noise.addTo(out, rng, 1);
      const full = new Float32Array(40 * 40 * 40).fill(NaN);
      voxels.forEach((v, n) => (full[v] = out[n]));
      voxels.forEach((v, n) => {
        const i = v % 40, j = Math.floor(v / 40) % 40, k = Math.floor(v / 1600);
        const p = (i & 1) | ((j & 1) << 1) | ((k & 1) << 2);
        byParity[p] += out[n] * out[n];
        countParity[p]++;
        varSum += out[n] * out[n];
        const next = full[v + 1];
        if (!Number.isNaN(next)) {
          gradSum += (next - out[n]) ** 2;
          nGrad++;
        }
      });
    }
    const variance = varSum / (voxels.length * nFields);
    expect(Math.abs(variance - 1)).toBeLessThan(0.08);
    for (let p = 0; p < 8; p++) expect(Math.abs(byParity[p] / countParity[p] - 1)).toBeLessThan(0.1);
    // FWHM from the variance of first differences (Forman et al. 1995): 2 mm * sqrt(-2 ln2 / ln(1 - var(dx) / (2 var)))
    const fwhm = 2 * Math.sqrt((-2 * Math.log(2)) / Math.log(1 - gradSum / nGrad / (2 * variance)));
    expect(fwhm).toBeGreaterThan(7);
    expect(fwhm).toBeLessThan(9);
  });
});

describe('measures and participants', () => {
  it('puts placebo-like conditions last', () => {
    expect(orderConditions(['placebo', 'MDMA'])).toEqual(['MDMA', 'placebo']);
    expect(orderConditions(['baseline', 'drug', 'pre'])).toEqual(['drug', 'baseline', 'pre']);
    expect(orderConditions(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('reads r from a diagonal of ones, with or without a header row and row names', () => {
    expect(sniffMatrixUnits('1.000000,-0.26\n-0.26,1.000000\n')).toBe('r');
    expect(sniffMatrixUnits('\tA\tB\nA\t1\t0.2\nB\t0.2\t1\n')).toBe('r');
    expect(sniffMatrixUnits('0\t0.31\n0.31\t0\n')).toBe('z');
    expect(sniffMatrixUnits('inf\t0.31\n0.31\tinf\n')).toBe('z');
  });

  it('finds a subject row by participant_id, with or without the sub- prefix', () => {
    const p = parseParticipants('age\tparticipant_id\n25\tsub-01\n31\t02\n', 'participants.tsv');
    expect(p.columns).toEqual(['participant_id', 'age']);
    expect(participantRow(p, 'sub-02')).toEqual({ participant_id: '02', age: '31' });
    expect(participantRow(p, 'sub-03')).toBeUndefined();
  });
});
