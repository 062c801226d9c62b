// The surface views' vertex colours: a threshold change repaints incrementally (only vertices at or
// above the old or new cut), and the result is byte-for-byte what a repaint from scratch gives.
import { describe, expect, it } from 'vitest';
import { colourVertices, GREYS, paintState, type RowColouring } from '../../renderer/views/three/surfaceColours';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('surface vertex colours', () => {
  const n = 5000;
  const rnd = lcg(7);
  const stat = new Float32Array(n);
  const mean = new Float32Array(n);
  const sulc = new Float32Array(n);
  const wall = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    stat[v] = v % 97 === 0 ? NaN : (rnd() - 0.5) * 12;
    mean[v] = v % 53 === 0 ? NaN : rnd() * 80;
    sulc[v] = rnd() - 0.5;
    wall[v] = v % 41 === 0 ? 1 : 0;
  }
  const underlay = { sulc, medialWall: wall };
  const colouring = (cut: number, kind: 'stat' | 'mean', twoSided: boolean): RowColouring => ({ kind, values: kind === 'stat' ? stat : mean, stat, cut, top: 6, twoSided, meanRange: { min: 0, max: 80, signed: false } });

  for (const [kind, twoSided] of [['stat', true], ['stat', false], ['mean', true]] as const) {
    it(`${kind}, ${twoSided ? 'two' : 'one'}-sided: a drag through several cuts ends as a fresh paint would`, () => {
      const out = new Uint8Array(3 * n);
      const st = paintState();
      let touched = 0;
      for (const cut of [3, 4.5, 2, 5.5, 1, 3.2]) {
        touched = colourVertices(colouring(cut, kind, twoSided), underlay, out, st);
        const fresh = new Uint8Array(3 * n);
        colourVertices(colouring(cut, kind, twoSided), underlay, fresh);
        expect(Buffer.from(out).equals(Buffer.from(fresh))).toBe(true);
      }
      // The last step (1 -> 3.2) wrote only the vertices with |t| >= 1, not all of them.
      let atLeast1 = 0;
      for (const s of stat) if (Math.abs(s) >= 1) atLeast1++;
      expect(touched).toBe(atLeast1);
      expect(touched).toBeLessThan(n);
    });
  }

  it('colours the right vertices: warm above the cut, cool below minus the cut (two-sided), grey elsewhere, dark and empty on the medial wall', () => {
    const out = new Uint8Array(3 * n);
    colourVertices(colouring(3, 'stat', true), underlay, out);
    for (let v = 0; v < n; v++) {
      const [r, g, b] = [out[3 * v], out[3 * v + 1], out[3 * v + 2]];
      const grey = r === g && g === b && (r === GREYS.gyrus || r === GREYS.sulcus);
      if (wall[v]) expect([r, g, b]).toEqual([GREYS.wall, GREYS.wall, GREYS.wall]);
      else if (stat[v] >= 3) expect(r > b && !grey).toBe(true);
      else if (stat[v] <= -3) expect(b > r && !grey).toBe(true);
      else expect(grey).toBe(true);
    }
  });
});
