/**
 * SVG to pixels with resvg (WebAssembly): the same rasteriser and the same bundled font in the
 * browser, Electron and the CLI, so one scene gives the same PNG bytes everywhere.
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { FONT_FAMILY } from './svg';

let ready: Promise<void> | null = null;

/** Starts resvg once; `wasm` is the module's bytes (Node) or a URL/Response (browser). */
export function initRaster(wasm: Parameters<typeof initWasm>[0]): Promise<void> {
  if (!ready) ready = initWasm(wasm);
  return ready;
}

export interface Pixels {
  rgba: Uint8Array;
  width: number;
  height: number;
}

/** Renders the SVG at its own pixel size (drawingToSvg with `pixels`). initRaster must have finished. */
export function rasterise(svg: string, fonts: Uint8Array[]): Pixels {
  const r = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { fontBuffers: fonts, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  });
  const img = r.render();
  const out = { rgba: new Uint8Array(img.pixels), width: img.width, height: img.height };
  img.free();
  r.free();
  return out;
}
