/**
 * Where each panel goes on the page, in points: a grid of `columns`, panels in order left to
 * right, each spanning its columns; a row is as tall as its tallest panel.
 */
import type { Figure, Panel, Plane } from './schema';
import { mmToPt } from './units';
import { planeSizeMm } from './slices';
import { glassViews, glassViewSizeMm } from './mip';
import { surfaceLayout } from './surface';
import { renderHeight } from './render';
import { connectomeLayout } from './connectome';

export const MARGIN_MM = 2;
export const GAP_MM = 3;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PanelPlace {
  panel: Panel;
  index: number;
  box: Box;
  /** Below the letter and title line. */
  content: Box;
  /** Room under the content for the panel's own colorbar (per-panel mode), or null. */
  colorbar: Box | null;
}

export interface PageLayout {
  widthPt: number;
  heightPt: number;
  places: PanelPlace[];
  sharedColorbar: Box | null;
  caption: { x: number; y: number; w: number; lines: string[]; sizePt: number } | null;
  /** Said to the user: e.g. the panels do not fit a fixed height. */
  warnings: string[];
}

export const headerHeight = (fontPt: number): number => fontPt * 1.35 * 1.3;
export const colorbarHeight = (fontPt: number): number => fontPt * 4.6;
export const isBrainPanel = (p: Panel): boolean => p.kind === 'slices' || p.kind === 'glass';
/** Panels with a contrast colour scale (a colorbar can explain them). */
export const hasColourScale = (p: Panel): boolean => isBrainPanel(p) || p.kind === 'surface' || p.kind === 'render';

/** Slices per row of a mosaic: all of them unless each would be narrower than 14 mm. */
export function mosaicColumns(n: number, widthPt: number): number {
  return Math.max(1, Math.min(n, Math.floor(widthPt / mmToPt(14))));
}

export const SLICE_GAP_PT = 1;

export function sliceCount(p: Panel & { kind: 'slices' }): number {
  if (p.mode === 'single') return 1;
  return p.autoCoords ? p.count : Math.max(1, p.coords.length);
}

/** Height of a mosaic of `n` slices of `plane` in a box `widthPt` wide, with a label line under each. */
export function mosaicHeight(plane: Plane, n: number, widthPt: number, fontPt: number): { height: number; cols: number; sliceW: number; sliceH: number; labelH: number } {
  const cols = mosaicColumns(n, widthPt);
  const rows = Math.ceil(n / cols);
  const sliceW = (widthPt - (cols - 1) * SLICE_GAP_PT) / cols;
  const { w, h } = planeSizeMm(plane);
  const sliceH = (sliceW * h) / w;
  const labelH = fontPt * 1.3;
  return { height: rows * (sliceH + labelH), cols, sliceW, sliceH, labelH };
}

export function glassHeight(display: 'ortho' | 'lyrz', widthPt: number): { height: number; scale: number } {
  const views = glassViews(display);
  const gaps = (views.length - 1) * SLICE_GAP_PT * 2;
  const totalMm = views.reduce((s, v) => s + glassViewSizeMm(v).w, 0);
  const scale = (widthPt - gaps) / totalMm;
  return { height: Math.max(...views.map((v) => glassViewSizeMm(v).h)) * scale, scale };
}

/** Content height of a panel `w` points wide; `rows` is the cluster table's row count. */
export function contentHeight(p: Panel, w: number, fontPt: number, tableRows = 0): number {
  switch (p.kind) {
    case 'slices':
      return mosaicHeight(p.plane, sliceCount(p), w, fontPt).height;
    case 'glass':
      return glassHeight(p.display, w).height;
    case 'roi':
      return Math.min(w * 0.85, mmToPt(60));
    case 'clusters':
      return (Math.min(tableRows, p.maxRows) + 1.6) * fontPt * 1.45;
    case 'matrix':
      return Math.min(w, mmToPt(95)) + fontPt * 4.2;
    case 'colorbar':
      return colorbarHeight(fontPt);
    case 'surface':
      return surfaceLayout(p, w, fontPt).height;
    case 'render':
      return renderHeight(p, w);
    case 'connectome':
      return connectomeLayout(p, w, fontPt).height;
  }
}

/** Lays out the page; `measure(text, sizePt, maxPt)` wraps the caption. */
export function layoutPage(figure: Figure, wrap: (text: string, sizePt: number, maxPt: number) => string[], caption: string, tableRows: (p: Panel) => number = () => 0): PageLayout {
  const { page } = figure;
  const widthPt = mmToPt(page.widthMm);
  const margin = mmToPt(MARGIN_MM);
  const gap = mmToPt(GAP_MM);
  const cols = Math.max(1, figure.columns);
  const inner = widthPt - 2 * margin;
  const colW = (inner - (cols - 1) * gap) / cols;
  const header = headerHeight(page.fontPt);
  const barH = colorbarHeight(page.fontPt);
  const places: PanelPlace[] = [];
  let y = margin;
  let col = 0;
  let row: PanelPlace[] = [];
  const closeRow = () => {
    if (!row.length) return;
    const h = Math.max(...row.map((r) => r.box.h));
    for (const r of row) r.box.h = h;
    y += h + gap;
    row = [];
    col = 0;
  };
  figure.panels.forEach((panel, index) => {
    const span = Math.min(cols, panel.span);
    if (col + span > cols) closeRow();
    const x = margin + col * (colW + gap);
    const w = span * colW + (span - 1) * gap;
    const ch = contentHeight(panel, w, page.fontPt, tableRows(panel));
    const ownBar = figure.colorbar === 'per-panel' && hasColourScale(panel);
    const h = header + ch + (ownBar ? barH : 0);
    const place: PanelPlace = {
      panel,
      index,
      box: { x, y, w, h },
      content: { x, y: y + header, w, h: ch },
      colorbar: ownBar ? { x, y: y + header + ch, w: Math.min(w, mmToPt(70)), h: barH } : null,
    };
    places.push(place);
    row.push(place);
    col += span;
  });
  closeRow();
  if (places.length) y -= gap;
  let sharedColorbar: Box | null = null;
  if (figure.colorbar === 'shared' && figure.panels.some(hasColourScale) && !figure.panels.some((p) => p.kind === 'colorbar')) {
    const w = Math.min(inner, mmToPt(80));
    sharedColorbar = { x: margin + (inner - w) / 2, y: y + gap * 0.5, w, h: barH };
    y = sharedColorbar.y + barH;
  }
  let cap: PageLayout['caption'] = null;
  if (caption.trim()) {
    const sizePt = Math.max(5, page.fontPt - 1);
    const lines = wrap(caption, sizePt, inner);
    cap = { x: margin, y: y + gap * 0.5 + sizePt, w: inner, lines, sizePt };
    y = cap.y + (lines.length - 1) * sizePt * 1.25 + sizePt * 0.4;
  }
  const needed = y + margin;
  const warnings: string[] = [];
  let heightPt = needed;
  if (page.heightMm !== null) {
    heightPt = mmToPt(page.heightMm);
    if (needed > heightPt + 0.01) warnings.push(`The panels need ${(needed / mmToPt(1)).toFixed(0)} mm of height; the page is ${page.heightMm} mm, so the bottom is cut off`);
  }
  return { widthPt, heightPt, places, sharedColorbar, caption: cap, warnings };
}
