// The Connectivity workspace's 3D scene as a figure panel: added with the camera as shown, its view
// changed in the panel settings, exported as PNG (checked by its pixels: warm and cool edges, the
// grey glass brain on white) and SVG (the node names as vector text), then drawn again from the
// saved scene by `contrastscope render` (headless Chromium for the 3D) with the same bytes.
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SCREENS, ensureScreensDir } from './helpers';
import { decodePng } from './pngPixels';

test.setTimeout(900_000);

type Panel = Record<string, unknown> & { camera: { eye: number[]; up: number[] }; threshold: { mode: string; value: number } };
const firstPanel = (page: Page) => page.evaluate(() => (window as unknown as { contrastscope_app: { store: { getState(): { scene: { figures: { panels: unknown[] }[] } } } } }).contrastscope_app.store.getState().scene.figures[0].panels[0]) as Promise<Panel>;

/**
 * Pixels of the picture: warm edges (red/orange), cool edges (blue), and the glass brain (a light
 * neutral grey, darker than the white page), counted over the rows above the key's text.
 */
function connectomePixels(img: { w: number; h: number; rgba: Uint8Array }): { warm: number; cool: number; glass: number; dark: number } {
  const out = { warm: 0, cool: 0, glass: 0, dark: 0 };
  for (let i = 0; i < img.w * img.h; i++) {
    const r = img.rgba[4 * i], g = img.rgba[4 * i + 1], b = img.rgba[4 * i + 2];
    const hi = Math.max(r, g, b), lo = Math.min(r, g, b);
    if (r > 150 && r > b + 80 && g < r - 30) out.warm++;
    else if (b > 120 && b > r + 60) out.cool++;
    else if (hi - lo < 28 && hi >= 150 && hi <= 240) out.glass++;
    else if (hi < 90) out.dark++;
  }
  return out;
}

