/** A figure as drawing primitives: letters, titles, brain pictures (PNG at the DPI), vector plots, tables and colorbars. */
import { SIMULATED_NOTICE } from '../study/types';
import { drawColorbar, fmtTick, type ColorbarSpec } from './colorbar';
import type { Capture3d } from './capture3d';
import { brainContent, image, inkOf, minus, type Ink } from './content';
import { captureRequest, draw3d, is3dPanel } from './compose3d';
import { wrapText, type DrawItem, type Drawing } from './draw';
import { glassHeight, hasColourScale, layoutPage, mosaicHeight, sliceCount, SLICE_GAP_PT, type Box, type PageLayout } from './layout';
import { glassViews, glassViewSizeMm, renderGlassView } from './mip';
import { contrastKey, type PreparedFigure } from './prepare';
import { drawRoiPlot } from './roiPlot';
import { drawMatrix } from './matrixPlot';
import type { Figure, GlassPanel, Panel, SlicesPanel } from './schema';
import { panelLetter } from './document';
import { planeAxes, renderSlice } from './slices';
import { mmToPt, ptToPx } from './units';
import { autoCuts } from './volume';
import { fmtFweP } from '../compare/fweDisplay';
import { edgeThresholdText } from './connectome';

function drawSlices(p: SlicesPanel, box: Box, fig: Figure, prep: PreparedFigure, ink: Ink): DrawItem[] {
  const items: DrawItem[] = [];
  const { overlays } = brainContent(p, prep);
  const fontPt = fig.page.fontPt;
  const n = sliceCount(p);
  const m = mosaicHeight(p.plane, n, box.w, fontPt);
  const axis = planeAxes(p.plane).n;
  const coords = p.mode === 'single' ? [p.coords[0] ?? 0] : p.autoCoords ? autoCuts(prep.sources.template, axis, n) : p.coords;
  const outlines = p.outlines && prep.sources.atlas ? { grid: prep.sources.atlas.grid, data: prep.sources.atlas.data } : null;
  const pxW = Math.max(8, Math.round(ptToPx(m.sliceW, fig.page.dpi)));
  const pxH = Math.max(8, Math.round(ptToPx(m.sliceH, fig.page.dpi)));
  coords.forEach((coord, i) => {
    const col = i % m.cols;
    const row = Math.floor(i / m.cols);
    const b: Box = { x: box.x + col * (m.sliceW + SLICE_GAP_PT), y: box.y + row * (m.sliceH + m.labelH), w: m.sliceW, h: m.sliceH };
    const rgba = renderSlice({ template: prep.sources.template, overlays, plane: p.plane, coord, pxW, pxH, radiological: p.radiological, background: ink.bg, outlines });
    items.push(image(b, rgba, pxW, pxH, fig.page.dpi));
    items.push({ type: 'text', x: b.x + b.w / 2, y: b.y + b.h + fontPt * 1.05, text: `${axis} = ${minus(Math.round(coord))}`, sizePt: fontPt, fill: ink.ink, anchor: 'middle' });
    if (i === 0 && p.plane !== 'sagittal') {
      // L/R marker on the first slice: which side of the picture is the subject's left.
      const sz = fontPt * 0.9;
      const [l, r] = p.radiological ? ['R', 'L'] : ['L', 'R'];
      items.push({ type: 'text', x: b.x + sz * 0.3, y: b.y + sz * 1.05, text: l, sizePt: sz, fill: ink.dark ? '#ffffff' : '#000000', anchor: 'start', bold: true });
      items.push({ type: 'text', x: b.x + b.w - sz * 0.3, y: b.y + sz * 1.05, text: r, sizePt: sz, fill: ink.dark ? '#ffffff' : '#000000', anchor: 'end', bold: true });
    }
  });
  return items;
}

