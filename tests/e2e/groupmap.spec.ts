// A group-level SPM t map opened on its own, analysed in the compare workspace: threshold with its
// dof, the cluster table, and ROI mean values instead of per-subject plots.
import { expect, test } from './fixtures';
import { SCREENS, SPM_T, ensureScreensDir, openApp } from './helpers';

test.beforeAll(() => ensureScreensDir());
test.setTimeout(360_000);

type AppHandle = { store: { getState(): Record<string, unknown> } };
type ClusterRowLite = { sign: number; nVoxels: number; peakStat: number; peakMm: number[]; peakLabel: string };

test('spmT_0001: Analyse in Compare gives clusters with the SPM peak and ROI mean values', async ({ page }) => {
  await openApp(page);
  // The first start of a profile generates the demo study; let that finish so the file opens promptly.
  await page.waitForFunction(() => !!(window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().study, null, { timeout: 240_000 });
  await page.getByTestId('open-file-input').setInputFiles(SPM_T);
  const row = page.getByTestId('layer-row').filter({ hasText: 'spmT_0001.nii.gz' });
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await expect(row).toContainText('dof 1066');

  await row.getByTestId('analyse-in-compare').click();
  await expect(page.getByTestId('pane-contrast')).toBeVisible();
  await expect(page.getByTestId('workspace-switcher').getByRole('button', { name: 'Compare' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('pane-a')).toHaveCount(0);
  const panel = page.getByTestId('contrast-panel');
  await expect(panel.getByTestId('contrast-direction')).toHaveText('Group-level t map');
  await expect(page.getByTestId('pane-title-contrast')).toContainText('spmT_0001.nii.gz · t (dof 1066)');

  // p < 0.001 one-sided with dof 1066 is t > 3.10 (scipy: t.isf(0.001, 1066) = 3.0977).
  await panel.getByTestId('mode-p-unc').click();
  await panel.getByTestId('one-sided').click();
  await expect(panel.getByTestId('threshold-description')).toContainText('3.1');

  // Raw |t| > 3.1, two-sided: the map's maximum is t = 5.422 at MNI -37.5 63 -7.5.
  await panel.getByTestId('mode-raw').click();
  await panel.getByTestId('two-sided').click();
  await panel.getByTestId('threshold-value').fill('3.1');
  await panel.getByTestId('threshold-value').press('Enter');
  const table = page.getByTestId('cluster-table');
  const rows = table.getByTestId('cluster-row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  await table.getByTestId('sort-peak').click();
  await expect(rows.first().getByTestId('cluster-peak')).toHaveText('5.42');
  await expect(rows.first()).toHaveAttribute('data-sign', '1');
  await expect(rows.first()).toContainText('-37.5 63 -7.5');
  const clusters = await page.evaluate(() => ((window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().compare as { clusters: ClusterRowLite[] }).clusters);
  expect(clusters.length).toBeGreaterThan(1);
  expect(clusters[0].peakStat).toBeCloseTo(5.422, 3);
  [-37.5, 63, -7.5].forEach((v, k) => expect(clusters[0].peakMm[k]).toBeCloseTo(v, 3));
  // Every suprathreshold cluster's peak passes the cut, and sorting by peak is by |t|.
  for (const c of clusters) expect(Math.abs(c.peakStat)).toBeGreaterThan(3.1);
  for (let i = 1; i < clusters.length; i++) expect(Math.abs(clusters[i - 1].peakStat)).toBeGreaterThanOrEqual(Math.abs(clusters[i].peakStat));

  // Clicking the top row moves the crosshair to the peak.
  await rows.first().click();
  const cross = await page.evaluate(() => ((window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().scene as { view: { crosshairMm: number[] } }).view.crosshairMm);
  [-37.5, 63, -7.5].forEach((v, k) => expect(cross[k]).toBeCloseTo(v, 3));

  // Group map ROI: the mean t in the left amygdala, not per-subject plots.
  const roiPanel = page.getByTestId('roi-panel');
  await roiPanel.getByTestId('roi-preset-amygdala_L').click();
  const roi = roiPanel.locator('[data-testid="roi-result"][data-roi="amygdala_L"]');
  await expect(roi.getByTestId('roi-group-values')).toBeVisible({ timeout: 30_000 });
  const mean = Number(await roi.getByTestId('roi-group-mean-value').textContent());
  expect(Number.isFinite(mean)).toBe(true);
  expect(Math.abs(mean)).toBeLessThan(5.422);
  await expect(roi.getByTestId('roi-group-values')).toContainText(/over \d+ voxels/);
  await expect(roiPanel.getByTestId('roi-plot')).toHaveCount(0);
  await expect(roiPanel.getByTestId('export-roi-csv')).toHaveCount(0);

  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SCREENS}/groupmap.png` });
});
