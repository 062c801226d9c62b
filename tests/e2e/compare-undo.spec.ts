// Undo in Compare records what the user did: a threshold drag is one step, adding an ROI is one
// step, and Ctrl+Z / Ctrl+Shift+Z walk them back and forth with the numbers and pixels following.
import { expect, test } from './fixtures';
import { openCompare, waitReady, type AppHandle } from './compareHelpers';
import { gpuSettled, pixelDiff } from './helpers';
import type { Page } from '@playwright/test';

test.setTimeout(360_000);

type Shown = { value: number; rois: string[]; past: number; clustersFor: number | null };

const shown = (page: Page) =>
  page.evaluate((): Shown => {
    const s = (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState() as unknown as {
      scene: { compare: { threshold: { value: number }; rois: { id: string }[] } };
      compare: { clustersFor: { value: number } | null };
      past: unknown[];
    };
    return { value: s.scene.compare.threshold.value, rois: s.scene.compare.rois.map((r) => r.id), past: s.past.length, clustersFor: s.compare.clustersFor?.value ?? null };
  });

/** The contrast pane once the worker has answered for the threshold the panel shows. */
async function settledPane(page: Page): Promise<Buffer> {
  await waitReady(page);
  await page.waitForFunction(() => {
    const s = (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState() as unknown as { scene: { compare: { threshold: { value: number } } }; compare: { clustersFor: { value: number } | null } };
    return s.compare.clustersFor?.value === s.scene.compare.threshold.value;
  }, null, { timeout: 60_000 });
  await gpuSettled(page);
  return page.getByTestId('pane-contrast').locator('canvas').screenshot();
}

const shownValue = async (page: Page) => Number(await page.getByTestId('threshold-value').inputValue());
const roiRows = (page: Page) => page.locator('[data-testid="roi-result"]');

test('Compare undo: threshold drag and ROI are one step each; undo twice, redo once; numbers and pixels follow', async ({ page }) => {
  await openCompare(page);
  await waitReady(page);
  const start = await shown(page);
  expect(start.rois).toEqual([]);
  const v0 = await shownValue(page);
  expect(v0).toBe(start.value);
  const png0 = await settledPane(page);

  // Drag the threshold slider: many values on the way, one undo step.
  const slider = page.getByTestId('threshold-slider');
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  const seen = new Set<number>();
  for (let k = 1; k <= 8; k++) {
    await page.mouse.move(box.x + box.width * (0.3 + 0.05 * k), y);
    await page.waitForTimeout(80);
    seen.add((await shown(page)).value);
  }
  await page.mouse.up();
  expect(seen.size, 'the drag went through several thresholds').toBeGreaterThan(2);
  const afterDrag = await shown(page);
  expect(afterDrag.past - start.past, 'one undo step for the whole drag').toBe(1);
  const v1 = await shownValue(page);
  expect(v1).toBe(afterDrag.value);
  expect(v1).toBeLessThan(v0);
  const png1 = await settledPane(page);
  const dragDiff = await pixelDiff(page, png0, png1);
  console.log(`[compare-undo] threshold ${v0} -> ${v1} over ${seen.size} values; contrast pane differs in ${(dragDiff * 100).toFixed(2)} % of pixels`);
  expect(dragDiff).toBeGreaterThan(0.001);

  // Add an ROI: a sphere at the crosshair; its row shows numbers.
  await page.getByTestId('roi-sphere').click();
  await expect(roiRows(page)).toHaveCount(1);
  await expect(roiRows(page).first().getByTestId('roi-dz')).toHaveText(/^-?\d/, { timeout: 60_000 });
  const dz = Number(await roiRows(page).first().getByTestId('roi-dz').textContent());
  expect(Number.isFinite(dz)).toBe(true);
  expect((await shown(page)).past - start.past).toBe(2);

  // Ctrl+Z: the ROI goes, the threshold stays.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(roiRows(page)).toHaveCount(0);
  expect((await shown(page)).value).toBe(v1);
  expect(await shownValue(page)).toBe(v1);

  // Ctrl+Z again: the threshold before the drag, and the pane as it was.
  await page.keyboard.press('Control+z');
  await expect.poll(() => shownValue(page)).toBe(v0);
  const png2 = await settledPane(page);
  const backDiff = await pixelDiff(page, png0, png2);
  const vsDrag = await pixelDiff(page, png1, png2);
  console.log(`[compare-undo] after two undos: ${(backDiff * 100).toFixed(3)} % of pixels differ from the start, ${(vsDrag * 100).toFixed(2)} % from after the drag`);
  expect(backDiff).toBeLessThan(dragDiff / 10);
  expect(vsDrag).toBeGreaterThan(0.001);

  // Ctrl+Shift+Z: the drag's threshold again, still no ROI.
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => shownValue(page)).toBe(v1);
  await expect(roiRows(page)).toHaveCount(0);
  const png3 = await settledPane(page);
  const redoDiff = await pixelDiff(page, png1, png3);
  console.log(`[compare-undo] after redo: ${(redoDiff * 100).toFixed(3)} % of pixels differ from after the drag`);
  expect(redoDiff).toBeLessThan(dragDiff / 10);
  // The study stayed loaded throughout: the measure is still the one shown.
  await expect(page.getByTestId('compare-measure')).not.toHaveValue('');
});
