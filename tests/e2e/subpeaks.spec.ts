// Sub-peaks in the compare cluster table on the demo: a click on one moves the crosshair there.
import { expect, test } from './fixtures';
import { chooseMeasure, openCompare, waitReady, type AppHandle } from './compareHelpers';
import { SCREENS, ensureScreensDir } from './helpers';

test.beforeAll(() => ensureScreensDir());
test.setTimeout(300_000);

const fmt = (mm: number[]) => mm.map((v) => (Math.round(v * 10) === 0 ? 0 : v).toFixed(1)).join(', ');

test('CBF contrast: a cluster lists sub-peaks; clicking one moves the crosshair and readout to it', async ({ page }) => {
  await openCompare(page);
  await chooseMeasure(page, /CBF/i);
  await waitReady(page);
  const panel = page.getByTestId('contrast-panel');
  await panel.getByTestId('mode-fdr-q').click();
  await panel.getByTestId('two-sided').click();
  await expect(panel.getByTestId('threshold-description')).toContainText('FDR q < 0.05 two-sided');

  const table = page.getByTestId('cluster-table');
  const sub = table.getByTestId('cluster-subpeak');
  await expect(sub.first()).toBeVisible({ timeout: 60_000 });
  const rows = await page.evaluate(() => ((window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().compare as {
    clusters: { peakMm: number[]; subpeaks?: { mm: number[]; stat: number }[] }[];
  }).clusters);
  const owner = rows.findIndex((r) => (r.subpeaks?.length ?? 0) > 0);
  const first = rows[owner].subpeaks![0];
  // At most 3 per cluster, each 8 mm or more from its cluster's peak.
  for (const r of rows) {
    expect(r.subpeaks!.length).toBeLessThanOrEqual(3);
    for (const s of r.subpeaks!) expect(Math.hypot(...s.mm.map((v, d) => v - r.peakMm[d]))).toBeGreaterThanOrEqual(8 - 1e-9);
  }
  const row = table.getByTestId('cluster-row').nth(owner);
  const target = row.getByTestId('cluster-subpeak').first();
  await expect(target.getByTestId('cluster-subpeak-stat')).toHaveText(first.stat.toFixed(2));
  await expect(target.getByTestId('cluster-subpeak-label')).not.toHaveText('');

  // Go to the cluster's peak first, so the sub-peak click has to move the crosshair away from it.
  await row.getByTestId('cluster-peak').click();
  const readout = page.getByTestId('readout-mm');
  await expect(readout).toHaveText(fmt(rows[owner].peakMm));
  await target.click();
  await expect(readout).toHaveText(fmt(first.mm));
  const crosshair = await page.evaluate(() => ((window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().scene as { view: { crosshairMm: number[] } }).view.crosshairMm);
  expect(crosshair.map((v, d) => Math.abs(v - first.mm[d])).every((d) => d < 1e-6)).toBe(true);
  await expect(page.getByTestId('location-readout').getByTestId('readout-region')).toHaveText((await target.getByTestId('cluster-subpeak-label').textContent())!);
  await table.screenshot({ path: `${SCREENS}/cluster-subpeaks.png` });
});
