// Presenting: save views of the compare workspace, step through them with PageUp/PageDown as a
// clicker does, rename one, and find them in the saved scene file.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { chooseMeasure, openCompare, waitReady, type AppHandle } from './compareHelpers';
import { SCREENS, ensureScreensDir, pixelStats } from './helpers';
import { join } from 'node:path';

test.setTimeout(360_000);

type Shown = { workspace: string; measure: string | null; threshold: { mode: string; value: number }; crosshair: number[]; activeViewId: string | null };

test('saved views: save two compare views, present them with PageUp/PageDown, rename, keep them in the scene file', async ({ page }) => {
  await openCompare(page);
  const shown = () =>
    page.evaluate((): Shown => {
      const s = (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState() as unknown as {
        workspace: string;
        scene: { view: { crosshairMm: number[] }; compare: { measureId: string | null; threshold: { mode: string; value: number } } };
        activeViewId: string | null;
      };
      return { workspace: s.workspace, measure: s.scene.compare.measureId, threshold: s.scene.compare.threshold, crosshair: s.scene.view.crosshairMm, activeViewId: s.activeViewId };
    });
  const panel = page.getByTestId('views-panel');
  await expect(panel).toContainText('PageDown');

  // View 1: CBF at FDR q < 0.05 (the default threshold).
  await chooseMeasure(page, /^CBF/);
  await waitReady(page);
  await expect(page.getByTestId('threshold-description')).toContainText('q < 0.05');
  await panel.getByTestId('view-save').click();
  await expect(panel.getByTestId('view-name')).toHaveText(['CBF · MDMA − placebo · FDR q < 0.05']);

  // View 2: p < 0.001 with the crosshair on the largest cluster's peak.
  await page.keyboard.press('p');
  await expect(page.getByTestId('threshold-description')).toContainText('p < 0.001');
  const table = page.getByTestId('cluster-table');
  await expect(table.getByTestId('cluster-row').first()).toBeVisible({ timeout: 60_000 });
  await table.getByTestId('cluster-row').first().click();
  const atPeak = (await shown()).crosshair;
  await panel.getByTestId('view-save').click();
  await expect(panel.getByTestId('view-name')).toHaveText(['CBF · MDMA − placebo · FDR q < 0.05', 'CBF · MDMA − placebo · p < 0.001']);
  await expect(panel.getByTestId('view-item').nth(1)).toHaveAttribute('aria-current', 'true');

  // Wander off: another measure, another threshold, the viewer workspace.
  await chooseMeasure(page, /faces/);
  await page.keyboard.press('q');
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Viewer' }).click();
  await expect(page.getByTestId('views-panel').getByTestId('view-item')).toHaveCount(2);

  // PageUp from view 2 shows view 1: back in Compare on CBF at q < 0.05.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('PageUp');
  await expect.poll(async () => (await shown()).activeViewId).toBe('v1');
  let s = await shown();
  expect(s).toMatchObject({ workspace: 'compare', measure: 'cbf', threshold: { mode: 'fdr-q', value: 0.05 } });
  await expect(page.getByTestId('compare-measure')).toHaveValue('cbf');
  await waitReady(page);
  await expect(page.getByTestId('threshold-description')).toContainText('q < 0.05');

  // PageDown shows view 2: p < 0.001, crosshair on the peak, and the contrast pane draws the cool cluster.
  await page.keyboard.press('PageDown');
  await expect.poll(async () => (await shown()).activeViewId).toBe('v2');
  s = await shown();
  expect(s.threshold).toMatchObject({ mode: 'p-unc', value: 0.001 });
  expect(s.crosshair).toEqual(atPeak);
  await waitReady(page);
  await expect(page.getByTestId('threshold-description')).toContainText('p < 0.001');
  await page.waitForTimeout(500);
  const pane = await pixelStats(page, page.getByTestId('pane-contrast'));
  expect(pane.cool).toBeGreaterThan(30);
  // At the last view PageDown stays there.
  await page.keyboard.press('PageDown');
  await page.waitForTimeout(200);
  expect((await shown()).activeViewId).toBe('v2');

  // Rename by double-click, as on a slide list.
  const views = page.getByTestId('views-panel');
  await views.getByTestId('view-show').first().dblclick();
  const input = views.getByTestId('view-rename-input');
  await input.fill('Right medial temporal CBF drop');
  await input.press('Enter');
  await expect(views.getByTestId('view-name').first()).toHaveText('Right medial temporal CBF drop');
  ensureScreensDir();
  await page.screenshot({ path: join(SCREENS, 'views.png') });

  // Save scene: the views are in the file, in order, with what they show.
  const paneBefore = (await page.getByTestId('pane-contrast').boundingBox())!;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save scene' }).click()]);
  // The confirmation floats over the panes (they keep their size) and goes away by itself.
  const notice = page.getByRole('status');
  await expect(notice).toContainText('Scene saved');
  expect((await page.getByTestId('pane-contrast').boundingBox())!.height).toBe(paneBefore.height);
  await expect(notice).toHaveCount(0, { timeout: 20_000 });
  const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { views: { name: string; workspace: string; compare: { measureId: string; threshold: { mode: string; value: number } }; view: { crosshairMm: number[] } }[] };
  expect(saved.views.map((v) => v.name)).toEqual(['Right medial temporal CBF drop', 'CBF · MDMA − placebo · p < 0.001']);
  expect(saved.views[1]).toMatchObject({ workspace: 'compare', compare: { measureId: 'cbf', threshold: { mode: 'p-unc', value: 0.001 } } });
  expect(saved.views[1].view.crosshairMm).toEqual(atPeak);

  // Present: the side panels and top bar go, the panes fill the screen, a caption names the view.
  const narrow = (await page.getByTestId('pane-contrast').boundingBox())!.width;
  await views.getByTestId('view-present').click();
  await expect(page.getByTestId('views-panel')).toHaveCount(0);
  await expect(page.getByTestId('present-caption')).toHaveText('1 / 2 · Right medial temporal CBF drop');
  await expect.poll(async () => (await page.getByTestId('pane-contrast').boundingBox())!.width).toBeGreaterThan(narrow * 1.3);
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('present-caption')).toHaveText('2 / 2 · CBF · MDMA − placebo · p < 0.001');
  await expect(page.getByTestId('threshold-description')).toHaveCount(0);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SCREENS, 'presenting.png') });
  expect((await pixelStats(page, page.getByTestId('pane-contrast'))).cool).toBeGreaterThan(30);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('views-panel')).toBeVisible();
  await expect(page.getByTestId('present-bar')).toHaveCount(0);
});
