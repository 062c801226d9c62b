/**
 * The colour tables the app's views use (niivue's node lists, copied so shared code and the CLI
 * paint the same colours without a GPU): linear between nodes, 256 entries of RGB.
 */
const NODES: Record<string, { R: number[]; G: number[]; B: number[]; I: number[] }> = {
  warm: { R: [255, 255, 255], G: [127, 196, 254], B: [0, 0, 0], I: [0, 128, 255] },
  winter: { R: [0, 0, 0], G: [0, 128, 255], B: [255, 196, 128], I: [0, 128, 255] },
  redyell: { R: [192, 224, 255], G: [1, 128, 255], B: [0, 0, 0], I: [0, 128, 255] },
  hot: { R: [3, 255, 255, 255], G: [0, 0, 255, 255], B: [0, 0, 0, 255], I: [0, 95, 191, 255] },
  cool: { R: [0, 0, 0], G: [127, 196, 254], B: [255, 255, 255], I: [0, 128, 255] },
  blue2cyan: { R: [0, 0], G: [0, 255], B: [255, 255], I: [0, 255] },
  viridis: { R: [68, 49, 53, 253], G: [1, 104, 183, 231], B: [84, 142, 121, 37], I: [0, 64, 192, 255] },
  gray: { R: [0, 255], G: [0, 255], B: [0, 255], I: [0, 255] },
};

const cache = new Map<string, Uint8Array>();

export const COLORMAP_NAMES = Object.keys(NODES);

/** 256 x RGB for a colormap name; unknown names fall back to warm (said in the legend by name). */
export function colourTable(name: string): Uint8Array {
  const key = NODES[name] ? name : 'warm';
  let t = cache.get(key);
  if (t) return t;
  const n = NODES[key];
  t = new Uint8Array(256 * 3);
  for (let seg = 0; seg < n.I.length - 1; seg++) {
    const i0 = n.I[seg];
    const i1 = n.I[seg + 1];
    for (let i = i0; i <= i1; i++) {
      const f = i1 === i0 ? 0 : (i - i0) / (i1 - i0);
      t[i * 3] = Math.round(n.R[seg] + f * (n.R[seg + 1] - n.R[seg]));
      t[i * 3 + 1] = Math.round(n.G[seg] + f * (n.G[seg + 1] - n.G[seg]));
      t[i * 3 + 2] = Math.round(n.B[seg] + f * (n.B[seg + 1] - n.B[seg]));
    }
  }
  cache.set(key, t);
  return t;
}

/** The colour at fraction f (0..1) of a map. */
export function colourAt(name: string, f: number): [number, number, number] {
  const t = colourTable(name);
  const i = Math.max(0, Math.min(255, Math.round(f * 255))) * 3;
  return [t[i], t[i + 1], t[i + 2]];
}

export const hex = (c: [number, number, number]): string => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');

/**
 * How a value becomes a colour: positive values from `pos` (the cut) to `max` run along
 * `posMap`; negative ones from `neg` (a negative cut) to `min` along `negMap`. Between the cuts
 * nothing is drawn.
 */
export interface OverlayColours {
  posMap: string;
  negMap: string | null;
  pos: number;
  neg: number | null;
  max: number;
  min: number;
}

/** RGB of a value, or null when it is not drawn. */
export function overlayColour(c: OverlayColours, v: number): [number, number, number] | null {
  if (!(v === v)) return null;
  if (v >= c.pos && v > 0) return colourAt(c.posMap, c.max > c.pos ? (v - c.pos) / (c.max - c.pos) : 1);
  if (c.negMap && c.neg !== null && v <= c.neg && v < 0) return colourAt(c.negMap, c.min < c.neg ? (c.neg - v) / (c.neg - c.min) : 1);
  return null;
}
