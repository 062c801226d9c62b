/** The compare colorbars: condition means, and the contrast as cool (negative) | threshold gap | warm (positive). */
import { useEffect, useRef, useState } from 'react';
import type { CompareDisplay } from '../../views/compare/compareController';
import { compareController } from '../../views/compare/instance';
import { compareColorbars } from '../../views/compare/colorbars';
import { paintRamp, type ColorbarModel } from '../../views/figure/ramp';

export function useCompareDisplay(): CompareDisplay | null {
  const [d, setD] = useState<CompareDisplay | null>(null);
  useEffect(() => compareController().subscribe(setD), []);
  return d;
}

function Bar({ bar, width }: { bar: ColorbarModel; width: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const key = bar.parts.map((p) => `${p.name}${p.reverse}`).join();
  useEffect(() => {
    const c = ref.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    g.clearRect(0, 0, c.width, c.height);
    paintRamp(g, 0, 0, c.width, c.height, bar.parts);
  }, [key, bar.parts]);
  return (
    <div className="colorbar compare-colorbar" data-testid={bar.id === 'mean' ? 'mean-colorbar' : 'compare-colorbar'}>
      <span className="cb-title">
        {bar.title}
        {bar.id === 'stat' ? <b data-testid="colorbar-cut">{bar.emphasis}</b> : bar.emphasis && <b>{bar.emphasis}</b>}
      </span>
      <canvas ref={ref} width={width} height={14} />
      <div className={`colorbar-labels ${bar.labels.length === 4 ? 'four' : 'two'}`}>
        {bar.labels.map((l, k) => <span key={k}>{l}</span>)}
      </div>
    </div>
  );
}

export function CompareColorbar({ statName, units, twoSided }: { statName: string; units: string; twoSided: boolean }) {
  const d = useCompareDisplay();
  if (!d) return null;
  return (
    <div className="compare-colorbars">
      {compareColorbars(d, statName, units, twoSided).map((bar) => <Bar key={bar.id} bar={bar} width={bar.id === 'mean' ? 240 : 360} />)}
    </div>
  );
}
