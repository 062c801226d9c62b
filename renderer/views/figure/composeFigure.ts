/**
 * A figure from WebGL panes: the panes side by side as drawn, each with its title above, the
 * colorbars underneath, a few lines of what is shown (threshold, crosshair, orientation) and,
 * for simulated data, the notice, so the picture carries its own caption into a slide or a paper.
 * Sizes follow the panes' backing resolution, so a HiDPI screen gives a sharper figure.
 */
import type { ViewState } from '../../../shared/scene';
import { paintRamp, type ColorbarModel } from '../../colour/ramp';

export interface FigurePanel {
  canvas: HTMLCanvasElement;
  /** Title lines drawn above the pane. */
  title: string[];
}

export interface FigureSpec {
  heading: string;
  panels: FigurePanel[];
  colorbars: ColorbarModel[];
  lines: string[];
  notice: string | null;
  background: string;
}

const FONT = 'system-ui, "DejaVu Sans", sans-serif';
const TEXT = '#e6e8ec';
const MUTED = '#aab0bb';
const NOTICE = '#f0b45a';

export function composeFigure(spec: FigureSpec): HTMLCanvasElement {
  const first = spec.panels[0]?.canvas;
  if (!first) throw new Error('Nothing is drawn yet');
  const s = first.clientWidth ? first.width / first.clientWidth : 1;
  const px = (v: number) => Math.round(v * s);
  const m = px(12);
  const gap = px(6);
  const titleLines = Math.max(...spec.panels.map((p) => p.title.length));
  const headH = px(24);
  const titleH = px(18) * titleLines + px(6);
  const paneW = spec.panels.reduce((w, p) => w + p.canvas.width, 0) + gap * (spec.panels.length - 1);
  const paneH = Math.max(...spec.panels.map((p) => p.canvas.height));
  const barH = spec.colorbars.length ? px(16 + 14 + 18) + px(8) : 0;
  const lineH = px(18);
  const textH = lineH * (spec.lines.length + (spec.notice ? 1 : 0)) + px(6);
  const out = document.createElement('canvas');
  out.width = paneW + 2 * m;
  out.height = m + headH + titleH + paneH + px(10) + barH + textH + m;
  const g = out.getContext('2d');
  if (!g) throw new Error('The figure could not be drawn (no 2D canvas)');
  g.fillStyle = spec.background;
  g.fillRect(0, 0, out.width, out.height);
  g.textBaseline = 'top';

  g.fillStyle = TEXT;
  g.font = `600 ${px(16)}px ${FONT}`;
  g.fillText(spec.heading, m, m, out.width - 2 * m);

  let x = m;
  const paneTop = m + headH + titleH;
  for (const p of spec.panels) {
    p.title.forEach((line, k) => {
      g.fillStyle = k === 0 ? TEXT : MUTED;
      g.font = `${k === 0 ? '600 ' : ''}${px(14)}px ${FONT}`;
      g.fillText(line, x, m + headH + px(18) * k, p.canvas.width);
    });
    g.drawImage(p.canvas, x, paneTop);
    x += p.canvas.width + gap;
  }

  let y = paneTop + paneH + px(10);
  let bx = m;
  for (const bar of spec.colorbars) {
    const w = px(bar.id === 'mean' ? 240 : 360);
    g.font = `${px(13)}px ${FONT}`;
    g.fillStyle = TEXT;
    g.fillText(bar.title, bx, y);
    const after = g.measureText(bar.title).width;
    g.font = `700 ${px(13)}px ${FONT}`;
    g.fillText(bar.emphasis, bx + after, y);
    paintRamp(g, bx, y + px(16), w, px(14), bar.parts, px(6));
    g.font = `${px(12)}px ${FONT}`;
    g.fillStyle = MUTED;
    bar.labels.forEach((label, k) => {
      const n = bar.labels.length;
      const at = bx + (w * k) / (n - 1);
      g.textAlign = k === 0 ? 'left' : k === n - 1 ? 'right' : 'center';
      g.fillText(label, at, y + px(32));
    });
    g.textAlign = 'left';
    bx += w + px(36);
  }
  y += barH;

  g.font = `${px(13)}px ${FONT}`;
  for (const line of spec.lines) {
    g.fillStyle = MUTED;
    g.fillText(line, m, y, out.width - 2 * m);
    y += lineH;
  }
  if (spec.notice) {
    g.fillStyle = NOTICE;
    g.font = `600 ${px(13)}px ${FONT}`;
    g.fillText(spec.notice, m, y, out.width - 2 * m);
  }
  return out;
}

export async function canvasPng(c: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The figure could not be encoded as PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

/** The caption line every figure carries: where the crosshair is and which way left is. */
export function crosshairCaption(view: ViewState): string {
  const [x, y, z] = view.crosshairMm.map((v) => Number(v.toFixed(1)));
  return `Crosshair at MNI ${x}, ${y}, ${z} mm · ${view.radiological ? 'radiological (L on the right)' : 'neurological (L on the left)'}`;
}
