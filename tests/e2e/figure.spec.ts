// Figures for papers through the UI on the demo: a mosaic of the CBF contrast, a glass brain and
// the right-amygdala ROI plot, exported as PNG, TIFF, SVG and PDF, each checked with the tools a
// journal's checks use (pHYs, tiffinfo, pdfinfo) and kept for looking at.
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from '@playwright/test';
import { expect, test } from './fixtures';
import { chooseMeasure, openCompare, waitReady } from './compareHelpers';
import { SCREENS, ensureScreensDir } from './helpers';

test.setTimeout(420_000);

function pngPhys(png: Buffer): { w: number; h: number; dpi: number | null } {
  const w = png.readUInt32BE(16);
  const h = png.readUInt32BE(20);
  let o = 8;
  while (o < png.length) {
    const len = png.readUInt32BE(o);
    const type = png.toString('latin1', o + 4, o + 8);
    if (type === 'pHYs') return { w, h, dpi: png[o + 16] === 1 ? png.readUInt32BE(o + 8) * 0.0254 : null };
    o += 12 + len;
  }
  return { w, h, dpi: null };
}

test('figure: build three panels from Compare, export PNG, TIFF, SVG and PDF at journal size', async ({ page }) => {
  await openCompare(page);
  await chooseMeasure(page, /^CBF/);
  await waitReady(page);
  await page.keyboard.press('p'); // p < 0.001 uncorrected
  await expect(page.getByTestId('threshold-description')).toContainText('p < 0.001');
  await waitReady(page);

  const kind = page.getByTestId('add-to-figure-kind');
  await kind.selectOption('mosaic');
  await page.getByTestId('add-to-figure').click();
  await kind.selectOption('glass');
  await page.getByTestId('add-to-figure').click();
  await page.getByTestId('roi-panel').getByTestId('roi-preset-amygdala_R').click();
  await kind.selectOption({ label: 'ROI plot: Amygdala, right' });
  await page.getByTestId('add-to-figure').click();

  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Figure' }).click();
  await expect(page.getByTestId('figure-panel')).toHaveCount(3);
  await expect(page.getByTestId('figure-panel').nth(0)).toHaveAttribute('data-kind', 'slices');
  await expect(page.getByTestId('figure-panel').nth(2)).toHaveAttribute('data-kind', 'roi');

  // Page: Nature two columns, 300 dpi (the defaults), shown at its true aspect.
  await expect(page.getByTestId('figure-width-mm')).toHaveValue('183');
  await expect(page.getByTestId('figure-dpi')).toHaveValue('300');
  const img = page.getByTestId('figure-page').locator('img');
  await expect(img).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('figure-size')).not.toContainText('drawing', { timeout: 60_000 });
  const box = (await page.getByTestId('figure-page').boundingBox())!;
  const heightMm = Number((await page.getByTestId('figure-size').textContent())!.match(/× ([\d.]+) mm/)![1]);
  expect(box.width / box.height).toBeCloseTo(183 / heightMm, 1);
  ensureScreensDir();
  await page.screenshot({ path: join(SCREENS, 'figure-workspace.png') });

  // Reordering by dragging is undoable: drag C onto A, then undo.
  const ids = async () => page.evaluate(() => ((window as unknown as { contrastscope_app: { store: { getState(): { scene: { figures: { panels: { kind: string }[] }[] } } } } }).contrastscope_app.store.getState().scene.figures[0].panels.map((p) => p.kind)));
  await page.getByTestId('figure-panel').nth(2).dragTo(page.getByTestId('figure-panel').nth(0));
  await expect.poll(ids).toEqual(['roi', 'slices', 'glass']);
  await page.keyboard.press('Control+z');
  await expect.poll(ids).toEqual(['slices', 'glass', 'roi']);

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  const saved: Record<string, string> = {};
  for (const format of ['png', 'tiff', 'svg', 'pdf']) {
    const before = downloads.length;
    await page.getByTestId('figure-format').selectOption(format);
    await page.getByTestId('figure-export').click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(before + 2);
    for (const d of downloads.slice(before)) {
      const out = join(SCREENS, d.suggestedFilename());
      copyFileSync((await d.path())!, out);
      saved[d.suggestedFilename().endsWith('.legend.md') ? `${format}-legend` : format] = out;
    }
  }

  // PNG: pHYs = 300 dpi, 183 mm / 25.4 x 300 = 2161 px wide.
  const png = pngPhys(readFileSync(saved.png));
  expect(png.w).toBe(2161);
  expect(png.dpi).toBeCloseTo(300, 1);
  expect(Math.abs(png.h - (heightMm / 25.4) * 300)).toBeLessThan(2); // the page height shown to 0.1 mm
  // TIFF: deflate, 300 pixels per inch.
  const tiff = execFileSync('tiffinfo', [saved.tiff], { encoding: 'utf8' });
  expect(tiff).toMatch(/Image Width: 2161/);
  expect(tiff).toMatch(/Resolution: 300, 300 pixels\/inch/);
  expect(tiff).toMatch(/Compression Scheme: AdobeDeflate/);
  // SVG: MDMA and the threshold as text.
  const svg = readFileSync(saved.svg, 'utf8');
  expect(svg).toMatch(/<text[^>]*>CBF: MDMA − placebo<\/text>/);
  expect(svg).toMatch(/<text[^>]*>[^<]*p &lt; 0\.001[^<]*<\/text>/);
  expect(svg).toMatch(/<text[^>]*>[^<]*Simulated demo/);
  expect(svg).toMatch(/<text[^>]*>z = −?\d+<\/text>/);
  // PDF: one page, 183 mm = 518.74 pt wide within 0.5 pt.
  const info = execFileSync('pdfinfo', [saved.pdf], { encoding: 'utf8' });
  const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/)!;
  expect(Math.abs(Number(w) - (183 * 72) / 25.4)).toBeLessThan(0.5);
  expect(Math.abs(Number(h) - png.h / 300 * 72)).toBeLessThan(0.5);
  expect(info).toMatch(/Pages:\s+1/);
  const fonts = execFileSync('pdffonts', [saved.pdf], { encoding: 'utf8' });
  expect(fonts).toMatch(/DejaVuSans.*yes/);
  // Legend: the settings for the methods.
  const legend = readFileSync(saved['png-legend'], 'utf8');
  expect(legend).toMatch(/Conditions: MDMA and placebo; n = 25/);
  expect(legend).toMatch(/Statistic: paired t; dof = 24/);
  expect(legend).toMatch(/Correction: none \(uncorrected p < 0\.001\)/);
  expect(legend).toMatch(/Simulated demo/);
  execFileSync('pdftoppm', ['-png', '-r', '100', '-singlefile', saved.pdf, join(SCREENS, 'figure-pdf-page')]);

  // The saved scene renders again from the command line: the same bytes as the app's PNG.
  const before = downloads.length;
  await page.getByRole('button', { name: 'Save scene' }).click();
  await expect.poll(() => downloads.length).toBe(before + 1);
  const scenePath = join(SCREENS, 'figure.scene.json');
  copyFileSync((await downloads[before].path())!, scenePath);
  expect(JSON.parse(readFileSync(scenePath, 'utf8')).figures[0].study).toEqual({ kind: 'demo', seed: 20150901 });
  const cliPng = join(SCREENS, 'figure-cli.png');
  execFileSync(process.execPath, ['bin/contrastscope.mjs', 'render', scenePath, '--out', cliPng], { timeout: 180_000 });
  expect(readFileSync(cliPng).equals(readFileSync(saved.png))).toBe(true);
});
