// Any atlas: Harvard-Oxford (1.5 mm LAS grid) opened with its label tables through the file input;
// each atlas names the crosshair on its own readout line, names the cluster table when chosen, and
// its labels are found by ROI search. Expected names are nibabel's (tests/unit/atlas/any-atlas.test.ts),
// the ROI mean is the CLI's (`roi --atlas HOsub_CONN.nii.gz --roi Amygdala`: 1572 voxels, 0.8636).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeNifti } from '../../shared/nifti/write';
import { loadNifti } from '../unit/atlas/helpers';
import { expect, test } from './fixtures';
import { SCREENS, SPM_T, ensureScreensDir, openApp } from './helpers';
import { missingShared, needsInPlaywright, sharedPath } from '../fixtures/references';

test.beforeAll(() => ensureScreensDir());
test.setTimeout(360_000);

const HO = sharedPath('data', 'real', 'atlases');
type AppHandle = { store: { getState(): Record<string, unknown> } };

test('Harvard-Oxford atlases: readout lines, cluster table atlas choice, ROI search', async ({ page }) => {
  needsInPlaywright(test.skip, missingShared('data', 'real', 'atlases', 'HOsub_CONN.nii.gz'), missingShared('data', 'real', 'bold-stats', 'spmT_0001.nii.gz'));
  await openApp(page);
  await page.waitForFunction(() => !!(window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().study, null, { timeout: 240_000 });

  // Both atlases, image and table each, chosen at once: paired by name.
  await page.getByTestId('open-file-input').setInputFiles(['HOsub_CONN.nii.gz', 'HOsub_CONN.tsv', 'HOcort_CONN.nii.gz', 'HOcort_CONN.tsv'].map((f) => join(HO, f)));
  await expect(page.getByTestId('layer-row').filter({ hasText: 'HOsub_CONN' })).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('layer-row').filter({ hasText: 'HOcort_CONN' })).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('error-banner')).toHaveCount(0);

  const readout = page.getByTestId('location-readout');
  const line = (atlas: string) => readout.locator(`[data-testid="readout-atlas"][data-atlas="${atlas}"] td`);
  await page.getByTestId('goto-mm').fill('-24 -4 -18');
  await page.getByTestId('goto-mm').press('Enter');
  await expect(readout.getByTestId('readout-atlas')).toHaveCount(3);
  await expect(line('AAL atlas')).toHaveText('Amygdala_L');
  await expect(line('HOsub_CONN')).toHaveText('Amygdala');
  await expect(line('HOcort_CONN')).toHaveText('no label');
  // x runs right to left on the HO grid: a lookup on the template's grid would name the other side.
  await page.getByTestId('goto-mm').fill('-50 -20 10');
  await page.getByTestId('goto-mm').press('Enter');
  await expect(line('HOcort_CONN')).toHaveText('Heschls_Gyrus_(includes_H1_and_H2)');
  await expect(line('HOsub_CONN')).toHaveText('no label');
  // The bundled Brodmann areas (mricron-data), added by command: BA 17 at the left calcarine (nibabel: value 17).
  await page.evaluate(() => (window as unknown as { contrastscope_app: { run(id: string): Promise<boolean> } }).contrastscope_app.run('atlas.addBrodmann'));
  await expect(page.getByTestId('layer-row').filter({ hasText: 'Brodmann areas' })).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('goto-mm').fill('-10 -90 0');
  await page.getByTestId('goto-mm').press('Enter');
  await expect(line('Brodmann areas')).toHaveText('Brodmann area 17');
  await expect(line('HOcort_CONN')).toHaveText('Occipital_Pole');
  await readout.screenshot({ path: `${SCREENS}/any-atlas-readout.png` });
  await page.getByTestId('goto-mm').fill('-50 -20 10');
  await page.getByTestId('goto-mm').press('Enter');

  // The SPM group t map in Compare: clusters named by AAL, then by Harvard-Oxford cortical.
  await page.getByTestId('open-file-input').setInputFiles(SPM_T);
  const row = page.getByTestId('layer-row').filter({ hasText: 'spmT_0001.nii.gz' });
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await row.getByTestId('analyse-in-compare').click();
  const panel = page.getByTestId('contrast-panel');
  await panel.getByTestId('mode-raw').click();
  await panel.getByTestId('two-sided').click();
  await panel.getByTestId('threshold-value').fill('3.1');
  await panel.getByTestId('threshold-value').press('Enter');
  const table = page.getByTestId('cluster-table');
  const rows = table.getByTestId('cluster-row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  await table.getByTestId('sort-peak').click();
  // The top peak (t = 5.42 at -37.5 63 -7.5) is outside AAL's labels, inside HO's frontal pole
  // (nibabel: AAL value 0, HOcort value 1 at the nearest voxels).
  await expect(rows.first()).toContainText('-37.5 63 -7.5');
  const aalLabel = (await rows.first().getByTestId('cluster-peak-label').textContent())!;
  expect(aalLabel).toBe('unlabelled');
  await table.getByTestId('cluster-atlas').selectOption({ label: 'HOcort_CONN' });
  await expect(rows.first().getByTestId('cluster-peak-label')).not.toHaveText(aalLabel, { timeout: 30_000 });
  const hoLabel = (await rows.first().getByTestId('cluster-peak-label').textContent())!;
  // The table's name is the readout's name at the peak (the same lookup, on HO's own grid).
  await rows.first().click();
  await expect(line('HOcort_CONN')).toHaveText(hoLabel === 'unlabelled' ? 'no label' : hoLabel);
  expect(hoLabel).toBe('Frontal_Pole');
  await table.screenshot({ path: `${SCREENS}/any-atlas-clusters.png` });

  // ROI search finds the Harvard-Oxford label; its mean t matches the CLI's.
  const roiPanel = page.getByTestId('roi-panel');
  await roiPanel.getByTestId('roi-label-search').fill('amygdala');
  const match = roiPanel.locator('[data-testid="roi-label-match"][data-atlas="HOsub_CONN"]');
  await expect(match).toHaveCount(1);
  await expect(match).toContainText('Amygdala');
  await match.click();
  const roi = roiPanel.locator('[data-testid="roi-result"]').filter({ hasText: 'Amygdala (HOsub_CONN)' });
  await expect(roi.getByTestId('roi-group-values')).toBeVisible({ timeout: 30_000 });
  expect(Number(await roi.getByTestId('roi-group-mean-value').textContent())).toBeCloseTo(0.864, 3);
  await expect(roi.getByTestId('roi-group-values')).toContainText('over 1572 voxels');
  await roiPanel.screenshot({ path: `${SCREENS}/any-atlas-roi.png` });
});

