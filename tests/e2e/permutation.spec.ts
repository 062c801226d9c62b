// Compare FWE (permutation) on the demo CBF contrast, driven from the threshold panel: TFCE with
// 1000 sign-flips on two workers, progress, FWE p in the cluster table, the FWE map a subset of the
// uncorrected map at the cluster-forming p (in the display data and in the pane's pixels), the
// inference named in captions, and the run time beside the CLI's on the same subject maps.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseMeasure, openCompare, waitReady, type AppHandle } from './compareHelpers';
import { SCREENS, ensureScreensDir, gpuSettled } from './helpers';

test.beforeAll(() => ensureScreensDir());
test.setTimeout(900_000);

type Win = { contrastscope_app: AppHandle; contrastscope_compare: { subscribe(fn: (d: { stat: Float32Array } | null) => void): () => void } };
type Perm = { status: string; seconds: number | null; resultKey: string | null; caption: string | null; done: number; total: number; clusterP: Record<number, number> };

/** Indices of the voxels the contrast pane colours now (the controller's display map, as the panes get it). */
async function shownVoxels(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    let out: number[] = [];
    const off = (window as unknown as Win).contrastscope_compare.subscribe((d) => {
      out = [];
      if (d) for (let i = 0; i < d.stat.length; i++) if (d.stat[i] !== 0 && d.stat[i] === d.stat[i]) out.push(i);
    });
    off();
    return out;
  });
}

/** Per pixel of a PNG: 1 where the overlay colours it (warm or cool, as pixelStats classes them). */
async function overlayPixels(page: Page, png: Buffer): Promise<number[]> {
  return page.evaluate(async (b64: string) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const g = c.getContext('2d')!;
    g.drawImage(bmp, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const out: number[] = [];
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i], gg = d[i + 1], b = d[i + 2];
      const mx = Math.max(r, gg, b), mn = Math.min(r, gg, b);
      const warm = mx - mn > 90 && r > 180 && b < 90 && r >= gg;
      const cool = mx - mn > 90 && b > 180 && r < 90;
      out.push(warm || cool ? 1 : 0);
    }
    return out;
  }, png.toString('base64'));
}

const perm = (page: Page) => page.evaluate(() => ((window as unknown as Win).contrastscope_app.store.getState().compare as { perm: Perm }).perm);

