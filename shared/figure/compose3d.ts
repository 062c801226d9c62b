/**
 * The 3D panels on the page: where each picture sits and its pixel size at the DPI, the request
 * its capture gets, and the picture with its text (view names, row titles) as drawing items.
 * The pictures are made before composing (capturePanels in compose.ts), since capturing is
 * asynchronous: WebGL in the app's page, or in headless Chromium for the CLI.
 */
import { meanWhereShown } from '../compare/displayWindow';
import type { Capture3dRequest } from './capture3d';
import { brainContent, image, type Ink } from './content';
import type { DrawItem } from './draw';
import type { Box } from './layout';
import { contrastKey, type PreparedContrast, type PreparedFigure } from './prepare';
import { renderHeight, renderRequest } from './render';
import type { ConnectomePanel, Figure, Panel, RenderPanel, SurfacePanel } from './schema';
import { connectomeKey, connectomeKeyLines, connectomeKeyPt, connectomeLayout, connectomeRequest } from './connectome';
import { textWidth, wrapText as wrapKey } from './draw';
import { SURFACE_VIEW_LABELS, surfaceLayout, surfaceRequest } from './surface';
import { ptToPx } from './units';
import { templateScale, type Volume } from './volume';

export type Panel3d = SurfacePanel | RenderPanel | ConnectomePanel;
export const is3dPanel = (p: Panel): p is Panel3d => p.kind === 'surface' || p.kind === 'render' || p.kind === 'connectome';

const surfaceRowTitle = (r: SurfacePanel['rows'][number], c: PreparedContrast | undefined): string => (r === 'contrast' ? (c ? `${c.first} − ${c.second}` : 'contrast') : `mean, ${r === 'conditionA' ? (c?.spec.conditionA ?? 'A') : (c?.spec.conditionB ?? 'B')}`);

const pxOf = (pt: number, fig: Figure) => Math.max(8, Math.round(ptToPx(pt, fig.page.dpi)));

/** The picture's pixel size and where it sits: the view labels on top, row titles between rows. */
function surfacePlace(p: SurfacePanel, box: Box, fig: Figure): { image: Box; pxW: number; pxH: number; gapPx: number; l: ReturnType<typeof surfaceLayout> } {
  const l = surfaceLayout(p, box.w, fig.page.fontPt);
  const at: Box = { x: box.x, y: box.y + l.labelH + l.titleH, w: box.w, h: l.imageH };
  return { image: at, pxW: pxOf(at.w, fig), pxH: pxOf(at.h, fig), gapPx: Math.round(ptToPx(l.titleH, fig.page.dpi)), l };
}

function renderPlace(p: RenderPanel, box: Box, fig: Figure): { image: Box; pxW: number; pxH: number } {
  const at: Box = { x: box.x, y: box.y, w: box.w, h: renderHeight(p, box.w) };
  return { image: at, pxW: pxOf(at.w, fig), pxH: pxOf(at.h, fig) };
}

function connectomePlace(p: ConnectomePanel, box: Box, fig: Figure): { image: Box; pxW: number; pxH: number } {
  const at: Box = { x: box.x, y: box.y, w: box.w, h: connectomeLayout(p, box.w, fig.page.fontPt).imageH };
  return { image: at, pxW: pxOf(at.w, fig), pxH: pxOf(at.h, fig) };
}

/** The mean where the thresholded contrast survives, else 0 (as Compare's 3D render shows a mean). */
const maskedCache = new WeakMap<Float32Array, WeakMap<Float32Array, Volume>>();
function maskedBy(mean: Volume, stat: Volume): Volume {
  let byStat = maskedCache.get(mean.data);
  if (!byStat) maskedCache.set(mean.data, (byStat = new WeakMap()));
  const hit = byStat.get(stat.data);
  if (hit) return hit;
  const v = { grid: mean.grid, data: meanWhereShown(mean.data, stat.data) };
  byStat.set(stat.data, v);
  return v;
}