test('a probabilistic (4D) atlas with an FSL XML of another name: the readout names the most probable label and its probability', async ({ page }) => {
  needsInPlaywright(test.skip, missingShared('data', 'real', 'atlases', 'HOsub_CONN.nii.gz'));
  // 8 frames from the CONN label image: frame l - 1 is 62 where the label is l; the amygdala's voxels
  // also have 30 in the hippocampus frame, so the amygdala wins there with 62%.
  const sub = loadNifti(join(HO, 'HOsub_CONN.nii.gz'));
  const nvox = sub.data.length;
  const frames = new Uint8Array(nvox * 8);
  for (let i = 0; i < nvox; i++) {
    const l = sub.data[i];
    if (l >= 1 && l <= 8) frames[i + nvox * (l - 1)] = 62;
    if (l === 6) frames[i + nvox * 4] = 30;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cs-prob-atlas-'));
  const image = join(dir, 'HarvardOxford-sub-prob-1.5mm.nii.gz');
  writeFileSync(image, writeNifti({ dims: [...sub.grid.dims, 8], affine: sub.grid.affine, data: frames, sformCode: 4, qformCode: 4 }, { gzip: true, deflate: (b) => gzipSync(b) }));
  const names = ['Thalamus', 'Caudate', 'Putamen', 'Pallidum', 'Hippocampus', 'Amygdala', 'Accumbens', 'Brainstem'];
  const xml = join(dir, 'HarvardOxford-Subcortical.xml');
  writeFileSync(xml, `<?xml version="1.0"?><atlas><header><name>HO sub</name><type>Probabilistic</type></header><data>${names.map((n, k) => `<label index="${k}" x="0" y="0" z="0">${n}</label>`).join('')}</data></atlas>`);

  await openApp(page);
  // A table alone is not an atlas: the message says what it needs.
  await page.getByTestId('open-file-input').setInputFiles(xml);
  await expect(page.getByTestId('error-item')).toContainText('HarvardOxford-Subcortical.xml');
  await expect(page.getByTestId('error-item')).toContainText('a label table opens together with its atlas image; choose or drop both files at once');
  await page.getByTestId('error-dismiss').click();
  await page.getByTestId('open-file-input').setInputFiles([image, xml]);
  await expect(page.getByTestId('layer-row').filter({ hasText: 'HarvardOxford-sub-prob-1.5mm' })).toHaveCount(1, { timeout: 60_000 });
  const line = page.getByTestId('location-readout').locator('[data-testid="readout-atlas"][data-atlas="HarvardOxford-sub-prob-1.5mm"] td');
  await page.getByTestId('goto-mm').fill('-24 -4 -18');
  await page.getByTestId('goto-mm').press('Enter');
  await expect(line).toHaveText('Amygdala (62%)');
  await page.getByTestId('goto-mm').fill('-12 -18 8');
  await page.getByTestId('goto-mm').press('Enter');
  await expect(line).toHaveText('Thalamus (62%)');
  await page.getByTestId('location-readout').screenshot({ path: `${SCREENS}/any-atlas-prob-readout.png` });
  await page.screenshot({ path: `${SCREENS}/any-atlas-prob-viewer.png` });
});