test('CBF: TFCE FWE with 1000 sign-flips from the threshold panel', async ({ page }) => {
  await openCompare(page);
  await chooseMeasure(page, /CBF/i);
  await waitReady(page);
  const panel = page.getByTestId('contrast-panel');
  const pane = page.getByTestId('pane-contrast');

  // The uncorrected map at the cluster-forming threshold (two-sided p < 0.001), for comparison.
  await panel.getByTestId('mode-p-unc').click();
  await panel.getByTestId('two-sided').click();
  await panel.getByTestId('threshold-value').fill('0.001');
  await panel.getByTestId('threshold-value').press('Enter');
  await expect(panel.getByTestId('threshold-description')).toContainText('p < 0.001');
  const uncorrected = new Set(await shownVoxels(page));
  expect(uncorrected.size).toBeGreaterThan(50);

  // FWE (permutation): TFCE, 1000 permutations. Before the run the pane shows the uncorrected map
  // at the cluster-forming p (same layout as after the run: the pixel comparison below uses it).
  await panel.getByTestId('mode-fwe').click();
  await panel.getByTestId('fwe-method').selectOption('tfce');
  await panel.getByTestId('fwe-nperm').fill('1000');
  await panel.getByTestId('fwe-nperm').press('Enter');
  await expect(panel.getByTestId('fwe-cluster-p')).toHaveValue('0.001');
  await expect(page.getByTestId('pane-title-contrast')).toContainText('not run yet');
  expect(new Set(await shownVoxels(page))).toEqual(uncorrected);
  await gpuSettled(page);
  const uncPng = await pane.locator('canvas').screenshot();
  const t0 = Date.now();
  await panel.getByTestId('perm-run').click();
  await expect(panel.getByTestId('perm-progress')).toBeVisible();
  await expect(panel.getByTestId('perm-cancel')).toBeVisible();
  await expect(panel.getByTestId('perm-progress-text')).toContainText(/\d+ \/ \d+/, { timeout: 120_000 });
  await expect(panel.getByTestId('perm-status')).not.toHaveAttribute('data-result', '', { timeout: 800_000 });
  const wall = (Date.now() - t0) / 1000;
  const p = await perm(page);
  expect(p.status).toBe('done');
  expect(p.total).toBeGreaterThanOrEqual(1000);
  console.log(`[permutation e2e] browser: TFCE ${p.total} permutations on two workers in ${p.seconds!.toFixed(1)} s (click to result ${wall.toFixed(1)} s)`);

  // The inference is named exactly, in the panel, the pane title and the colorbar.
  const caption = p.caption!;
  expect(caption).toMatch(/^TFCE, FWE p < 0\.05, (1000 sign-flips, seed 1|all \d+ sign-flips)$/);
  await expect(panel.getByTestId('threshold-description')).toContainText(caption);
  await expect(page.getByTestId('pane-title-contrast')).toContainText(caption);
  await expect(page.getByTestId('compare-colorbar')).toContainText('TFCE');

  // FWE map: non-empty here (the demo's effects are strong) and inside the uncorrected map.
  const fwe = await shownVoxels(page);
  expect(fwe.length).toBeGreaterThan(0);
  expect(fwe.length).toBeLessThanOrEqual(uncorrected.size);
  expect(fwe.filter((i) => !uncorrected.has(i))).toEqual([]);
  console.log(`[permutation e2e] ${fwe.length} voxels FWE p < 0.05 of ${uncorrected.size} at p < 0.001 uncorrected`);

  // The cluster table gives each cluster's FWE p (smallest voxel TFCE FWE p inside), in (0, 1].
  const cells = page.getByTestId('cluster-table').getByTestId('cluster-fwe-p');
  await expect(cells.first()).toBeVisible({ timeout: 60_000 });
  const ps = (await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-p')))));
  expect(ps.length).toBe(await page.getByTestId('cluster-row').count());
  for (const x of ps) expect(x * p.total).toBeGreaterThanOrEqual(1 - 1e-6);
  expect(Math.min(...ps)).toBeLessThanOrEqual(0.05);

  // Pane pixels: every FWE-coloured pixel is coloured in the uncorrected pane too.
  await gpuSettled(page);
  const fwePng = await pane.locator('canvas').screenshot();
  await page.screenshot({ path: `${SCREENS}/permutation-tfce.png` });
  const [u, f] = await Promise.all([overlayPixels(page, uncPng), overlayPixels(page, fwePng)]);
  expect(u.length).toBe(f.length);
  let fweCol = 0;
  let outside = 0;
  for (let i = 0; i < f.length; i++) if (f[i]) { fweCol++; if (!u[i]) outside++; }
  let uncCol = 0;
  for (const x of u) uncCol += x;
  console.log(`[permutation e2e] pane: ${fweCol} FWE-coloured pixels, ${outside} outside the ${uncCol} uncorrected ones`);
  expect(fweCol).toBeGreaterThan(0);
  expect(outside).toBeLessThanOrEqual(Math.ceil(0.01 * fweCol));

  // Alpha moves instantly from the stored p map (no rerun): a stricter alpha keeps a subset.
  await panel.getByTestId('fwe-alpha').fill('300');
  await expect(panel.getByTestId('fwe-alpha-value')).not.toHaveText('0.05');
  const stricter = await shownVoxels(page);
  const fweSet = new Set(fwe);
  expect(stricter.filter((i) => !fweSet.has(i))).toEqual([]);
  expect((await perm(page)).status).toBe('done');

  // The CLI on the same demo subject maps (written by the CLI's demo-data, same bytes), same settings.
  const dir = mkdtempSync(join(tmpdir(), 'cs-perm-cli-'));
  execFileSync(process.execPath, ['bin/contrastscope.mjs', 'demo-data', '--out', join(dir, 'demo')], { stdio: 'ignore', timeout: 180_000 });
  const subs = readdirSync(join(dir, 'demo')).filter((d) => d.startsWith('sub-')).sort();
  const a = subs.map((s) => join(dir, 'demo', s, `${s}_ses-MDMA_cbf.nii.gz`));
  const b = subs.map((s) => join(dir, 'demo', s, `${s}_ses-placebo_cbf.nii.gz`));
  const c0 = Date.now();
  const out = execFileSync(process.execPath, ['bin/contrastscope.mjs', 'permute', '--a', ...a, '--b', ...b, '--tfce', '--n-perm', '1000', '--seed', '1', '--connectivity', '26', '--out-prefix', join(dir, 'cli')], { encoding: 'utf8', timeout: 800_000 });
  const cli = (Date.now() - c0) / 1000;
  const ratio = p.seconds! / cli;
  console.log(`[permutation e2e] CLI: ${cli.toFixed(1)} s (${out.trim().split('\n').pop()}); browser / CLI = ${ratio.toFixed(2)} (the issue asks <= 1.5)`);
  writeFileSync(join(dir, 'timing.txt'), `browser ${p.seconds} s, cli ${cli} s\n`);

  // One-sided (the threshold's Sides, MDMA > placebo): cluster extent on the maps the workers still
  // hold, back at alpha 0.05 (the demo's CBF effect is an increase under MDMA).
  await panel.getByTestId('one-sided').click();
  await expect(panel.getByTestId('fwe-sides')).toHaveText(/^one-sided, MDMA > placebo$/);
  await panel.getByTestId('fwe-method').selectOption('cluster-extent');
  await panel.getByTestId('fwe-alpha').fill('738');
  await expect(panel.getByTestId('fwe-alpha-value')).toHaveText('0.05');
  await expect(panel.getByTestId('perm-status')).toHaveAttribute('data-result', '');
  const oneUnc = await shownVoxels(page);
  const t1 = Date.now();
  await panel.getByTestId('perm-run').click();
  await expect(panel.getByTestId('perm-status')).not.toHaveAttribute('data-result', '', { timeout: 300_000 });
  const one = await perm(page);
  expect(one.status).toBe('done');
  expect(one.caption).toMatch(/^cluster extent \(t > [0-9.]+, one-sided, MDMA > placebo\), FWE p < 0\.05, 1000 sign-flips, seed 1$/);
  await expect(page.getByTestId('pane-title-contrast')).toContainText('one-sided');
  const oneFwe = await shownVoxels(page);
  const oneSet = new Set(oneUnc);
  expect(oneFwe.length).toBeGreaterThan(0);
  expect(oneFwe.filter((i) => !oneSet.has(i))).toEqual([]);
  // only the tested direction: every FWE voxel has a positive statistic in the pane's map
  const signs = await page.evaluate((idx: number[]) => {
    let st: Float32Array | null = null;
    const off = (window as unknown as Win).contrastscope_compare.subscribe((d) => (st = d ? d.stat : null));
    off();
    return idx.map((i) => Math.sign((st as Float32Array | null)?.[i] ?? 0));
  }, oneFwe);
  expect(signs.every((x) => x > 0)).toBe(true);
  console.log(`[permutation e2e] browser: one-sided cluster extent ${one.total} permutations in ${one.seconds!.toFixed(1)} s (click to result ${((Date.now() - t1) / 1000).toFixed(1)} s, maps kept in the workers); ${oneFwe.length} voxels FWE p < 0.05 of ${oneUnc.length} one-sided p < 0.001`);
  await page.screenshot({ path: `${SCREENS}/permutation-one-sided.png` });
});