/** What to capture for a 3D panel drawn in `box`, or null when its data are missing. */
export function captureRequest(p: Panel3d, box: Box, fig: Figure, prep: PreparedFigure, ink: Ink): Capture3dRequest | null {
  if (p.kind === 'surface') {
    const c = prep.contrasts.get(contrastKey(p.contrast));
    if (!c) return null;
    const { pxW, pxH, gapPx } = surfacePlace(p, box, fig);
    return surfaceRequest(p, c, pxW, pxH, gapPx, ink.bg);
  }
  if (p.kind === 'connectome') {
    const c = prep.connectomes.get(p.id);
    if (!c) return null;
    const { pxW, pxH } = connectomePlace(p, box, fig);
    return connectomeRequest(p, c, pxW, pxH, ink.bg);
  }
  const { overlays, contrast } = brainContent(p, prep);
  if (!overlays.length) return null;
  const shown = contrast && p.content !== 'contrast' ? overlays.map((o) => ({ ...o, volume: maskedBy(o.volume, contrast.display) })) : overlays;
  const { pxW, pxH } = renderPlace(p, box, fig);
  const t = prep.sources.template;
  return renderRequest(p, shown, prep.sources.templateFile, { min: 0, max: templateScale(t) }, pxW, pxH, ink.bg);
}

function missing(box: Box, fig: Figure, prep: PreparedFigure, ink: Ink, what: string): DrawItem[] {
  const text = prep.sources.capture3d ? `${what}: not drawn` : `${what} need WebGL, which this renderer does not have`;
  return [{ type: 'text', x: box.x, y: box.y + fig.page.fontPt * 2, text, sizePt: fig.page.fontPt, fill: ink.ink, anchor: 'start' }];
}

function drawSurface(p: SurfacePanel, box: Box, fig: Figure, prep: PreparedFigure, ink: Ink): DrawItem[] {
  const fontPt = fig.page.fontPt;
  const cap = prep.captures.get(p.id);
  if (!cap) return missing(box, fig, prep, ink, '3D surfaces');
  const c = prep.contrasts.get(contrastKey(p.contrast));
  const { image: at, l } = surfacePlace(p, box, fig);
  const items: DrawItem[] = [image(at, cap.rgba, cap.pxW, cap.pxH, fig.page.dpi)];
  const sz = fontPt * 0.9;
  p.views.forEach((v, k) => items.push({ type: 'text', x: box.x + (k + 0.5) * l.cellW, y: box.y + sz * 1.05, text: SURFACE_VIEW_LABELS[v], sizePt: sz, fill: ink.ink, anchor: 'middle' }));
  if (p.rows.length > 1) p.rows.forEach((r, i) => items.push({ type: 'text', x: box.x, y: at.y + i * (l.cellH + l.titleH) - l.titleH * 0.25, text: surfaceRowTitle(r, c), sizePt: fontPt, fill: ink.ink, anchor: 'start' }));
  return items;
}

function drawRender(p: RenderPanel, box: Box, fig: Figure, prep: PreparedFigure, ink: Ink): DrawItem[] {
  const cap = prep.captures.get(p.id);
  if (!cap) return missing(box, fig, prep, ink, '3D volume renders');
  return [image(renderPlace(p, box, fig).image, cap.rgba, cap.pxW, cap.pxH, fig.page.dpi)];
}

