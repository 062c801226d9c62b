/**
 * The compare colorbars as data: the on-screen colorbars and the exported figure draw the same
 * ramps with the same numbers. Ramps come from niivue's own colour tables, so they match the panes.
 */
import { Niivue } from '@niivue/niivue';
import type { CompareDisplay } from './compareController';

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

const TWO_SIDED: RampPart[] = [{ name: 'winter', reverse: true }, { name: 'warm', reverse: false }];

export function compareColorbars(d: CompareDisplay, statName: string, units: string, twoSided: boolean): ColorbarModel[] {
  const bars: ColorbarModel[] = [];
  if (d.meanA) {
    bars.push({
      id: 'mean',
      title: `condition means (${units})`,
      emphasis: '',
      parts: d.meanRange.signed ? TWO_SIDED : [{ name: 'viridis', reverse: false }],
      labels: [fmtColorbar(d.meanRange.min), fmtColorbar(d.meanRange.max)],
    });
  }
  const top = Math.max(d.statMax, Number.isFinite(d.cut) ? d.cut * 1.5 : 1);
  const parts = twoSided ? TWO_SIDED : [{ name: 'warm', reverse: false }];
  if (Number.isFinite(d.cut)) {
    const cut = fmtColorbar(d.cut);
    bars.push({ id: 'stat', title: `${statName}: shown where |value| ≥ `, emphasis: cut, parts, labels: twoSided ? [fmtColorbar(-top), `−${cut}`, cut, fmtColorbar(top)] : [cut, fmtColorbar(top)] });
  } else {
    bars.push({ id: 'stat', title: `${statName}: `, emphasis: 'no voxel survives', parts, labels: [twoSided ? fmtColorbar(-top) : '0', fmtColorbar(top)] });
  }
  return bars;
}

function lut(name: string): Uint8ClampedArray {
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
