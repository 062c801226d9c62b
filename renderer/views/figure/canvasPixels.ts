/** The RGBA pixels a WebGL canvas shows now (read in the same task as its draw: buffers are not preserved). */
export function canvasRgba(canvas: HTMLCanvasElement, pxW: number, pxH: number, what: string): Uint8Array {
  const out = document.createElement('canvas');
  out.width = pxW;
  out.height = pxH;
  const g = out.getContext('2d', { willReadFrequently: true });
  if (!g) throw new Error(`${what}: no 2D canvas to read the picture from`);
  g.drawImage(canvas, 0, 0);
  return new Uint8Array(g.getImageData(0, 0, pxW, pxH).data.buffer);
}
