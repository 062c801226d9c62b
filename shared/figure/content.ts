/** What a brain panel draws (overlays, colours, colorbar) and the page's ink: shared by the 2D and 3D panels. */
import type { ColorbarSpec } from './colorbar';
import type { OverlayColours } from './colormaps';
import type { DrawItem } from './draw';
import type { Box } from './layout';
import { encodePng } from './png';
import { contrastKey, type PreparedContrast, type PreparedFigure } from './prepare';
import type { Figure, GlassPanel, RenderPanel, SlicesPanel } from './schema';
import type { Overlay } from './slices';
import type { Volume } from './volume';

export interface Ink {
  ink: string;
  faint: string;
  bg: [number, number, number];
  dark: boolean;
}

export const inkOf = (f: Figure): Ink => (f.page.background === 'dark' ? { ink: '#ffffff', faint: '#8a8a8a', bg: [0, 0, 0], dark: true } : { ink: '#000000', faint: '#9a9a9a', bg: [255, 255, 255], dark: false });

export const minus = (n: number): string => (n < 0 ? `−${Math.abs(n)}` : `${n}`);

/** What a brain panel draws: overlays and the colorbar that explains them. */
export function brainContent(p: SlicesPanel | GlassPanel | RenderPanel, prep: PreparedFigure): { overlays: Overlay[]; bar: ColorbarSpec | null; glass: { vol: Volume; colours: OverlayColours } | null; contrast: PreparedContrast | null } {
  if (p.content === 'layers') {
    const overlays: Overlay[] = [];
    let bar: ColorbarSpec | null = null;
    for (const id of p.layerIds) {
      const l = prep.layers.get(id);
      if (!l || !l.layer.visible || l.layer.kind === 'template' || l.layer.kind === 'atlas') continue;
      const L = l.layer;
      const colours: OverlayColours = { posMap: L.colormap, negMap: L.colormapNeg, pos: L.thresholds.pos ?? Infinity, neg: L.thresholds.neg, max: L.range.max, min: L.range.min };
      overlays.push({ volume: l.volume, colours, opacity: L.opacity });
      bar = { title: L.name, colours, thresholds: [colours.pos, ...(colours.neg !== null ? [colours.neg] : [])] };
    }
    const top = overlays[overlays.length - 1];
    return { overlays, bar, glass: top ? { vol: top.volume, colours: top.colours } : null, contrast: null };
  }
  const c = p.contrast ? prep.contrasts.get(contrastKey(p.contrast)) : undefined;
  if (!c) return { overlays: [], bar: null, glass: null, contrast: null };
  if (p.content === 'contrast') {
    const bar: ColorbarSpec = { title: `${c.statName}, ${c.first} − ${c.second}`, colours: c.colours, thresholds: [c.colours.pos, ...(c.colours.neg !== null ? [c.colours.neg] : [])] };
    return { overlays: [{ volume: c.display, colours: c.colours, opacity: 1 }], bar, glass: { vol: c.display, colours: c.colours }, contrast: c };
  }
  const vol = p.content === 'conditionA' ? (c.spec.direction === 'A-B' ? c.meanA : c.meanB) : c.spec.direction === 'A-B' ? c.meanB : c.meanA;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vol.data) if (v === v && v !== 0) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const colours: OverlayColours = { posMap: 'viridis', negMap: null, pos: Math.max(1e-9, lo), max: hi, neg: null, min: lo };
  return { overlays: [{ volume: vol, colours, opacity: 1 }], bar: { title: `mean ${c.measure.label} (${c.measure.units})`, colours, thresholds: [] }, glass: null, contrast: c };
}

export function image(box: Box, rgba: Uint8Array, pxW: number, pxH: number, dpi: number): DrawItem {
  return { type: 'image', x: box.x, y: box.y, w: box.w, h: box.h, png: encodePng(rgba, pxW, pxH, { dpi, level: 2 }), pxW, pxH };
}