interface Rect { x0: number; y0: number; x1: number; y1: number }
const hits = (a: Rect, b: Rect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const overlapArea = (a: Rect, b: Rect): number => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/**
 * Node names as text over the picture, strongest node first (the capture's order): each takes the
 * first place by its node (above, below, right, left, further above and below) that covers no
 * earlier label and no labelled node, else the place that covers least; kept inside the picture.
 */
export function placeNodeLabels(labels: { text: string; x: number; y: number; r?: number }[], at: Box, pxW: number, pxH: number, sizePt: number, fill: string): DrawItem[] {
  const sx = at.w / pxW;
  const sy = at.h / pxH;
  const pad = sizePt * 0.12;
  // The labelled nodes' balls: a name should not hide another node.
  const taken: Rect[] = labels.map((l) => {
    const cx = at.x + l.x * sx;
    const cy = at.y + l.y * sy;
    const r = (l.r ?? 0) * sx;
    return { x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r };
  });
  const items: DrawItem[] = [];
  for (const l of labels) {
    const cx = at.x + l.x * sx;
    const cy = at.y + l.y * sy;
    if (cx < at.x || cx > at.x + at.w || cy < at.y || cy > at.y + at.h) continue;
    const r = (l.r ?? 0) * sx + sizePt * 0.15;
    const w = textWidth(l.text, sizePt);
    const h = sizePt * 0.95;
    // Boxes of the text (top left, width, height) around the node's centre.
    const spots: [number, number][] = [
      [cx - w / 2, cy - r - h],
      [cx - w / 2, cy + r],
      [cx + r, cy - h / 2],
      [cx - r - w, cy - h / 2],
      [cx - w / 2, cy - r - 2 * h],
      [cx - w / 2, cy + r + h],
    ];
    let best: Rect | null = null;
    let bestCost = Infinity;
    for (const [x0, y0] of spots) {
      const x = Math.max(at.x, Math.min(at.x + at.w - w, x0));
      const y = Math.max(at.y, Math.min(at.y + at.h - h, y0));
      const rect = { x0: x - pad, y0: y - pad, x1: x + w + pad, y1: y + h + pad };
      const cost = taken.reduce((s, t) => s + (hits(rect, t) ? overlapArea(rect, t) : 0), 0);
      if (cost < bestCost) {
        best = rect;
        bestCost = cost;
      }
      if (cost === 0) break;
    }
    taken.push(best!);
    // The baseline sits ~0.78 of the box down (DejaVu's ascent).
    items.push({ type: 'text', x: best!.x0 + pad, y: best!.y0 + pad + sizePt * 0.78, text: l.text, sizePt, fill, anchor: 'start' });
  }
  return items;
}

function drawConnectome(p: ConnectomePanel, box: Box, fig: Figure, prep: PreparedFigure, ink: Ink): DrawItem[] {
  const cap = prep.captures.get(p.id);
  const c = prep.connectomes.get(p.id);
  if (!cap || !c) return missing(box, fig, prep, ink, '3D connectomes');
  const fontPt = fig.page.fontPt;
  const { image: at } = connectomePlace(p, box, fig);
  const items: DrawItem[] = [image(at, cap.rgba, cap.pxW, cap.pxH, fig.page.dpi)];
  if (p.labels && cap.labels) items.push(...placeNodeLabels(cap.labels, at, cap.pxW, cap.pxH, Math.max(5, fontPt * 0.8), ink.ink));
  // The key under the picture: as many lines as the layout kept (its widest numbers), never more.
  const keyPt = connectomeKeyPt(fontPt);
  const room = connectomeKeyLines(p, box.w, fontPt).length;
  const lines = wrapKey(connectomeKey(p, c.edges.length, c.limit), keyPt, box.w).slice(0, room);
  lines.forEach((line, i) => items.push({ type: 'text', x: box.x, y: at.y + at.h + fontPt * 0.3 + keyPt * (1 + i * 1.25), text: line, sizePt: keyPt, fill: ink.ink, anchor: 'start' }));
  return items;
}

export function draw3d(p: Panel3d, box: Box, fig: Figure, prep: PreparedFigure, ink: Ink): DrawItem[] {
  if (p.kind === 'connectome') return drawConnectome(p, box, fig, prep, ink);
  return p.kind === 'surface' ? drawSurface(p, box, fig, prep, ink) : drawRender(p, box, fig, prep, ink);
}
