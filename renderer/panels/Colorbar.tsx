/** A colorbar drawn from niivue's own lookup tables, so it matches the view exactly. */
import { useEffect, useRef } from 'react';
import { Niivue } from '@niivue/niivue';
import type { Layer } from '../../shared/scene';

function lut(name: string): Uint8ClampedArray {
  // colormap() only uses niivue's module-level colour tables, not the instance.
  return Niivue.prototype.colormap.call(null as unknown as Niivue, name, false);
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function Colorbar({ layer }: { layer: Layer }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { pos, neg } = layer.thresholds;
  const twoSided = layer.colormapNeg !== null && neg !== null;
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const g = c.getContext('2d');
    if (!g) return;
    const w = c.width;
    const h = c.height;
    g.clearRect(0, 0, w, h);
    const paint = (name: string, x0: number, x1: number, reverse: boolean) => {
      const t = lut(name);
      for (let x = x0; x < x1; x++) {
        let f = (x - x0) / Math.max(1, x1 - x0 - 1);
        if (reverse) f = 1 - f;
        const i = Math.min(255, Math.max(0, Math.round(f * 255))) * 4;
        g.fillStyle = `rgb(${t[i]},${t[i + 1]},${t[i + 2]})`;
        g.fillRect(x, 0, 1, h);
      }
    };
    if (twoSided) {
      const mid = Math.floor(w / 2);
      paint(layer.colormapNeg!, 0, mid - 2, true);
      paint(layer.colormap, mid + 2, w, false);
    } else {
      paint(layer.colormap, 0, w, false);
    }
  }, [layer.colormap, layer.colormapNeg, twoSided]);
  const labels = twoSided
    ? [fmt(layer.range.min), fmt(neg!), fmt(pos ?? layer.range.max), fmt(layer.range.max)]
    : [fmt(pos ?? layer.range.min), fmt(layer.range.max)];
  return (
    <div className="colorbar" data-testid="colorbar">
      <canvas ref={ref} width={240} height={14} />
      <div className={`colorbar-labels ${twoSided ? 'four' : 'two'}`}>
        {labels.map((l, i) => (
          <span key={i}>{l}</span>
        ))}
      </div>
    </div>
  );
}
