/**
 * The surface grid as a picture: for Export PNG now, and as a 3D panel of figures later.
 * `renderSurfaceGrid(width, height)` draws the grid's views at that pixel size (not the screen's)
 * with their row titles and view names, into a 2D canvas.
 */
import type { SurfaceScene, SurfaceViewId, ViewRect } from './surfaceScene';
import { VIEWS } from './surfaceScene';

interface Source {
  scene: SurfaceScene | null;
  rows: string[];
  columns: SurfaceViewId[];
  titles: Record<string, string>;
  /** draws the on-screen grid again (an export resizes the shared canvas) */
  redraw: () => void;
}

let source: (() => Source) | null = null;

export function registerSurfaceGrid(fn: () => Source): () => void {
  source = fn;
  return () => {
    if (source === fn) source = null;
  };
}

export function surfaceGridShown(): boolean {
  return !!source?.().scene;
}

/** What the open surface grid shows (rows, views, camera) for "Add to figure", or null. */
export function surfaceGridState(): { rows: string[]; columns: SurfaceViewId[]; orbit: { yaw: number; pitch: number; zoom: number } } | null {
  const src = source?.();
  if (!src?.scene) return null;
  return { rows: [...src.rows], columns: [...src.columns], orbit: { ...src.scene.orbit } };
}

/** The grid at width x height pixels, or null when no surface grid is open. */
export function renderSurfaceGrid(width: number, height: number): HTMLCanvasElement | null {
  const src = source?.();
  const sc = src?.scene;
  if (!src || !sc) return null;
  const r = sc.renderer;
  const canvas = r.domElement;
  const before = { w: canvas.clientWidth, h: canvas.clientHeight, ratio: r.getPixelRatio(), moving: sc.moving };
  // A picture is always the full meshes, even if the camera was being turned.
  sc.moving = false;
  const titleH = Math.round(Math.max(14, height / 40));
  const cellW = Math.floor(width / src.columns.length);
  const cellH = Math.floor((height - titleH * src.rows.length) / src.rows.length);
  const rects: ViewRect[] = [];
  src.rows.forEach((row, i) => src.columns.forEach((view, k) => rects.push({ row, view, x: k * cellW, y: i * (cellH + titleH) + titleH, w: cellW, h: cellH })));
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const g = out.getContext('2d')!;
  try {
    r.setPixelRatio(1);
    r.setSize(width, height, false);
    sc.render(rects, width, height);
    g.drawImage(canvas, 0, 0);
  } finally {
    r.setPixelRatio(before.ratio);
    r.setSize(before.w, before.h, false);
    sc.moving = before.moving;
    src.redraw();
  }
  g.fillStyle = '#0f1217';
  src.rows.forEach((row, i) => {
    const y = i * (cellH + titleH);
    g.fillRect(0, y, width, titleH);
    g.fillStyle = '#e6e9ee';
    g.font = `${Math.round(titleH * 0.75)}px system-ui, sans-serif`;
    g.textBaseline = 'top';
    g.fillText(String(src.titles[row] ?? row).replace('\n', ' · '), 6, y + 2);
    g.fillStyle = '#9aa4b2';
    g.font = `${Math.round(titleH * 0.65)}px system-ui, sans-serif`;
    src.columns.forEach((v, k) => g.fillText(VIEWS[v].label, k * cellW + 6, y + titleH + 4));
    g.fillStyle = '#0f1217';
  });
  return out;
}
