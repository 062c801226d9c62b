/**
 * 3D surface panels: their size on the page, and the request a capture gets (plain data: the
 * maps, the colours' cut and window, the views and the camera). The pixels come from the app's
 * three.js surface scene (renderer/views/three/surfaceCapture.ts), in the app or, for
 * `contrastscope render`, in headless Chromium: the figure code never draws 3D itself.
 */
import { meanWindow } from '../compare/displayWindow';
import type { PreparedContrast } from './prepare';
import type { SurfacePanel, SurfaceView } from './schema';
import type { Volume } from './volume';

/** Half width x half height in mm that each view fits (surfaceScene.ts placeCamera). */
export function surfaceViewBox(view: SurfaceView): [number, number] {
  if (view === 'dorsal' || view === 'ventral') return [78, 95];
  if (view === 'anterior' || view === 'posterior') return [78, 66];
  return [92, 68];
}

export const SURFACE_VIEW_LABELS: Record<SurfaceView, string> = {
  'left-lateral': 'left lateral',
  'left-medial': 'left medial',
  'right-medial': 'right medial',
  'right-lateral': 'right lateral',
  dorsal: 'dorsal',
  ventral: 'ventral',
  anterior: 'anterior',
  posterior: 'posterior',
};

export const SURFACE_PRESETS: { id: string; label: string; views: SurfaceView[] }[] = [
  { id: 'four', label: 'left and right, lateral and medial', views: ['left-lateral', 'left-medial', 'right-medial', 'right-lateral'] },
  { id: 'lateral', label: 'left and right lateral', views: ['left-lateral', 'right-lateral'] },
  { id: 'dorsal', label: 'dorsal', views: ['dorsal'] },
  { id: 'ventral', label: 'ventral', views: ['ventral'] },
  { id: 'anterior', label: 'anterior', views: ['anterior'] },
  { id: 'posterior', label: 'posterior', views: ['posterior'] },
];

/** The panel's picture (all rows and views, one capture) and the label lines, in points. */
export function surfaceLayout(p: SurfacePanel, widthPt: number, fontPt: number): { cellW: number; cellH: number; titleH: number; labelH: number; imageH: number; height: number } {
  const cellW = widthPt / p.views.length;
  const aspect = Math.max(...p.views.map((v) => surfaceViewBox(v)[1] / surfaceViewBox(v)[0]));
  const cellH = cellW * aspect;
  const titleH = p.rows.length > 1 ? fontPt * 1.3 : 0;
  const labelH = fontPt * 1.2;
  const imageH = p.rows.length * (titleH + cellH) - titleH;
  return { cellW, cellH, titleH, labelH, imageH, height: labelH + p.rows.length * (titleH + cellH) };
}

export interface SurfaceCaptureRequest {
  kind: 'surface';
  pxW: number;
  pxH: number;
  /** page background behind the brains, 0..255 */
  background: [number, number, number];
  views: SurfaceView[];
  camera: { yaw: number; pitch: number; zoom: number };
  /** rows top to bottom: the map drawn, and its kind ('stat' is the thresholded contrast) */
  rows: { kind: 'stat' | 'mean'; volume: Volume }[];
  /** pixels between rows (the row titles are text of the figure) */
  gapPx: number;
  /** the thresholded statistic: where anything is coloured */
  stat: Volume;
  cut: number;
  top: number;
  twoSided: boolean;
  meanRange: { min: number; max: number; signed: boolean };
}

/** What to capture for a surface panel drawn pxW x pxH: the same cut and colours as its slices. */
export function surfaceRequest(p: SurfacePanel, c: PreparedContrast, pxW: number, pxH: number, gapPx: number, background: [number, number, number]): SurfaceCaptureRequest {
  // withDirection flips the statistic only: meanA stays the mean of spec.conditionA.
  const meanOf = (r: 'conditionA' | 'conditionB') => (r === 'conditionA' ? c.meanA : c.meanB);
  const rows = p.rows.map((r) => (r === 'contrast' ? { kind: 'stat' as const, volume: c.display } : { kind: 'mean' as const, volume: meanOf(r) }));
  return { kind: 'surface', pxW, pxH, background, views: p.views, camera: p.camera, rows, gapPx, stat: c.display, cut: c.colours.pos, top: c.colours.max, twoSided: c.colours.neg !== null, meanRange: meanWindow(c.maps) };
}
