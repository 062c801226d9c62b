/**
 * Brain slices as pixels: the template in grey with the thresholded map in the app's colours on
 * top, optional atlas outlines, at the figure's DPI. Pure, so the app and the CLI share it.
 */
import { overlayColour, type OverlayColours } from './colormaps';
import type { Plane } from './schema';
import { BRAIN_BOX, sampler, templateScale, type Axis, type Volume } from './volume';

export interface Overlay {
  volume: Volume;
  colours: OverlayColours;
  opacity: number;
}

export interface SliceRequest {
  template: Volume;
  overlays: Overlay[];
  plane: Plane;
  /** mm along the plane's normal */
  coord: number;
  pxW: number;
  pxH: number;
  radiological: boolean;
  background: [number, number, number];
  outlines?: Volume | null;
}

/** The in-plane axes of a view: horizontal (left to right on the page) and vertical (bottom to top), and the normal. */
export function planeAxes(plane: Plane): { h: Axis; v: Axis; n: Axis } {
  if (plane === 'axial') return { h: 'x', v: 'y', n: 'z' };
  if (plane === 'coronal') return { h: 'x', v: 'z', n: 'y' };
  return { h: 'y', v: 'z', n: 'x' };
}

/** Width and height of a plane's picture in mm (the brain box). */
export function planeSizeMm(plane: Plane): { w: number; h: number } {
  const { h, v } = planeAxes(plane);
  return { w: BRAIN_BOX[h][1] - BRAIN_BOX[h][0], h: BRAIN_BOX[v][1] - BRAIN_BOX[v][0] };
}

/** mm of pixel (px, py) of a plane picture. Neurological: left hemisphere on the left; radiological flips x. */
export function pixelToMm(plane: Plane, coord: number, px: number, py: number, pxW: number, pxH: number, radiological: boolean): [number, number, number] {
  const { h, v, n } = planeAxes(plane);
  let fh = (px + 0.5) / pxW;
  if (h === 'x' && radiological) fh = 1 - fh;
  const hv = BRAIN_BOX[h][0] + fh * (BRAIN_BOX[h][1] - BRAIN_BOX[h][0]);
  const vv = BRAIN_BOX[v][1] - ((py + 0.5) / pxH) * (BRAIN_BOX[v][1] - BRAIN_BOX[v][0]);
  const p: Record<Axis, number> = { x: 0, y: 0, z: 0 };
  p[h] = hv;
  p[v] = vv;
  p[n] = coord;
  return [p.x, p.y, p.z];
}

export function renderSlice(r: SliceRequest): Uint8Array {
  const { pxW, pxH } = r;
  const out = new Uint8Array(pxW * pxH * 4);
  const tmpl = sampler(r.template, 'linear', 0);
  const scale = templateScale(r.template);
  const cut = 0.06 * scale;
  const overlays = r.overlays.map((o) => ({ s: sampler(o.volume, 'linear', 0), o }));
  const atlas = r.outlines ? sampler(r.outlines, 'nearest', 0) : null;
  const labels = atlas ? new Int32Array(pxW * pxH) : null;
  for (let py = 0; py < pxH; py++) {
    for (let px = 0; px < pxW; px++) {
      const [x, y, z] = pixelToMm(r.plane, r.coord, px, py, pxW, pxH, r.radiological);
      const t = tmpl(x, y, z);
      const o = (py * pxW + px) * 4;
      let cr: number;
      let cg: number;
      let cb: number;
      if (t > cut) {
        const g = Math.round(255 * Math.min(1, t / scale));
        cr = cg = cb = g;
      } else [cr, cg, cb] = r.background;
      for (const { s, o: ov } of overlays) {
        const c = overlayColour(ov.colours, s(x, y, z));
        if (c) {
          cr = Math.round(cr * (1 - ov.opacity) + c[0] * ov.opacity);
          cg = Math.round(cg * (1 - ov.opacity) + c[1] * ov.opacity);
          cb = Math.round(cb * (1 - ov.opacity) + c[2] * ov.opacity);
        }
      }
      out[o] = cr;
      out[o + 1] = cg;
      out[o + 2] = cb;
      out[o + 3] = 255;
      if (labels && atlas) labels[py * pxW + px] = t > cut ? Math.round(atlas(x, y, z)) : 0;
    }
  }
  if (labels) {
    // A label boundary: a pixel whose right or lower neighbour has another non-zero label.
    for (let py = 0; py < pxH - 1; py++) {
      for (let px = 0; px < pxW - 1; px++) {
        const l = labels[py * pxW + px];
        const r2 = labels[py * pxW + px + 1];
        const d = labels[(py + 1) * pxW + px];
        if ((l !== r2 && (l || r2)) || (l !== d && (l || d))) {
          const o = (py * pxW + px) * 4;
          out[o] = Math.round(out[o] * 0.35 + 255 * 0.65);
          out[o + 1] = Math.round(out[o + 1] * 0.35 + 255 * 0.65);
          out[o + 2] = Math.round(out[o + 2] * 0.35);
        }
      }
    }
  }
  return out;
}
