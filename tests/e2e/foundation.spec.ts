import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { SCREENS, SPM_T, ensureScreensDir, openApp, pixelStats, pngRegionStats, pngSize } from './helpers';
import { firstMissing, needsInPlaywright } from '../fixtures/references';
import { missingCorpusTools } from '../unit/nifti/corpus';

test.beforeAll(() => ensureScreensDir());

test('start screen draws the template with AAL outlines and L/R markers', async ({ page }) => {
  await openApp(page);
  const pane = page.getByTestId('pane-main');
  const s = await pixelStats(page, pane);
  // The multiplanar view of the brain fills a good part of the pane.
  expect(s.nonBackground / s.total).toBeGreaterThan(0.1);
  expect(s.brightGrey).toBeGreaterThan(2000);
  // AAL outlines are drawn in label colours.
  expect(s.colored).toBeGreaterThan(2000);
  await expect(page.getByTestId('layer-row').filter({ hasText: 'AAL atlas' })).toHaveCount(1);
  await expect(page.getByTestId('readout-mm')).toHaveText('0.0, 0.0, 0.0');
  await page.screenshot({ path: join(SCREENS, 'start.png') });

  // Hiding the atlas removes the coloured outlines: proof they came from the atlas layer.
  await page.getByTestId('toggle-atlas').click();
  await expect.poll(async () => (await pixelStats(page, pane)).colored).toBeLessThan(s.colored / 4);
  await page.getByTestId('toggle-atlas').click();

  // Export PNG: the pane as drawn at its own resolution, with a caption band underneath.
  const { png, size, paneTop } = await exportView(page);
  const inPane = await pngRegionStats(page, png, { x: paneTop.x, y: paneTop.y, w: size[0], h: size[1] });
  expect(inPane.brightGrey).toBeGreaterThan(2000);
  expect(inPane.colored).toBeGreaterThan(2000);
});

