/**
 * The 3D panels on the page: where each picture sits and its pixel size at the DPI, the request
 * its capture gets, and the picture with its text (view names, row titles) as drawing items.
 * The pictures are made before composing (capturePanels in compose.ts), since capturing is
 * asynchronous: WebGL in the app's page, or in headless Chromium for the CLI.
 */
import type { Capture3dRequest } from './capture3d';
import { brainContent, image, type Ink } from './content';
import type { DrawItem } from './draw';
import type { Box } from './layout';
import { contrastKey, type PreparedContrast, type PreparedFigure } from './prepare';
import { renderHeight, renderRequest } from './render';
import type { Figure, Panel, RenderPanel, SurfacePanel } from './schema';
import { SURFACE_VIEW_LABELS, surfaceLayout, surfaceRequest } from './surface';
import { ptToPx } from './units';
import { templateScale, type Volume } from './volume';

export type Panel3d = SurfacePanel | RenderPanel;
export const is3dPanel = (p: Panel): p is Panel3d => p.kind === 'surface' || p.kind === 'render';

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

/** The mean where the thresholded contrast survives, else 0 (as Compare's 3D render shows a mean). */
const maskedCache = new WeakMap<Float32Array, WeakMap<Float32Array, Volume>>();
function maskedBy(mean: Volume, stat: Volume): Volume {
  let byStat = maskedCache.get(mean.data);
  if (!byStat) maskedCache.set(mean.data, (byStat = new WeakMap()));
  const hit = byStat.get(stat.data);
  if (hit) return hit;
  const out = new Float32Array(mean.data.length);
  for (let i = 0; i < out.length; i++) out[i] = stat.data[i] !== 0 && mean.data[i] === mean.data[i] ? mean.data[i] : 0;
  const v = { grid: mean.grid, data: out };
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

export function draw3d(p: Panel3d, box: Box, fig: Figure, prep: PreparedFigure, ink: Ink): DrawItem[] {
  return p.kind === 'surface' ? drawSurface(p, box, fig, prep, ink) : drawRender(p, box, fig, prep, ink);
}
