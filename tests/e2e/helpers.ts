import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { sharedPath } from '../fixtures/references';

export const SPM_T = sharedPath('data', 'real', 'bold-stats', 'spmT_0001.nii.gz');
export const SCREENS = 'test-results/screens';

/** Opens the app and waits until the template and atlas are drawn in the pane. */
export async function openApp(page: Page): Promise<void> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('niivue-canvas').first()).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('layer-row')).toHaveCount(2);
  // Give niivue a frame to draw after loading.
  await page.waitForTimeout(300);
  expect(problems, 'uncaught errors in the page').toEqual([]);
}

/**
 * Waits until the GPU has drawn what the page has asked for so far. With software GL (SwiftShader
 * here) niivue's start-up work on the 1 mm template (its 3D gradient pass, hundreds of draws)
 * keeps both cores busy for seconds after the page thinks it is done; a screenshot cannot be taken
 * before that queue is drawn. On a real GPU this returns at once.
 */
export async function gpuSettled(page: Page): Promise<void> {
  await page.screenshot();
  await page.screenshot();
}

export interface PixelStats {
  total: number;
  /** Pixels that differ clearly from the pane background. */
  nonBackground: number;
  /** Near-grey and bright: brain tissue on the T1 template. */
  brightGrey: number;
  /** Strongly coloured (atlas outlines, overlays). */
  colored: number;
  /** Red to yellow: positive t in red-yellow. */
  warm: number;
  /** Blue to cyan: negative t. */
  cool: number;
}

type PixelWindow = { __csPixels?: (b64: string) => Promise<Uint8ClampedArray> };

/**
 * Real pixels, not the DOM: screenshots are decoded in the page with a 2D canvas (no PNG library
 * needed). Defines window.__csPixels(base64 PNG) -> RGBA bytes once per page load.
 */
export async function installDecoder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as PixelWindow;
    w.__csPixels ??= async (b64: string) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = document.createElement('canvas');
      c.width = bmp.width;
      c.height = bmp.height;
      const g = c.getContext('2d')!;
      g.drawImage(bmp, 0, 0);
      return g.getImageData(0, 0, c.width, c.height).data;
    };
  });
}

/** Screenshot the element and count pixel classes in it. */
export async function pixelStats(page: Page, target: Locator): Promise<PixelStats> {
  const png = await target.screenshot();
  const [w, h] = pngSize(png);
  const { amber: _amber, ...stats } = await pngRegionStats(page, png, { x: 0, y: 0, w, h });
  return stats;
}

/** Size of a PNG from its header. */
export function pngSize(png: Buffer): [number, number] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/**
 * Pixel classes inside a rectangle of a PNG file, in pixels of that file. The background is the
 * colour of the top-left pixel; `amber` counts the simulated-notice colour (#f0b45a and its
 * anti-aliased edges).
 */
export async function pngRegionStats(page: Page, png: Buffer, box: { x: number; y: number; w: number; h: number }): Promise<PixelStats & { amber: number }> {
  await installDecoder(page);
  const [width] = pngSize(png);
  return page.evaluate(async ([b64, bx, width]: [string, { x: number; y: number; w: number; h: number }, number]) => {
    const d = await (window as unknown as Required<PixelWindow>).__csPixels(b64);
    const br = d[0], bg = d[1], bb = d[2];
    const s = { total: 0, nonBackground: 0, brightGrey: 0, colored: 0, warm: 0, cool: 0, amber: 0 };
    for (let y = bx.y; y < bx.y + bx.h; y++) {
      for (let x = bx.x; x < bx.x + bx.w; x++) {
        const i = (y * width + x) * 4;
        const r = d[i], gg = d[i + 1], b = d[i + 2];
        s.total++;
        if (Math.abs(r - br) + Math.abs(gg - bg) + Math.abs(b - bb) > 40) s.nonBackground++;
        const mx = Math.max(r, gg, b), mn = Math.min(r, gg, b);
        if (mx - mn < 25 && mx > 150) s.brightGrey++;
        if (mx - mn > 90) {
          s.colored++;
          if (r > 180 && b < 90 && r >= gg) s.warm++;
          if (b > 180 && r < 90) s.cool++;
        }
        if (r > 200 && gg > 140 && gg < 200 && b > 50 && b < 120) s.amber++;
      }
    }
    return s;
  }, [png.toString('base64'), box, width] as [string, { x: number; y: number; w: number; h: number }, number]);
}

export function ensureScreensDir(): void {
  mkdirSync(SCREENS, { recursive: true });
}

/** Fraction of pixels that differ (summed RGB difference > 30) between two PNG screenshots of the same size. */
export async function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  await installDecoder(page);
  return page.evaluate(async ([a64, b64]: [string, string]) => {
    const decode = (window as unknown as Required<PixelWindow>).__csPixels;
    const [x, y] = await Promise.all([decode(a64), decode(b64)]);
    if (x.length !== y.length) return 1;
    let n = 0;
    for (let i = 0; i < x.length; i += 4) if (Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]) > 30) n++;
    return n / (x.length / 4);
  }, [a.toString('base64'), b.toString('base64')] as [string, string]);
}

/**
 * Warm (red-yellow) and cool (blue) pixels of a PNG inside a box, leaving out pixels near any of
 * `exclude` (summed RGB distance <= 60): the crosshair or outline colours, which would otherwise
 * count as contrast colours.
 */
export async function contrastColours(page: Page, png: Buffer, box: { x: number; y: number; w: number; h: number }, exclude: [number, number, number][]): Promise<{ warm: number; cool: number }> {
  await installDecoder(page);
  const [width] = pngSize(png);
  return page.evaluate(async ([b64, bx, width, exclude]: [string, { x: number; y: number; w: number; h: number }, number, [number, number, number][]]) => {
    const d = await (window as unknown as Required<PixelWindow>).__csPixels(b64);
    const s = { warm: 0, cool: 0 };
    for (let y = bx.y; y < bx.y + bx.h; y++) {
      for (let x = bx.x; x < bx.x + bx.w; x++) {
        const i = (y * width + x) * 4;
        const r = d[i], g = d[i + 1], b = d[i + 2];
        if (exclude.some(([er, eg, eb]) => Math.abs(r - er) + Math.abs(g - eg) + Math.abs(b - eb) <= 60)) continue;
        if (Math.max(r, g, b) - Math.min(r, g, b) <= 90) continue;
        if (r > 180 && b < 90 && r >= g) s.warm++;
        if (b > 180 && r < 90) s.cool++;
      }
    }
    return s;
  }, [png.toString('base64'), box, width, exclude] as [string, { x: number; y: number; w: number; h: number }, number, [number, number, number][]]);
}
