/** A layer's colorbar, drawn from niivue's own lookup tables so it matches the view exactly. */
import { useEffect, useRef } from 'react';
import type { Layer } from '../../shared/scene';
import { layerColorbar, paintRamp } from '../views/figure/ramp';

export function Colorbar({ layer }: { layer: Layer }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const bar = layerColorbar(layer);
  const key = bar.parts.map((p) => `${p.name}${p.reverse}`).join();
  useEffect(() => {
    const c = ref.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    g.clearRect(0, 0, c.width, c.height);
    paintRamp(g, 0, 0, c.width, c.height, bar.parts, 4);
  }, [key, bar.parts]);
  return (
    <div className="colorbar" data-testid="colorbar">
      <canvas ref={ref} width={240} height={14} />
      <div className={`colorbar-labels ${bar.labels.length === 4 ? 'four' : 'two'}`}>
        {bar.labels.map((l, i) => (
          <span key={i}>{l}</span>
        ))}
      </div>
    </div>
  );
}
