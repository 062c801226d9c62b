/**
 * Colour ramps as data, painted from niivue's own colour tables (so they match the views), for
 * the on-screen colorbars and the exported figures alike.
 */
import { Niivue } from '@niivue/niivue';
import type { Layer } from '../../shared/scene';

export interface RampPart {
  name: string;
  reverse: boolean;
}

export interface ColorbarModel {
  id: 'mean' | 'stat';
  /** Plain title, then an emphasised value (the cut), shown bold. */
  title: string;
  emphasis: string;
  parts: RampPart[];
  /** Tick labels spread evenly under the ramp (2 or 4). */
  labels: string[];
}

export const fmtColorbar = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** A layer's colorbar: negative ramp | gap | positive ramp for two-sided maps, ticks at range and thresholds. */
export function layerColorbar(layer: Layer): ColorbarModel {
  const { pos, neg } = layer.thresholds;
  const twoSided = layer.colormapNeg !== null && neg !== null;
  return {
    id: 'stat',
    title: layer.name,
    emphasis: '',
    parts: twoSided ? [{ name: layer.colormapNeg!, reverse: true }, { name: layer.colormap, reverse: false }] : [{ name: layer.colormap, reverse: false }],
    labels: twoSided ? [fmtColorbar(layer.range.min), fmtColorbar(neg!), fmtColorbar(pos ?? layer.range.max), fmtColorbar(layer.range.max)] : [fmtColorbar(pos ?? layer.range.min), fmtColorbar(layer.range.max)],
  };
}

export function lut(name: string): Uint8ClampedArray {
  return Niivue.prototype.colormap.call(null as unknown as Niivue, name, false);
}

/** Paints the ramp parts side by side (a small gap between them: the threshold) into the box. */
export function paintRamp(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, parts: RampPart[], gap = 6): void {
  const between = parts.length > 1 ? gap : 0;
  const each = (w - between * (parts.length - 1)) / parts.length;
  parts.forEach((p, k) => {
    const t = lut(p.name);
    const x0 = Math.round(x + k * (each + between));
    const x1 = Math.round(x0 + each);
    for (let px = x0; px < x1; px++) {
      let f = (px - x0) / Math.max(1, x1 - x0 - 1);
      if (p.reverse) f = 1 - f;
      const i = Math.min(255, Math.max(0, Math.round(f * 255))) * 4;
      g.fillStyle = `rgb(${t[i]},${t[i + 1]},${t[i + 2]})`;
      g.fillRect(px, y, 1, h);
    }
  });
}
