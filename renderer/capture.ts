/**
 * The page `contrastscope render` drives in headless Chromium for a figure's 3D panels: the
 * app's own 3D captures (renderer/views/figure/capture3d.ts), nothing else of the app.
 * Requests come in and pixels go out as base64 (page.evaluate passes strings cheaply).
 */
import { fromWire, type Capture3dRequest, type Wire } from '../shared/figure/capture3d';
import { capture3d } from './views/figure/capture3d';

/** A plain loop: Uint8Array.from(string, fn) iterates the string and takes seconds for a map. */
function fromB64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function toB64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

async function capture(wire: Wire): Promise<{ rgba: string; pxW: number; pxH: number; labels?: { text: string; x: number; y: number }[] }> {
  const r = await capture3d(fromWire<Capture3dRequest>(wire, fromB64));
  return { rgba: toB64(r.rgba), pxW: r.pxW, pxH: r.pxH, labels: r.labels };
}

(window as unknown as { contrastscopeCapture: typeof capture }).contrastscopeCapture = capture;
document.title = 'ready';
