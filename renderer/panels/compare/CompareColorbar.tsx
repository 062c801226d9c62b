/** One colorbar for the contrast: cool (negative) | threshold gap | warm (positive), drawn from niivue's own tables. */
import { useEffect, useRef, useState } from 'react';
import { Niivue } from '@niivue/niivue';
import type { CompareDisplay } from '../../views/compare/compareController';
import { compareController } from '../../views/compare/instance';

function lut(name: string): Uint8ClampedArray {
  return Niivue.prototype.colormap.call(null as unknown as Niivue, name, false);
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

function paint(c: HTMLCanvasElement | null, parts: { name: string; reverse: boolean }[]): void {
  const g = c?.getContext('2d');
  if (!c || !g) return;
  const w = c.width;
  const h = c.height;
  g.clearRect(0, 0, w, h);
  const gap = parts.length > 1 ? 6 : 0;
  const each = (w - gap * (parts.length - 1)) / parts.length;
  parts.forEach((p, k) => {
    const t = lut(p.name);
    const x0 = Math.round(k * (each + gap));
    const x1 = Math.round(x0 + each);
    for (let x = x0; x < x1; x++) {
      let f = (x - x0) / Math.max(1, x1 - x0 - 1);
      if (p.reverse) f = 1 - f;
      const i = Math.min(255, Math.max(0, Math.round(f * 255))) * 4;
      g.fillStyle = `rgb(${t[i]},${t[i + 1]},${t[i + 2]})`;
      g.fillRect(x, 0, 1, h);
    }
  });
}

export function useCompareDisplay(): CompareDisplay | null {
  const [d, setD] = useState<CompareDisplay | null>(null);
  useEffect(() => compareController().subscribe(setD), []);
  return d;
}

export function CompareColorbar({ statName, units, twoSided }: { statName: string; units: string; twoSided: boolean }) {
  const d = useCompareDisplay();
  const ref = useRef<HTMLCanvasElement>(null);
  const meanRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => paint(ref.current, twoSided ? [{ name: 'winter', reverse: true }, { name: 'warm', reverse: false }] : [{ name: 'warm', reverse: false }]), [twoSided, d?.key]);
  const signed = d?.meanRange.signed ?? false;
  useEffect(() => paint(meanRef.current, signed ? [{ name: 'winter', reverse: true }, { name: 'warm', reverse: false }] : [{ name: 'viridis', reverse: false }]), [signed, d?.key]);
  if (!d) return null;
  const top = Math.max(d.statMax, Number.isFinite(d.cut) ? d.cut * 1.5 : 1);
  const cut = Number.isFinite(d.cut) ? fmt(d.cut) : 'none';
  return (
    <div className="compare-colorbars">
      {d.meanA && (
        <div className="colorbar compare-colorbar" data-testid="mean-colorbar">
          <span className="cb-title">condition means ({units})</span>
          <canvas ref={meanRef} width={240} height={14} />
          <div className="colorbar-labels two">
            <span>{fmt(d.meanRange.min)}</span>
            <span>{fmt(d.meanRange.max)}</span>
          </div>
        </div>
      )}
      <div className="colorbar compare-colorbar" data-testid="compare-colorbar">
        <span className="cb-title">
          {statName}: {Number.isFinite(d.cut) ? <>shown where |value| ≥ <b data-testid="colorbar-cut">{cut}</b></> : <b data-testid="colorbar-cut">no voxel survives</b>}
        </span>
        <canvas ref={ref} width={360} height={14} />
        {Number.isFinite(d.cut) ? (
          <div className={`colorbar-labels ${twoSided ? 'four' : 'two'}`}>
            {twoSided && <span>{fmt(-top)}</span>}
            {twoSided && <span>−{cut}</span>}
            <span>{cut}</span>
            <span>{fmt(top)}</span>
          </div>
        ) : (
          <div className="colorbar-labels two">
            <span>{twoSided ? fmt(-top) : '0'}</span>
            <span>{fmt(top)}</span>
          </div>
        )}
      </div>
    </div>
  );
}