test('figure: the 3D connectome from Connectivity exports with warm and cool edges, node names as text, and render draws it again', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/');
  await page.waitForFunction(() => !!(window as unknown as { contrastscope_app: { store: { getState(): { study: unknown } } } }).contrastscope_app.store.getState().study, null, { timeout: 240_000 });
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Connectivity' }).click();
  const table = page.getByTestId('edge-table');
  await expect(table.getByTestId('edge-row').first()).toBeVisible({ timeout: 60_000 });
  const edges = Number(await table.getByTestId('edge-count').textContent());
  const edgeNames = await table.getByTestId('edge-name').allTextContents();
  const involved = new Set(edgeNames.flatMap((n) => n.split(' – ')));
  expect(edges).toBe(17); // scipy on the demo's files: 17 of 231 edges at FDR q < 0.05 (tests/cli/render-connectome.test.ts)

  await page.getByTestId('connectivity-view-3d').click();
  await expect(page.getByTestId('connectome-canvas')).toHaveAttribute('data-brain', 'shown', { timeout: 60_000 });
  // The camera as shown: the Left view.
  await page.getByTestId('connectome-view-left').click();
  await page.getByTestId('add-to-figure-kind').selectOption('connectome');
  await page.getByTestId('add-to-figure').click();
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Figure' }).click();
  await expect(page.getByTestId('figure-panel')).toHaveCount(1);
  await expect(page.getByTestId('figure-panel').nth(0)).toHaveAttribute('data-kind', 'connectome');
  let panel = await firstPanel(page);
  expect(panel).toMatchObject({ kind: 'connectome', conditionA: 'MDMA', conditionB: 'placebo', threshold: { mode: 'fdr-q', value: 0.05 }, labels: true, aspect: 0.9 });
  expect(panel.camera.eye.map((v) => Math.round(v))).toEqual([-420, 0, 0]);
  expect(panel.camera.up).toEqual([0, 0, 1]);

  // Panel settings: the top view (from above, nose up), at the distance it was added with.
  await page.getByRole('button', { name: 'Settings of panel A' }).click();
  await page.getByTestId('figure-connectome-view').selectOption('top');
  panel = await firstPanel(page);
  expect(panel.camera).toEqual({ eye: [0, 0, 420], up: [0, 1, 0] });
  // One column (89 mm) at 300 dpi: a modest picture for SwiftShader.
  await page.getByTestId('figure-width-mm').fill('89');
  await expect(page.getByTestId('figure-size')).not.toContainText('drawing', { timeout: 180_000 });
  ensureScreensDir();

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByTestId('figure-format').selectOption('png');
  await page.getByTestId('figure-export').click();
  await expect.poll(() => downloads.length, { timeout: 180_000 }).toBe(2);
  const pngPath = join(SCREENS, 'figure-connectome.png');
  copyFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.png'))!.path())!, pngPath);
  const img = decodePng(readFileSync(pngPath));
  expect(img.w).toBe(1051); // 89 mm at 300 dpi
  const px = connectomePixels(img);
  console.log(`[figure connectome e2e] ${img.w} x ${img.h} px; warm ${px.warm}, cool ${px.cool}, glass ${px.glass}, dark ${px.dark}`);
  expect(px.warm).toBeGreaterThan(800); // the 4 MDMA > placebo edges (amygdala–hippocampus)
  expect(px.cool).toBeGreaterThan(2000); // the 13 MDMA < placebo edges
  expect(px.glass).toBeGreaterThan(100_000); // the glass brain, grey on the white page
  const legend = readFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.legend.md'))!.path())!, 'utf8');
  expect(legend).toMatch(/3D connectome, connectivity \(Fisher z\): the edges of the edgewise paired t of MDMA − placebo \(25 pairs, on z as given\) at FDR q < 0\.05, FDR \(Benjamini–Hochberg\) over the 231 edges of the upper triangle: 17 edges/);
  expect(legend).toMatch(/camera: top \(superior\) view/);

  // SVG: the node names of the drawn edges are text, with the key under the picture.
  await page.getByTestId('figure-format').selectOption('svg');
  await page.getByTestId('figure-export').click();
  await expect.poll(() => downloads.length, { timeout: 180_000 }).toBe(4);
  const svg = readFileSync((await downloads.slice(2).find((d) => d.suggestedFilename().endsWith('.svg'))!.path())!, 'utf8');
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  for (const name of involved) expect(texts).toContain(name);
  // (wrapped in a column of 89 mm)
  const key = texts.findIndex((t) => t.startsWith('warm: '));
  expect(`${texts[key]} ${texts[key + 1]}`).toBe('warm: higher under MDMA, cool: higher under placebo; thicker = larger |t| (max 6.5); 17 edges at FDR q &lt; 0.05');

  // The saved scene renders again from the command line: the same PNG bytes.
  await page.getByRole('button', { name: 'Save scene' }).click();
  await expect.poll(() => downloads.length).toBe(5);
  const scenePath = join(SCREENS, 'figure-connectome.scene.json');
  copyFileSync((await downloads[4].path())!, scenePath);
  const cliPng = join(SCREENS, 'figure-connectome-cli.png');
  execFileSync(process.execPath, ['bin/contrastscope.mjs', 'render', scenePath, '--out', cliPng], { timeout: 300_000 });
  const same = readFileSync(cliPng).equals(readFileSync(pngPath));
  const cpx = connectomePixels(decodePng(readFileSync(cliPng)));
  console.log(`[figure connectome e2e] CLI: warm ${cpx.warm}, cool ${cpx.cool}, glass ${cpx.glass}; same bytes as the app: ${same}`);
  // Both draw with SwiftShader here, so the bytes agree (a GPU in the desktop app may differ in the last bits).
  expect(cpx).toEqual(px);
  expect(same).toBe(true);

  // Node names off in the panel settings: the SVG keeps the key and loses the names.
  await page.getByTestId('figure-connectome-labels').uncheck();
  expect((await firstPanel(page)).labels).toBe(false);
  await page.getByTestId('figure-format').selectOption('svg');
  await page.getByTestId('figure-export').click();
  await expect.poll(() => downloads.length, { timeout: 180_000 }).toBe(7);
  const svg2 = readFileSync((await downloads.slice(5).find((d) => d.suggestedFilename().endsWith('.svg'))!.path())!, 'utf8');
  const texts2 = [...svg2.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  for (const name of involved) expect(texts2).not.toContain(name);
  expect(texts2.some((t) => t.startsWith('warm: higher under MDMA'))).toBe(true);
});