function drawGlass(p: GlassPanel, box: Box, fig: Figure, prep: PreparedFigure, ink: Ink): DrawItem[] {
  const items: DrawItem[] = [];
  const { glass } = brainContent(p, prep);
  if (!glass) return [{ type: 'text', x: box.x, y: box.y + fig.page.fontPt, text: 'glass brain: choose the contrast or a statistic layer', sizePt: fig.page.fontPt, fill: ink.ink, anchor: 'start' }];
  const { scale } = glassHeight(p.display, box.w);
  let x = box.x;
  for (const v of glassViews(p.display)) {
    const mm = glassViewSizeMm(v);
    const b: Box = { x, y: box.y, w: mm.w * scale, h: mm.h * scale };
    const pxW = Math.max(8, Math.round(ptToPx(b.w, fig.page.dpi)));
    const pxH = Math.max(8, Math.round(ptToPx(b.h, fig.page.dpi)));
    items.push(image(b, renderGlassView({ stat: glass.vol, colours: glass.colours, template: prep.sources.template, view: v, pxW, pxH, radiological: p.radiological, dark: ink.dark }), pxW, pxH, fig.page.dpi));
    const sz = fig.page.fontPt * 0.85;
    if (v === 'coronal' || v === 'axial') {
      const [l, r] = p.radiological ? ['R', 'L'] : ['L', 'R'];
      items.push({ type: 'text', x: b.x + sz * 0.2, y: b.y + sz, text: l, sizePt: sz, fill: ink.ink, anchor: 'start', bold: true });
      items.push({ type: 'text', x: b.x + b.w - sz * 0.2, y: b.y + sz, text: r, sizePt: sz, fill: ink.ink, anchor: 'end', bold: true });
    } else items.push({ type: 'text', x: b.x + sz * 0.2, y: b.y + sz, text: v === 'left' ? 'L' : v === 'right' ? 'R' : '', sizePt: sz, fill: ink.ink, anchor: 'start', bold: true });
    x += b.w + SLICE_GAP_PT * 2;
  }
  return items;
}

/** The colorbar of a panel with a colour scale: a brain panel's, or a surface panel's contrast. */
function barOf(p: Panel, prep: PreparedFigure): ColorbarSpec | null {
  if (p.kind === 'slices' || p.kind === 'glass' || p.kind === 'render') return brainContent(p, prep).bar;
  if (p.kind !== 'surface') return null;
  const c = prep.contrasts.get(contrastKey(p.contrast));
  if (!c) return null;
  return { title: `${c.statName}, ${c.first} − ${c.second}`, colours: c.colours, thresholds: [c.colours.pos, ...(c.colours.neg !== null ? [c.colours.neg] : [])] };
}

/**
 * Captures the 3D panels at their size on the page times the DPI, before composing. `cache`
 * (keyed by the request's panel, contrast, size and background) spares the app's preview a
 * capture per redraw.
 */
export async function capturePanels(fig: Figure, prep: PreparedFigure, cache?: Map<string, Capture3d>): Promise<void> {
  if (!fig.panels.some(is3dPanel) || !prep.sources.capture3d) return;
  const layout = layoutPage(fig, wrapText, figureCaption(fig, prep), (p) => (p.kind === 'clusters' ? prep.contrasts.get(contrastKey(p.contrast))?.rows.length ?? 0 : 0));
  const ink = inkOf(fig);
  for (const place of layout.places) {
    const p = place.panel;
    if (!is3dPanel(p)) continue;
    const req = captureRequest(p, place.content, fig, prep, ink);
    if (!req) continue;
    const contrast = 'contrast' in p && p.contrast ? contrastKey(p.contrast) : '';
    const key = JSON.stringify([p, contrast, p.kind === 'render' && p.content === 'layers' ? p.layerIds.map((id) => prep.layers.get(id)?.layer) : null, req.pxW, req.pxH, fig.page.background]);
    if (prep.captures.get(p.id)?.key === key) continue;
    const cap = cache?.get(key) ?? { ...(await prep.sources.capture3d(req)), key };
    if (cache) {
      cache.set(key, cap);
      // A few pictures at most (each is megabytes): the oldest goes first.
      while (cache.size > 6) cache.delete(cache.keys().next().value!);
    }
    prep.captures.set(p.id, cap);
  }
}

