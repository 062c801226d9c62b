// Layouts that fit a laptop and a projector: at each size the Compare workspace shows the contrast
// panel (threshold controls) and the first cluster rows without scrolling, the study panel is one
// line, and the panes are large. Bounding boxes are checked; screenshots go to test-results/screens.
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { SCREENS, ensureScreensDir } from './helpers';
import { openCompare, waitReady } from './compareHelpers';

type Box = { x: number; y: number; width: number; height: number };
const SIZES: [number, number][] = [[1366, 768], [1600, 900], [1920, 1080], [1280, 720]];

async function box(l: Locator, name: string): Promise<Box> {
  const b = await l.boundingBox();
  expect(b, `${name} is laid out`).not.toBeNull();
  return b!;
}
function inside(b: Box, w: number, h: number, name: string) {
  expect(b.x, `${name} left edge`).toBeGreaterThanOrEqual(0);
  expect(b.y, `${name} top edge`).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, `${name} right edge`).toBeLessThanOrEqual(w + 0.5);
  expect(b.y + b.height, `${name} bottom edge`).toBeLessThanOrEqual(h + 0.5);
}
function within(b: Box, outer: Box, name: string) {
  expect(b.x, `${name}: left edge`).toBeGreaterThanOrEqual(outer.x - 0.5);
  expect(b.y, `${name}: top edge`).toBeGreaterThanOrEqual(outer.y - 0.5);
  expect(b.x + b.width, `${name}: right edge`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
  expect(b.y + b.height, `${name}: bottom edge`).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
}
/** Joined buttons share their 1 px border: compare them without it. */
function shrunk(b: Box): Box {
  return { x: b.x + 1, y: b.y + 1, width: b.width - 2, height: b.height - 2 };
}
function apart(a: Box, b: Box, names: string) {
  const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlap, `${names} overlap`).toBe(false);
}
/** The element is drawn on top at its centre (not hidden under a scrolled parent or another panel). */
async function onTop(page: Page, l: Locator, name: string) {
  const hit = await l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + Math.min(r.height / 2, 8));
    return !!top && (el === top || el.contains(top));
  });
  expect(hit, `${name} is visible at its own position`).toBe(true);
}

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => ensureScreensDir());

test('Compare fits 1366x768, 1600x900, 1920x1080 and a 1280x720 projector', async ({ page }) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openCompare(page);
  await waitReady(page);
  await expect(page.getByTestId('cluster-row').first()).toBeVisible({ timeout: 120_000 });
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SCREENS, `layout-compare-${w}x${h}.png`) });
    const study = page.getByTestId('study-panel');
    await expect(study).toHaveAttribute('data-collapsed', 'true');
    const studyBox = await box(study, 'study panel');
    expect(studyBox.height, 'study panel is one line').toBeLessThan(48);
    // The projector size asks for large panes and readable text; cluster rows may scroll there.
    const laptop = w !== 1280;
    const named: Record<string, Locator> = {
      'study panel': study,
      'threshold slider': page.getByTestId('threshold-slider'),
      'threshold description': page.getByTestId('threshold-description'),
      'min extent': page.getByTestId('min-extent'),
      'contrast pane': page.getByTestId('pane-contrast'),
      // The first cluster's line and the table's next line (its first sub-peak, or the second cluster).
      ...(laptop ? { 'first cluster row': page.getByTestId('cluster-row').first().getByTestId('cluster-peak-label'), 'second table line': page.getByTestId('cluster-table').locator('[data-testid="cluster-row"], [data-testid="cluster-subpeak"]').nth(1) } : {}),
    };
    const boxes: Record<string, Box> = {};
    for (const [name, l] of Object.entries(named)) {
      boxes[name] = await box(l, name);
      inside(boxes[name], w, h, `${w}x${h}: ${name}`);
      if (name !== 'contrast pane') await onTop(page, l, `${w}x${h}: ${name}`);
    }
    const contrast = await box(page.getByTestId('contrast-panel'), 'contrast panel');
    inside(contrast, w, h, `${w}x${h}: contrast panel`);
    // Each threshold mode button lies wholly inside the group and the panel, shows its whole
    // label (no ellipsis, no clipped text) and does not cover the next button.
    const modes = page.getByTestId('threshold-modes');
    const modesBox = await box(modes, 'threshold modes');
    const modeBoxes: Box[] = [];
    for (const id of ['mode-p-unc', 'mode-fdr-q', 'mode-raw', 'mode-fwe']) {
      const b = page.getByTestId(id);
      const bb = await box(b, id);
      within(bb, modesBox, `${w}x${h}: ${id} inside the threshold modes`);
      within(bb, contrast, `${w}x${h}: ${id} inside the contrast panel`);
      const clipped = await b.evaluate((el) => el.scrollWidth > el.clientWidth + 0.5);
      expect(clipped, `${w}x${h}: ${id} label cut off`).toBe(false);
      await onTop(page, b, `${w}x${h}: ${id}`);
      for (const other of modeBoxes) apart(shrunk(bb), shrunk(other), `${w}x${h}: ${id} and another mode button`);
      modeBoxes.push(bb);
    }
    await expect(page.getByTestId('mode-fwe')).toHaveText('FWE (permutation)');
    if (laptop) apart(contrast, boxes['first cluster row'], `${w}x${h}: contrast panel and cluster rows`);
    apart(studyBox, contrast, `${w}x${h}: study and contrast panels`);
    apart(contrast, boxes['contrast pane'], `${w}x${h}: contrast panel and contrast pane`);
    // Panes large: each of the three panes gets at least a sixth of the window's width and 40% of its height.
    expect(boxes['contrast pane'].width, `${w}x${h}: pane width`).toBeGreaterThan(w * 0.17);
    expect(boxes['contrast pane'].height, `${w}x${h}: pane height`).toBeGreaterThan(h * 0.4);
    // Readable text: at least 13 px in the threshold description and cluster rows.
    const px = await page.getByTestId('threshold-description').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(px).toBeGreaterThanOrEqual(13);
    // The README's picture of the first Compare screen (faces BOLD at FDR q < 0.05, as it opens).
    if (w === 1600) await page.screenshot({ path: 'docs/screenshot-compare-faces.png' });
  }
  // Unfolding the study panel gives back its facts; folding it again keeps the layout.
  await page.getByTestId('study-expand').click();
  await expect(page.getByTestId('study-panel')).not.toHaveAttribute('data-collapsed', 'true');
  await expect(page.getByTestId('simulated-banner')).toBeVisible();
  await page.getByTestId('study-collapse').click();
  await expect(page.getByTestId('study-panel')).toHaveAttribute('data-collapsed', 'true');
  await expect(page.getByTestId('simulated-tag')).toBeVisible();
});

test('nothing survives: the contrast panel says so and offers p < 0.001 as one click', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  await openCompare(page);
  await waitReady(page);
  // The strongest faces voxel has |t| = 11.5 (p ~ 3e-11): p < 1e-12 passes nothing.
  await page.getByTestId('mode-p-unc').click();
  const value = page.getByTestId('threshold-value');
  await value.fill('1e-12');
  await value.press('Enter');
  const box = page.getByTestId('nothing-survives');
  await expect(box).toBeVisible();
  await expect(box).toContainText(/No voxel survives this threshold\. Strongest \|t\| = 11\.\d \(p = \de-11\)\./);
  await page.getByTestId('nothing-survives-try').click();
  await expect(page.getByTestId('threshold-description')).toContainText('p < 0.001 two-sided');
  await expect(box).toHaveCount(0);
  await expect(page.getByTestId('cluster-row').first()).toBeVisible({ timeout: 60_000 });
});
