// niivue's volume render as a figure panel: Compare's 3D view added with its camera, turned to the
// left lateral view in the panel settings, exported as PNG (checked by its pixels: the grey
// template brain with the contrast's warm colours on it), then drawn again from the saved scene by
// `contrastscope render` (headless Chromium runs the same niivue capture) with the same bytes.
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { chooseMeasure, openCompare, waitReady } from './compareHelpers';
import { SCREENS, ensureScreensDir } from './helpers';
import { decodePng } from './pngPixels';

test.setTimeout(900_000);

type Panel = Record<string, unknown> & { camera: { azimuth: number; elevation: number; zoom: number }; clipPlane: number[] | null };
const firstPanel = (page: Page) => page.evaluate(() => (window as unknown as { contrastscope_app: { store: { getState(): { scene: { figures: { panels: unknown[] }[] } } } } }).contrastscope_app.store.getState().scene.figures[0].panels[0]) as Promise<Panel>;

/** Grey brain (neutral, between page white and black) and warm overlay (orange/yellow) pixels. */
function renderPixels(img: { w: number; h: number; rgba: Uint8Array }): { grey: number; warm: number } {
  const out = { grey: 0, warm: 0 };
  for (let i = 0; i < img.w * img.h; i++) {
    const r = img.rgba[4 * i], g = img.rgba[4 * i + 1], b = img.rgba[4 * i + 2];
    const hi = Math.max(r, g, b), lo = Math.min(r, g, b);
    if (r > 180 && g > 60 && b < 90 && r > b + 110) out.warm++;
    else if (hi - lo < 20 && hi > 40 && hi < 235) out.grey++;
  }
  return out;
}

test('figure: a 3D volume render from Compare keeps its camera, exports with the contrast on the brain, and render draws it again', async ({ page }) => {
  await openCompare(page);
  await chooseMeasure(page, /faces/);
  await waitReady(page);
  await page.keyboard.press('q'); // FDR q < 0.05
  await expect(page.getByTestId('threshold-description')).toContainText('q < 0.05');
  await waitReady(page);
  await page.getByTestId('pane-view-render3d').click();
  await page.getByTestId('add-to-figure-kind').selectOption('render');
  await page.getByTestId('add-to-figure').click();
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Figure' }).click();
  await expect(page.getByTestId('figure-panel')).toHaveCount(1);
  await expect(page.getByTestId('figure-panel').nth(0)).toHaveAttribute('data-kind', 'render');
  let panel = await firstPanel(page);
  // The camera the contrast pane had (niivue's default) and Compare's clip plane (on by default).
  expect(panel).toMatchObject({ kind: 'render', content: 'contrast', camera: { azimuth: 110, elevation: 10, zoom: 1 }, clipPlane: [0.05, 270, 0] });

  await page.getByRole('button', { name: 'Settings of panel A' }).click();
  await page.getByTestId('figure-render-view').selectOption('left');
  panel = await firstPanel(page);
  expect(panel.camera).toEqual({ azimuth: 90, elevation: 0, zoom: 1 });
  // A modest picture for SwiftShader: one column at 150 dpi.
  await page.getByTestId('figure-width-mm').fill('89');
  await page.getByTestId('figure-dpi').fill('150');
  await expect(page.getByTestId('figure-size')).not.toContainText('drawing', { timeout: 300_000 });
  ensureScreensDir();

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByTestId('figure-format').selectOption('png');
  const t0 = Date.now();
  await page.getByTestId('figure-export').click();
  await expect.poll(() => downloads.length, { timeout: 300_000 }).toBe(2);
  const pngPath = join(SCREENS, 'figure-render.png');
  copyFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.png'))!.path())!, pngPath);
  const img = decodePng(readFileSync(pngPath));
  expect(img.w).toBe(526); // 89 mm at 150 dpi
  const px = renderPixels(img);
  console.log(`[figure render e2e] ${img.w} x ${img.h} px in ${Date.now() - t0} ms; grey ${px.grey}, warm ${px.warm}`);
  expect(px.grey).toBeGreaterThan(8_000); // the template's brain, not a blank panel
  expect(px.warm).toBeGreaterThan(50); // MDMA > placebo (faces): warm on the brain
  const legend = readFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.legend.md'))!.path())!, 'utf8');
  expect(legend).toMatch(/volume render of the template \(ch2bet, niivue ray casting\) with the thresholded contrast over it; left lateral view, azimuth 90°, elevation 0°, zoom 1; clip plane at depth 0.05/);

  await page.getByRole('button', { name: 'Save scene' }).click();
  await expect.poll(() => downloads.length).toBe(3);
  const scenePath = join(SCREENS, 'figure-render.scene.json');
  copyFileSync((await downloads[2].path())!, scenePath);
  const cliPng = join(SCREENS, 'figure-render-cli.png');
  execFileSync(process.execPath, ['bin/contrastscope.mjs', 'render', scenePath, '--out', cliPng], { timeout: 300_000 });
  const cli = decodePng(readFileSync(cliPng));
  expect([cli.w, cli.h]).toEqual([img.w, img.h]);
  console.log(`[figure render e2e] CLI: ${JSON.stringify(renderPixels(cli))}; same bytes as the app: ${readFileSync(cliPng).equals(readFileSync(pngPath))}`);
  // Both draw with SwiftShader here, so the bytes agree (a GPU in the desktop app may differ in the last bits).
  expect(readFileSync(cliPng).equals(readFileSync(pngPath))).toBe(true);
});