function drawClusters(p: Panel & { kind: 'clusters' }, box: Box, fig: Figure, prep: PreparedFigure, ink: Ink): DrawItem[] {
  const c = prep.contrasts.get(contrastKey(p.contrast));
  if (!c) return [];
  const fontPt = fig.page.fontPt * 0.9;
  const lineH = fig.page.fontPt * 1.45;
  const cols = [
    { h: '', w: 0.05, a: 'start' as const },
    { h: 'voxels', w: 0.12, a: 'end' as const },
    { h: `peak ${c.statName}`, w: 0.17, a: 'end' as const },
    { h: 'x', w: 0.08, a: 'end' as const },
    { h: 'y', w: 0.08, a: 'end' as const },
    { h: 'z', w: 0.08, a: 'end' as const },
    { h: 'peak label', w: 0.42, a: 'start' as const },
  ];
  // FWE (permutation): each cluster's FWE p before the label, as Compare's table shows it.
  const fweP = c.fwe?.clusterP;
  if (fweP) cols.splice(6, 1, { h: 'FWE p', w: 0.12, a: 'end' as const }, { h: 'peak label', w: 0.3, a: 'start' as const });
  const labelCol = cols.length - 1;
  const items: DrawItem[] = [];
  const xs: number[] = [];
  let acc = box.x;
  for (const col of cols) {
    xs.push(col.a === 'end' ? acc + col.w * box.w - fontPt * 0.3 : acc + (col.h === 'peak label' ? fontPt * 0.6 : 0));
    acc += col.w * box.w;
  }
  const row = (cells: string[], y: number, bold = false) => cells.forEach((t, k) => items.push({ type: 'text', x: xs[k], y, text: t, sizePt: fontPt, fill: ink.ink, anchor: cols[k].a, bold }));
  row(cols.map((c2) => c2.h), box.y + lineH * 0.8, true);
  items.push({ type: 'line', points: [[box.x, box.y + lineH * 1.05], [box.x + box.w, box.y + lineH * 1.05]], stroke: ink.ink, width: 0.5 });
  const rows = c.rows.slice(0, p.maxRows);
  rows.forEach((r, i) => {
    const maxLabel = Math.floor((cols[labelCol].w * box.w) / (fontPt * 0.55));
    const label = r.peakLabel.length > maxLabel ? `${r.peakLabel.slice(0, maxLabel - 1)}…` : r.peakLabel;
    const p = fweP?.[r.id];
    row([r.sign > 0 ? '+' : '−', String(r.nVoxels), fmtTick(r.peakStat), minus(Math.round(r.peakMm[0])), minus(Math.round(r.peakMm[1])), minus(Math.round(r.peakMm[2])), ...(fweP ? [p === undefined ? '—' : fmtFweP(p)] : []), label], box.y + lineH * (i + 1.85));
  });
  if (!rows.length) items.push({ type: 'text', x: box.x, y: box.y + lineH * 1.85, text: 'no cluster passes the threshold', sizePt: fontPt, fill: ink.ink, anchor: 'start' });
  return items;
}

/** Title of a panel when the user gave none: what it shows. */
export function panelTitle(p: Panel, prep: PreparedFigure | null): string {
  if (p.title) return p.title;
  const c = 'contrast' in p && p.contrast ? prep?.contrasts.get(contrastKey(p.contrast)) : undefined;
  const what = c ? `${c.measure.label}: ${c.first} − ${c.second}` : '';
  switch (p.kind) {
    case 'slices':
      return p.content === 'layers' ? 'Viewer layers' : p.content === 'contrast' ? what : c ? `${c.measure.label}: mean under ${p.content === 'conditionA' ? c.first : c.second}` : '';
    case 'glass':
      return `Glass brain${what ? `, ${what}` : ''}`;
    case 'roi':
      return `${p.roi.name}${c ? `, ${c.measure.label}` : ''}`;
    case 'clusters':
      return `Clusters${what ? `, ${what}` : ''}`;
    case 'matrix':
      return `${prep?.matrices.get(p.id)?.label ?? 'Connectivity'}: ${p.conditionA} − ${p.conditionB}`;
    case 'colorbar':
      return '';
    case 'surface':
      return `Cortical surface${what ? `, ${what}` : ''}`;
    case 'render':
      return `3D render${p.content === 'layers' ? ', Viewer layers' : what ? `, ${what}` : ''}`;
    case 'connectome':
      return `3D connectome, ${prep?.connectomes.get(p.id)?.label ?? 'connectivity'}: ${p.conditionA} − ${p.conditionB}`;
  }
}

