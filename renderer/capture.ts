/**
 * The page `contrastscope render` drives in headless Chromium for a figure's 3D panels: the
 * app's own surface capture (renderer/views/three/surfaceCapture.ts), nothing else of the app.
 * Volumes come in and pixels go out as base64 (page.evaluate passes strings cheaply).
 */
import type { SurfaceCaptureRequest } from '../shared/figure';
import { captureSurface } from './views/three/surfaceCapture';

type Wire = Omit<SurfaceCaptureRequest, 'rows' | 'stat'> & {
  volumes: { grid: SurfaceCaptureRequest['stat']['grid']; data: string }[];
  rows: { kind: 'stat' | 'mean'; volume: number }[];
  stat: number;
};

const fromB64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
function toB64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

async function capture(wire: Wire): Promise<{ rgba: string; pxW: number; pxH: number }> {
  const vols = wire.volumes.map((v) => ({ grid: v.grid, data: new Float32Array(fromB64(v.data).buffer) }));
  const req: SurfaceCaptureRequest = { ...wire, rows: wire.rows.map((r) => ({ kind: r.kind, volume: vols[r.volume] })), stat: vols[wire.stat] };
  const r = await captureSurface(req);
  return { rgba: toB64(r.rgba), pxW: r.pxW, pxH: r.pxH };
}

(window as unknown as { contrastscopeCapture: typeof capture }).contrastscopeCapture = capture;
document.title = 'ready';
