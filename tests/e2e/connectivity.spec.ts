// The connectivity workspace on the demo study: MDMA and placebo mean matrices and the paired t of
// the difference, with the edges that pass FDR; the demo's amygdala–hippocampus coupling goes up.
import { expect, test } from './fixtures';
import { join } from 'node:path';
import Papa from 'papaparse';
import { SCREENS, ensureScreensDir, pixelDiff, pixelStats } from './helpers';

test.beforeAll(() => ensureScreensDir());
test.setTimeout(300_000);

test('connectivity: MDMA − placebo edges at FDR q < 0.05 include amygdala–hippocampus going up; heatmaps and CSV', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/');
  await page.waitForFunction(() => !!(window as unknown as { contrastscope_app: { store: { getState(): { study: unknown } } } }).contrastscope_app.store.getState().study, null, { timeout: 240_000 });
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Connectivity' }).click();
  const table = page.getByTestId('edge-table');
  const rows = table.getByTestId('edge-row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  const names = await rows.getByTestId('edge-name').allTextContents();
  console.log(`[connectivity e2e] ${names.length} edges at q < 0.05: ${names.slice(0, 6).join('; ')}`);
  const amyHip = rows.filter({ has: page.getByTestId('edge-name').filter({ hasText: /Amygdala.*Hippocampus|Hippocampus.*Amygdala/ }) });
  await expect(amyHip.first()).toBeVisible();
  expect(Number(await amyHip.first().getByTestId('edge-t').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('matrix-contrast')).toContainText('MDMA − placebo · paired t (dof 24)');

  // Stricter threshold: fewer (or as many) edges, all still listed with |t| sorted.
  const before = Number(await table.getByTestId('edge-count').textContent());
  await table.getByTestId('edge-mode-p').click();
  await table.getByTestId('edge-threshold').fill('0.001');
  await table.getByTestId('edge-threshold').press('Enter');
  await expect(table.getByTestId('edge-count')).not.toHaveText(String(before));
  const ts = (await table.getByTestId('edge-t').allTextContents()).map((x) => Math.abs(Number(x)));
  expect(ts).toEqual([...ts].sort((a, b) => b - a));

  // Heatmaps are drawn: the contrast one has red (MDMA > placebo) cells.
  for (const id of ['matrix-a', 'matrix-b', 'matrix-contrast']) {
    const s = await pixelStats(page, page.getByTestId(id).locator('canvas'));
    console.log(`[connectivity e2e] ${id}`, JSON.stringify(s));
    expect(s.colored).toBeGreaterThan(50);
  }
  // Hovering a cell names the edge.
  const box = (await page.getByTestId('matrix-contrast').locator('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.6);
  await expect(page.getByTestId('matrix-contrast-hover')).toContainText('–');

  const [download] = await Promise.all([page.waitForEvent('download'), table.getByTestId('export-edges-csv').click()]);
  const { readFileSync } = await import('node:fs');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.split('\n')[0]).toMatch(/^# Simulated demo/);
  const parsed = Papa.parse<Record<string, string>>(text.split('\n').filter((l) => !l.startsWith('# ')).join('\n'), { header: true, skipEmptyLines: true });
  expect(parsed.data).toHaveLength(ts.length);
  expect(Object.keys(parsed.data[0])).toEqual(['node_i', 'node_j', 'mean_MDMA', 'mean_placebo', 't', 'p', 'q', 'n']);
  await page.screenshot({ path: join(SCREENS, 'connectivity.png') });

  // The contrast matrix as a vector figure: every off-diagonal cell of the 22 nodes, their names, a colour bar, the notice.
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-matrix-svg').click()]);
  expect(svgDownload.suggestedFilename()).toBe('matrix_MDMA-vs-placebo_t.svg');
  const svg = readFileSync((await svgDownload.path())!, 'utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg.match(/<rect x="\d+" y="\d+" width="16" height="16"/g)).toHaveLength(22 * 21);
  expect(svg).toContain('>Amygdala_L<');
  expect(svg).toContain('fill="url(#bar)"');
  expect(svg).toContain('Simulated demo');
  // Cells below the (p < 0.001) threshold are faded; the strongest edges are not.
  expect(svg.match(/fill-opacity="0.18"/g)!.length).toBe(22 * 21 - 2 * ts.length);
});

test('3D: the passing edges between labelled nodes in a glass brain, warm up and cool down; rotate, views, hover, PNG', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/');
  await page.waitForFunction(() => !!(window as unknown as { contrastscope_app: { store: { getState(): { study: unknown } } } }).contrastscope_app.store.getState().study, null, { timeout: 240_000 });
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Connectivity' }).click();
  const rows = page.getByTestId('edge-table').getByTestId('edge-row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  const edgeNames = await rows.getByTestId('edge-name').allTextContents();
  await page.getByTestId('connectivity-view-3d').click();
  const canvas = page.getByTestId('connectome-canvas');
  await expect(canvas).toHaveAttribute('data-brain', 'shown', { timeout: 60_000 });
  await expect(page.getByTestId('connectome-summary')).toContainText(`${edgeNames.length} edges`);
  // One label per node that takes part in a passing edge.
  const involved = new Set(edgeNames.flatMap((n) => n.split(' – ')));
  const labels = page.getByTestId('connectome-label');
  await expect(labels).toHaveCount(involved.size);
  expect(new Set(await labels.allTextContents())).toEqual(involved);

  // Both directions are drawn: warm (MDMA > placebo: amygdala–hippocampus) and cool tubes.
  await page.waitForTimeout(1000);
  const s = await pixelStats(page, canvas);
  console.log('[connectivity e2e] 3D top view', JSON.stringify(s));
  expect(s.warm).toBeGreaterThan(150);
  expect(s.cool).toBeGreaterThan(150);
  expect(s.nonBackground / s.total).toBeGreaterThan(0.1);
  await page.screenshot({ path: join(SCREENS, 'connectome.png') });

  // Dragging rotates the scene; the Left preset shows another view.
  const box = (await canvas.boundingBox())!;
  const still = await canvas.screenshot();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.45, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(500);
  const rotated = await canvas.screenshot();
  expect(await pixelDiff(page, still, rotated)).toBeGreaterThan(0.02);
  await page.getByTestId('connectome-view-left').click();
  await page.waitForTimeout(500);
  expect(await pixelDiff(page, rotated, await canvas.screenshot())).toBeGreaterThan(0.02);

  // Hovering a labelled node names it (each label says how far it was moved from its node's centre).
  const first = labels.first();
  const name = (await first.textContent())!;
  const lb = (await first.boundingBox())!;
  const offset = Number(await first.getAttribute('data-offset'));
  await page.mouse.move(lb.x + lb.width / 2, lb.y + lb.height / 2 - offset);
  await expect(page.getByTestId('connectome-hover')).toContainText(name);

  // Export PNG: the scene as drawn, its node labels painted in, and a legend band underneath.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('connectome-export').click()]);
  const { readFileSync } = await import('node:fs');
  const png = readFileSync((await download.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(10_000);
  const size = await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
  expect(png.readUInt32BE(16)).toBe(size[0]);
  // caption, legend and the simulated notice: three lines of 18 px plus 10.
  expect(png.readUInt32BE(20) - size[1]).toBe(Math.round((10 + 18 * 3) * (size[0] / box.width)));
  expect(download.suggestedFilename()).toBe('connectome_MDMA-vs-placebo.png');
});