/** The caption under the panels: the threshold of each contrast shown, and the demo's notice. */
export function figureCaption(fig: Figure, prep: PreparedFigure): string {
  const parts: string[] = [];
  for (const c of prep.contrasts.values()) parts.push(`${c.measure.label}, ${c.first} − ${c.second} (n = ${c.n}): ${c.resolved.description}${c.spec.threshold.minExtentVoxels > 1 ? `, clusters ≥ ${c.spec.threshold.minExtentVoxels} voxels` : ''}.`);
  for (const p of fig.panels) {
    const k = p.kind === 'connectome' ? prep.connectomes.get(p.id) : undefined;
    if (p.kind === 'connectome' && k) parts.push(`${k.label}, ${k.a} − ${k.b} (n = ${k.pairs} pairs): edgewise paired t, ${k.edges.length} of ${k.tested} edges at ${edgeThresholdText(p.threshold)}.`);
  }
  if (fig.caption.trim()) parts.push(fig.caption.trim());
  if (prep.sources.study?.simulated) parts.push(`${prep.sources.study.notice ?? SIMULATED_NOTICE}.`);
  return parts.join(' ');
}

export interface ComposedFigure {
  drawing: Drawing;
  layout: PageLayout;
}

export function composeFigure(fig: Figure, prep: PreparedFigure): ComposedFigure {
  const ink = inkOf(fig);
  const fontPt = fig.page.fontPt;
  const layout = layoutPage(fig, wrapText, figureCaption(fig, prep), (p) => (p.kind === 'clusters' ? prep.contrasts.get(contrastKey(p.contrast))?.rows.length ?? 0 : 0));
  const items: DrawItem[] = [];
  let firstBar: ColorbarSpec | null = null;
  for (const place of layout.places) {
    const p = place.panel;
    const letterSize = fontPt * 1.35;
    items.push({ type: 'text', x: place.box.x, y: place.box.y + letterSize, text: panelLetter(place.index), sizePt: letterSize, fill: ink.ink, anchor: 'start', bold: true });
    const title = panelTitle(p, prep);
    if (title) items.push({ type: 'text', x: place.box.x + letterSize * 1.1, y: place.box.y + letterSize, text: title, sizePt: fontPt, fill: ink.ink, anchor: 'start' });
    const box = place.content;
    if (p.kind === 'slices') items.push(...drawSlices(p, box, fig, prep, ink));
    else if (p.kind === 'glass') items.push(...drawGlass(p, box, fig, prep, ink));
    else if (p.kind === 'roi') {
      const r = prep.rois.get(p.id);
      if (r) items.push(...drawRoiPlot(r, box, fontPt, ink.ink, ink.faint));
    } else if (p.kind === 'clusters') items.push(...drawClusters(p, box, fig, prep, ink));
    else if (p.kind === 'matrix') {
      const m = prep.matrices.get(p.id);
      if (m) items.push(...drawMatrix(m, box, fontPt, ink.ink));
    }
    else if (is3dPanel(p)) items.push(...draw3d(p, box, fig, prep, ink));
    else if (p.kind === 'colorbar') {
      const target = fig.panels.find((q) => q.id === p.forPanelId && hasColourScale(q)) ?? fig.panels.find(hasColourScale);
      const bar = target ? barOf(target, prep) : null;
      if (bar) {
        const w = Math.min(box.w, mmToPt(80));
        items.push(...drawColorbar(bar, { ...box, x: box.x + (box.w - w) / 2, w }, fontPt, ink.ink));
      }
    }
    if (hasColourScale(p)) {
      const bar = barOf(p, prep);
      if (bar && !firstBar) firstBar = bar;
      if (bar && place.colorbar) items.push(...drawColorbar(bar, place.colorbar, fontPt, ink.ink));
    }
  }
  if (layout.sharedColorbar && firstBar) items.push(...drawColorbar(firstBar, layout.sharedColorbar, fontPt, ink.ink));
  if (layout.caption) {
    const c = layout.caption;
    c.lines.forEach((line, i) => items.push({ type: 'text', x: c.x, y: c.y + i * c.sizePt * 1.25, text: line, sizePt: c.sizePt, fill: ink.ink, anchor: 'start' }));
  }
  return { drawing: { widthPt: layout.widthPt, heightPt: layout.heightPt, background: fig.page.background === 'dark' ? '#000000' : '#ffffff', items }, layout };
}
