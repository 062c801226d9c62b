/** One node × node matrix as a heatmap with node names on both axes; hovering a cell names the edge. */
import { useEffect, useRef, useState } from 'react';
import { divergingColour } from '../../../shared/connectivity';

export interface HeatmapProps {
  testId: string;
  title: string;
  names: string[];
  /** n × n, row-major; NaN cells (the diagonal, missing edges) are drawn empty */
  values: Float64Array;
  /** colour scale runs -limit..+limit (blue, white, red) */
  limit: number;
  /** cells where this is false are drawn faded (below threshold) */
  shown?: (i: number, j: number) => boolean;
  unit: string;
  /** the main figure: larger labels */
  large?: boolean;
}

const CELL_MIN = 8;
const short = (name: string) => (name.length > 18 ? `${name.slice(0, 17)}…` : name);


export function MatrixHeatmap({ testId, title, names, values, limit, shown, unit, large }: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string>('');
  const labelPx = useRef(120);
  // Redraw at the new size when the window (and so the figure) changes width.
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current?.parentElement;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const n = names.length;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const cssW = canvas.parentElement?.clientWidth || 320;
    const g0 = canvas.getContext('2d');
    if (!g0) return;
    // Room for the longest (shortened) node name at the largest font this figure uses.
    g0.font = `${large ? 13 : 11}px system-ui, sans-serif`;
    const labelWidth = Math.min(180, Math.ceil(Math.max(40, ...names.map((x) => g0.measureText(short(x)).width))) + 8);
    labelPx.current = labelWidth;
    const cell = Math.max(CELL_MIN, Math.floor((cssW - labelWidth) / Math.max(1, n)));
    const size = labelWidth + cell * n;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(size * dpr);
    canvas.height = Math.round(size * dpr);
    canvas.style.height = `${size}px`;
    canvas.style.width = `${size}px`;
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = '#111318';
    g.fillRect(0, 0, size, size);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = values[i * n + j];
        if (!Number.isFinite(v)) continue;
        const [r, gg, b] = divergingColour(v, limit);
        g.globalAlpha = !shown || shown(i, j) ? 1 : 0.18;
        g.fillStyle = `rgb(${r},${gg},${b})`;
        g.fillRect(labelWidth + j * cell, labelWidth + i * cell, cell, cell);
      }
    }
    g.globalAlpha = 1;
    g.fillStyle = '#d8dce4';
    g.font = `${Math.min(large ? 13 : 11, Math.max(8, cell - 1))}px system-ui, sans-serif`;
    g.textBaseline = 'middle';
    for (let i = 0; i < n; i++) {
      const label = short(names[i]);
      g.textAlign = 'right';
      g.fillText(label, labelWidth - 4, labelWidth + (i + 0.5) * cell);
      g.save();
      g.translate(labelWidth + (i + 0.5) * cell, labelWidth - 4);
      g.rotate(-Math.PI / 2);
      g.textAlign = 'left';
      g.fillText(label, 0, 0);
      g.restore();
    }
  }, [names, values, limit, shown, n, large, width]);

  function onMove(e: React.MouseEvent<HTMLCanvasElement>) {
    const canvas = ref.current!;
    const rect = canvas.getBoundingClientRect();
    const size = canvas.height / (window.devicePixelRatio || 1);
    const cell = (size - labelPx.current) / Math.max(1, n);
    const j = Math.floor((e.clientX - rect.left - labelPx.current) / cell);
    const i = Math.floor((e.clientY - rect.top - labelPx.current) / cell);
    if (i < 0 || j < 0 || i >= n || j >= n || i === j) return setHover('');
    const v = values[i * n + j];
    setHover(`${names[i]} – ${names[j]}: ${Number.isFinite(v) ? v.toFixed(3) : '—'} ${unit}`);
  }

  return (
    <figure className="matrix-figure" data-testid={testId}>
      <figcaption className="matrix-title">{title}</figcaption>
      <canvas ref={ref} className="matrix-canvas" onMouseMove={onMove} onMouseLeave={() => setHover('')} title={hover} />
      <div className="matrix-hover muted" data-testid={`${testId}-hover`}>{hover || '\u00a0'}</div>
    </figure>
  );
}
