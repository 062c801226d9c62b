// A 3D panel in a figure: Compare's surface view added to the figure, exported as PNG at 300 dpi
// and checked by its pixels (cortex grey with the contrast's cool and warm vertex colours), then
// drawn again from the saved scene by `contrastscope render` (headless Chromium for the 3D).
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from '@playwright/test';
import { expect, test } from './fixtures';
import { chooseMeasure, openCompare, waitReady } from './compareHelpers';
import { SCREENS, ensureScreensDir } from './helpers';
import { decodePng, surfacePixels } from './pngPixels';

test.setTimeout(1_200_000);

test('figure: a 3D surface panel from Compare exports with the contrast\'s vertex colours, and render draws it again', async ({ page }) => {
  await openCompare(page);
  await chooseMeasure(page, /faces/);
  await waitReady(page);
  await page.keyboard.press('q'); // FDR q < 0.05: the demo's faces effect rises in prefrontal cortex and falls in small spots
  await expect(page.getByTestId('threshold-description')).toContainText('q < 0.05');
  await waitReady(page);
  await page.getByTestId('pane-view-surface').click();
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="surface-grid"]')?.dataset.ready === 'true', null, { timeout: 180_000 });

  await page.getByTestId('add-to-figure-kind').selectOption('surface');
  await page.getByTestId('add-to-figure').click();
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Figure' }).click();
  await expect(page.getByTestId('figure-panel')).toHaveCount(1);
  await expect(page.getByTestId('figure-panel').nth(0)).toHaveAttribute('data-kind', 'surface');
  const panel = await page.evaluate(() => (window as unknown as { contrastscope_app: { store: { getState(): { scene: { figures: { panels: Record<string, unknown>[] }[] } } } } }).contrastscope_app.store.getState().scene.figures[0].panels[0]);
  // The panel stores what to draw, not pixels.
  expect(panel).toMatchObject({ kind: 'surface', views: ['left-lateral', 'left-medial', 'right-medial', 'right-lateral'], camera: { yaw: 0, pitch: 0, zoom: 1 } });
  expect((panel.contrast as { threshold: { value: number } }).threshold.value).toBe(0.05);
  // One row (the contrast) for the pixel check: the condition means are drawn in viridis.
  await page.getByRole('button', { name: 'Settings of panel A' }).click();
  await page.getByTestId('figure-surface-rows').selectOption('contrast');
  await expect(page.getByTestId('figure-size')).not.toContainText('drawing', { timeout: 180_000 });
  ensureScreensDir();
  await page.screenshot({ path: join(SCREENS, 'figure-3d-workspace.png') });

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByTestId('figure-format').selectOption('png');
  await page.getByTestId('figure-export').click();
  await expect.poll(() => downloads.length, { timeout: 180_000 }).toBe(2);
  const pngDl = downloads.find((d) => d.suggestedFilename().endsWith('.png'))!;
  const pngPath = join(SCREENS, 'figure-3d.png');
  copyFileSync((await pngDl.path())!, pngPath);
  const img = decodePng(readFileSync(pngPath));
  expect(img.w).toBe(2161); // 183 mm at 300 dpi: the capture is made at the page's DPI
  const px = surfacePixels(img);
  console.log(`[figure 3d e2e] ${img.w} x ${img.h} px; cortex bands ${px.bands}, grey ${px.grey}, cool ${px.cool}, warm ${px.warm}`);
  expect(px.grey).toBeGreaterThan(200_000); // four views of cortex, not a blank panel
  expect(px.warm).toBeGreaterThan(20_000); // MDMA > placebo in prefrontal cortex (warm), as the CLI's 150 dpi picture shows
  expect(px.cool).toBeGreaterThan(100); // and small MDMA < placebo spots (cool)
  const legend = readFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.legend.md'))!.path())!, 'utf8');
  expect(legend).toMatch(/cortical surfaces of the template/);

  // The saved scene renders again from the command line, 3D panel included.
  await page.getByRole('button', { name: 'Save scene' }).click();
  await expect.poll(() => downloads.length).toBe(3);
  const scenePath = join(SCREENS, 'figure-3d.scene.json');
  copyFileSync((await downloads[2].path())!, scenePath);
  const cliPng = join(SCREENS, 'figure-3d-cli.png');
  execFileSync(process.execPath, ['bin/contrastscope.mjs', 'render', scenePath, '--out', cliPng], { timeout: 300_000 });
  const cli = decodePng(readFileSync(cliPng));
  expect([cli.w, cli.h]).toEqual([img.w, img.h]);
  const cpx = surfacePixels(cli);
  console.log(`[figure 3d e2e] CLI: grey ${cpx.grey}, cool ${cpx.cool}, warm ${cpx.warm}; same bytes as the app: ${readFileSync(cliPng).equals(readFileSync(pngPath))}`);
  // Both draw with SwiftShader here, so the bytes agree (a GPU in the desktop app may differ in the last bits).
  expect(readFileSync(cliPng).equals(readFileSync(pngPath))).toBe(true);
  expect(cpx).toEqual(px);
});