/** Clicks Export PNG and returns the file, the pane canvas's size and where the pane sits in it. */
async function exportView(page: Page): Promise<{ png: Buffer; size: [number, number]; paneTop: { x: number; y: number } }> {
  // (Read the size first: the "exported" notice then takes some height from the pane.)
  const [w, h, scale] = await page.getByTestId('niivue-canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height, c.width / c.clientWidth]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(download.suggestedFilename()).toBe('contrastscope-view.png');
  const png = readFileSync((await download.path())!);
  const px = (v: number) => Math.round(v * scale);
  const [fw, fh] = pngSize(png);
  // Margins of 12 px; heading 24 px and a 6 px gap above the pane; colorbars and text below it.
  expect(fw).toBe(w + 2 * px(12));
  expect(fh).toBeGreaterThan(h + px(60));
  return { png, size: [w, h], paneTop: { x: px(12), y: px(12) + px(24) + px(6) } };
}

test('opens the SPM t map, shows where it is resampled, and reads values in the left amygdala', async ({ page }) => {
  await openApp(page);
  const pane = page.getByTestId('pane-main');
  await page.getByTestId('open-file-input').setInputFiles(SPM_T);
  const row = page.getByTestId('layer-row').filter({ hasText: 'spmT_0001.nii.gz' });
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await expect(row.getByTestId('layer-note').first()).toHaveText('resampled from 1.5 mm LAS grid for display');
  await expect(row).toContainText('dof 1066');
  // SPM's dof 1066 gives t = 3.10 for p < 0.001, one tail.
  await expect(row.getByTestId('threshold-pos')).toHaveValue('3.1');
  await expect(row.getByTestId('threshold-neg')).toHaveValue('-3.1');

  await page.getByTestId('goto-mm').fill('-24 -4 -18');
  await page.getByTestId('goto-mm').press('Enter');
  const readout = page.getByTestId('location-readout');
  await expect(readout.getByTestId('readout-mm')).toHaveText('-24.0, -4.0, -18.0');
  await expect(readout.getByTestId('readout-region')).toHaveText('Amygdala_L');
  // Template voxel (66,121,53); the SPM grid's own nearest voxel is (76,81,36) where nibabel reads 1.05736.
  await expect(readout.getByTestId('readout-voxel')).toHaveText('66, 121, 53');
  const value = readout.getByTestId('readout-layer').filter({ hasText: 'spmT_0001.nii.gz' }).getByTestId('readout-value');
  await expect(value).toHaveText('1.057');

  // Coordinates pasted the way papers print them.
  await page.getByTestId('goto-mm').fill('(26, -2, -20)');
  await page.getByTestId('goto-mm').press('Enter');
  await expect(readout.getByTestId('readout-region')).toHaveText('Amygdala_R');

  // The peak of this map (nibabel: t = 5.4225 at voxel 85,126,43 = -37.5, 63, -7.5 mm, left frontal).
  await page.getByTestId('goto-mm').fill('-37.5 63 -7.5');
  await page.getByTestId('goto-mm').press('Enter');
  await expect(value).toHaveText('5.422');
  // Suprathreshold blobs are drawn in warm colours through the peak: compare with the layer hidden.
  await page.waitForTimeout(300);
  const withMap = await pixelStats(page, pane);
  await row.getByRole('checkbox', { name: /Show spmT/ }).uncheck();
  await expect.poll(async () => withMap.warm - (await pixelStats(page, pane)).warm).toBeGreaterThan(300);
  await row.getByRole('checkbox', { name: /Show spmT/ }).check();
  await expect.poll(async () => (await pixelStats(page, pane)).warm).toBeGreaterThan(withMap.warm - 50);
  await page.screenshot({ path: join(SCREENS, 'spm.png') });

  // The exported figure carries the map's colorbar (warm and cool ramps) and names it.
  const { png, size, paneTop } = await exportView(page);
  writeFileSync(join(SCREENS, 'viewer-figure.png'), png);
  const [fw, fh] = pngSize(png);
  const inPane = await pngRegionStats(page, png, { x: paneTop.x, y: paneTop.y, w: size[0], h: size[1] });
  expect(inPane.warm).toBeGreaterThan(300);
  const below = await pngRegionStats(page, png, { x: 0, y: paneTop.y + size[1], w: fw, h: fh - paneTop.y - size[1] });
  expect(below.warm).toBeGreaterThan(200);
  expect(below.cool).toBeGreaterThan(200);
});

test('bad files give a clear message each, and the app keeps working', async ({ page }) => {
  const dir = process.env.ROBUST_DIR;
  needsInPlaywright(test.skip, dir ? null : firstMissing(missingCorpusTools, 'the robustness corpus was not generated'));
  await openApp(page);
  const bad: [string, RegExp][] = [
    ['empty.nii', /empty|not a NIfTI/i],
    ['truncated_data.nii', /truncated|expected|bytes/i],
    ['gzip_truncated.nii.gz', /truncated|compressed/i],
    ['png_renamed.nii', /not a NIfTI/i],
    ['dims_memory_bomb.nii', /too large|size/i],
    ['datatype_unknown.nii', /datatype|unsupported/i],
  ];
  const input = page.getByTestId('open-file-input');
  for (const [file, problem] of bad) {
    await input.setInputFiles(join(dir!, 'nifti', file));
    const item = page.getByTestId('error-item').filter({ hasText: file });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(problem);
    await expect(item).not.toContainText(/\bat \w+ \(|\.ts:\d+/); // no stack traces
    await item.getByTestId('error-dismiss').click();
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
  }
  await expect(page.getByTestId('layer-row')).toHaveCount(2);
  // The next good file still opens, and the view still answers.
  await input.setInputFiles(SPM_T);
  await expect(page.getByTestId('layer-row').filter({ hasText: 'spmT_0001.nii.gz' })).toHaveCount(1, { timeout: 60_000 });
  await page.getByTestId('goto-mm').fill('-24, -4, -18');
  await page.getByTestId('goto-mm').press('Enter');
  await expect(page.getByTestId('readout-region')).toHaveText('Amygdala_L');
});
