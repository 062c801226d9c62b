/** One colorbar on screen: its ramp painted from niivue's tables, an optional title, tick labels. */
import { useEffect, useRef } from 'react';
import { paintRamp, type ColorbarModel } from '../colour/ramp';

export function RampBar({ bar, width, gap, className, testId, showTitle }: { bar: ColorbarModel; width: number; gap?: number; className: string; testId: string; showTitle: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const key = bar.parts.map((p) => `${p.name}${p.reverse}`).join();
  useEffect(() => {
    const c = ref.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    g.clearRect(0, 0, c.width, c.height);
    paintRamp(g, 0, 0, c.width, c.height, bar.parts, gap);
  }, [key, bar.parts, gap]);
  return (
    <div className={className} data-testid={testId}>
      {showTitle && (
        <span className="cb-title">
          {bar.title}
          {bar.id === 'stat' ? <b data-testid="colorbar-cut">{bar.emphasis}</b> : bar.emphasis && <b>{bar.emphasis}</b>}
        </span>
      )}
      <canvas ref={ref} width={width} height={14} />
      <div className={`colorbar-labels ${bar.labels.length === 4 ? 'four' : 'two'}`}>
        {bar.labels.map((l, i) => (
          <span key={i}>{l}</span>
        ))}
      </div>
    </div>
  );
}
