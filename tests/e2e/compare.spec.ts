// The compare workspace on the simulated demo study, driven as a user would.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { chooseMeasure, openCompare, waitReady, type AppHandle } from './compareHelpers';
import { SCREENS, contrastColours, ensureScreensDir, pixelDiff, pixelStats, pngRegionStats, pngSize } from './helpers';

test.beforeAll(() => ensureScreensDir());
test.setTimeout(480_000);

function log(msg: string, t0: number): void {
  console.log(`[compare e2e] ${msg}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** The demo written by the CLI (same seed, same bytes as the app's), once per run. */
let demoDir: string | null = null;
function cliDemo(): string {
  if (demoDir) return demoDir;
  const dir = mkdtempSync(join(tmpdir(), 'cs-demo-cli-'));
  execFileSync(process.execPath, ['bin/contrastscope.mjs', 'demo-data', '--out', dir], { stdio: 'ignore', timeout: 120_000 });
  demoDir = dir;
  return dir;
}

/** Per "subject condition", the CLI's ROI mean of one demo measure (file suffix) in a preset. */
function cliRoiMeans(suffix: string, roi: string): Map<string, number> {
  const dir = cliDemo();
  const maps = readdirSync(dir).filter((d) => d.startsWith('sub-')).map((d) => join(dir, d, `${d}_ses-MDMA_${suffix}.nii.gz`)).flatMap((f) => [f, f.replace('_ses-MDMA_', '_ses-placebo_')]);
  const out = join(dir, `roi-${suffix}-${roi}.csv`);
  execFileSync(process.execPath, ['bin/contrastscope.mjs', 'roi', ...maps, '--atlas', 'resources/atlas_aal.nii.gz', '--labels', 'resources/atlas_aal.txt', '--roi', roi, '--csv', out], { stdio: 'ignore', timeout: 120_000 });
  const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
  return new Map(rows.map((r) => {
    const [, subject, condition] = /^(sub-\d+)_ses-(\w+?)_/.exec(r.map)!;
    return [`${subject} ${condition}`, Number(r.mean)];
  }));
}

/** Captures host.saveFile through the browser download the web host makes. */
async function captureDownload(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  return readFileSync(path!, 'utf8');
}

function parseCsv(text: string, sep = ','): { notice: string[]; rows: Record<string, string>[] } {
  const lines = text.split('\n');
  const notice = lines.filter((l) => l.startsWith('# '));
  const body = lines.filter((l) => !l.startsWith('# ')).join('\n');
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: true, delimiter: sep });
  expect(parsed.errors).toEqual([]);
  return { notice, rows: parsed.data };
}

test('ASL: MDMA − placebo at FDR q < 0.05 has a negative right medial-temporal cluster; ROI and exports', async ({ page }) => {
  const t0 = Date.now();
  await openCompare(page);
  log('demo study open', t0);
  await chooseMeasure(page, /CBF/i);
  await waitReady(page);
  log('CBF contrast ready', t0);
  const panel = page.getByTestId('contrast-panel');
  await panel.getByTestId('mode-fdr-q').click();
  await panel.getByTestId('two-sided').click();
  await expect(panel.getByTestId('threshold-description')).toContainText('FDR q < 0.05 two-sided');
  await expect(panel.getByTestId('contrast-direction')).toHaveText('MDMA − placebo');

  const table = page.getByTestId('cluster-table');
  const rows = table.getByTestId('cluster-row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  log('cluster table filled', t0);
  const negMedTemporal = rows.filter({ has: page.locator('[data-testid="cluster-peak-label"]', { hasText: /^(Amygdala_R|Hippocampus_R|ParaHippocampal_R)$/ }) }).and(page.locator('[data-sign="-1"]'));
  await expect(negMedTemporal.first()).toBeVisible();
  const label = (await negMedTemporal.first().getByTestId('cluster-peak-label').textContent())!;
  await negMedTemporal.first().click();
  await expect(page.getByTestId('location-readout').getByTestId('readout-region')).toHaveText(label);
  const mm = await page.getByTestId('readout-mm').textContent();
  log(`negative cluster peak in ${label} at ${mm}`, t0);

  // Cluster CSV and TSV parse with one row per cluster and the simulated notice first.
  const nClusters = await rows.count();
  const csv = parseCsv(await captureDownload(page, () => table.getByTestId('export-clusters-csv').click()));
  expect(csv.notice[0]).toMatch(/^# Simulated demo/);
  // One schema with the CLI (shared/clusters/tableFile.ts): a peak row per cluster, its sub-peaks under it.
  const peaks = csv.rows.filter((r) => r.peak_kind === 'peak');
  expect(peaks).toHaveLength(nClusters);
  expect(csv.rows.filter((r) => r.peak_kind === 'subpeak')).toHaveLength(await table.getByTestId('cluster-subpeak').count());
  expect(peaks.some((r) => r.sign === '-1' && r.peak_label === label)).toBe(true);
  expect(peaks.every((r) => r.statistic === 'paired t' && Number(r.n_voxels) > 0)).toBe(true);
  const tsv = parseCsv(await captureDownload(page, () => table.getByTestId('export-clusters-tsv').click()), '\t');
  expect(tsv.rows).toHaveLength(csv.rows.length);

  // ROI preset right amygdala: lower CBF under MDMA.
  const roi = page.getByTestId('roi-panel');
  await roi.getByTestId('roi-preset-amygdala_R').click();
  const item = roi.getByTestId('roi-result').filter({ has: page.locator('[data-roi="amygdala_R"]') }).or(roi.locator('[data-testid="roi-result"][data-roi="amygdala_R"]'));
  await expect(item.getByTestId('roi-dz')).toBeVisible({ timeout: 60_000 });
  const dz = Number(await item.getByTestId('roi-dz').textContent());
  const p = Number(await item.getByTestId('roi-p').textContent());
  log(`amygdala_R dz ${dz}, p ${p}`, t0);
  expect(dz).toBeLessThan(0);
  expect(p).toBeLessThan(0.05);
  await expect(item.getByTestId('roi-n')).toHaveText('25');
  await expect(item.getByTestId('roi-plot').getByTestId('roi-subject-line')).toHaveCount(25);
  await expect(item.getByTestId('roi-plot').getByTestId('roi-subject-line').first().locator('title')).toContainText('sub-');

  // ROI CSV: 25 subjects x 2 conditions x 1 ROI.
  const roiCsv = parseCsv(await captureDownload(page, () => roi.getByTestId('export-roi-csv').click()));
  expect(roiCsv.notice[0]).toMatch(/^# Simulated demo/);
  expect(roiCsv.rows).toHaveLength(50);
  expect(new Set(roiCsv.rows.map((r) => r.condition))).toEqual(new Set(['MDMA', 'placebo']));
  // Every subject's value equals the CLI's mean over the same files (the demo is byte-identical
  // when written by Node): the CBF maps were read into buffers the BOLD maps had used.
  const cli = cliRoiMeans('cbf', 'amygdala_R');
  for (const r of roiCsv.rows) {
    const want = cli.get(`${r.subject} ${r.condition}`);
    expect(want, `${r.subject} ${r.condition} in the CLI output`).toBeDefined();
    expect(Number(r.value)).toBeCloseTo(want!, 3);
  }

  // Screenshot at 1920x1080 with pixel statistics per pane.
  await page.waitForTimeout(500);
  for (const role of ['a', 'b', 'contrast']) {
    const s = await pixelStats(page, page.getByTestId(`pane-${role}`));
    console.log(`[compare e2e] pane-${role}`, JSON.stringify(s));
    expect(s.nonBackground / s.total).toBeGreaterThan(0.08);
    if (role === 'contrast') {
      expect(s.cool).toBeGreaterThan(30);
    }
  }
  await page.screenshot({ path: join(SCREENS, 'compare-1920.png') });
  await page.screenshot({ path: 'docs/screenshot-compare.png' });

  // Export figure: the three panes as drawn, side by side under their titles, with the colorbars,
  // the threshold, the crosshair and the simulated notice underneath, in one PNG.
  // (Sizes first: the "exported" notice then takes some height from the panes.)
  const canvases = await page.evaluate(() => ['a', 'b', 'contrast'].map((r) => {
    const c = document.querySelector(`[data-testid="pane-${r}"] canvas`) as HTMLCanvasElement;
    return { w: c.width, h: c.height, scale: c.width / c.clientWidth };
  }));
  const [figureDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-export-png').click()]);
  expect(figureDownload.suggestedFilename()).toBe('compare_CBF_MDMA-vs-placebo.png');
  const figure = readFileSync((await figureDownload.path())!);
  writeFileSync(join(SCREENS, 'compare-figure.png'), figure);
  writeFileSync('docs/figure-compare.png', figure);
  // The panes' pixels follow their boxes (the title strip above each canvas included).
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('[data-testid^="pane-"] canvas')].map((c) => c.height - Math.trunc(c.offsetHeight * devicePixelRatio)))).toEqual([0, 0, 0]);
  const [fw, fh] = pngSize(figure);
  const px = (v: number) => Math.round(v * canvases[0].scale);
  // Margins 12, gaps 6 (CSS px at the panes' scale).
  expect(fw).toBe(canvases.reduce((w, c) => w + c.w, 0) + 2 * px(6) + 2 * px(12));
  expect(fh).toBeGreaterThan(canvases[0].h + px(100));
  const paneTop = px(12) + px(24) + px(18) * 2 + px(6);
  let x = px(12);
  const inFigure: Record<string, Awaited<ReturnType<typeof pngRegionStats>>> = {};
  for (const [k, role] of (['a', 'b', 'contrast'] as const).entries()) {
    inFigure[role] = await pngRegionStats(page, figure, { x, y: paneTop, w: canvases[k].w, h: canvases[k].h });
    x += canvases[k].w + px(6);
  }
  const below = await pngRegionStats(page, figure, { x: 0, y: paneTop + canvases[0].h, w: fw, h: fh - paneTop - canvases[0].h });
  console.log('[compare e2e] exported figure', fw, 'x', fh, JSON.stringify({ contrast: inFigure.contrast, below }));
  // The condition means are coloured in A and B; the contrast shows the negative (cool) cluster.
  expect(inFigure.a.colored / inFigure.a.total).toBeGreaterThan(0.05);
  expect(inFigure.b.colored / inFigure.b.total).toBeGreaterThan(0.05);
  expect(inFigure.contrast.cool).toBeGreaterThan(30);
  expect(inFigure.contrast.brightGrey).toBeGreaterThan(500);
  // Under the panes: the colour ramps (warm and cool) and the simulated notice (amber text).
  expect(below.warm).toBeGreaterThan(200);
  expect(below.cool).toBeGreaterThan(200);
  expect(below.amber).toBeGreaterThan(50);
  // For print: 2× re-renders the panes at twice the resolution (text too), then puts them back.
  await page.getByTestId('figure-scale').selectOption('2');
  // The "exported" notice floats over the panes (they keep their height) and can be dismissed.
  await expect(page.getByRole('status')).toHaveCount(1);
  expect(await page.evaluate(() => (document.querySelector('[data-testid="pane-contrast"] canvas') as HTMLCanvasElement).height)).toBe(canvases[2].h);
  await page.getByRole('status').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('status')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid="pane-contrast"] canvas') as HTMLCanvasElement).height)).toBe(canvases[2].h);
  const paneNow = canvases[2].h;
  const [print] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-export-png').click()]);
  const printPng = readFileSync((await print.path())!);
  writeFileSync(join(SCREENS, 'compare-figure-2x.png'), printPng);
  const [pw, ph] = pngSize(printPng);
  console.log('[compare e2e] 2x figure', pw, 'x', ph);
  expect(Math.abs(pw - 2 * fw)).toBeLessThanOrEqual(6);
  expect(Math.abs(ph - 2 * (fh - canvases[0].h + paneNow))).toBeLessThanOrEqual(6);
  // Afterwards every pane's pixels match its box again (no stretched picture on screen).
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('[data-testid^="pane-"] canvas')].map((c) => [c.width - Math.trunc(c.offsetWidth * devicePixelRatio), c.height - Math.trunc(c.offsetHeight * devicePixelRatio)]).flat())).toEqual([0, 0, 0, 0, 0, 0]);
  await page.getByTestId('figure-scale').selectOption('1');

  // Threshold drag: the display follows on the main thread without recomputing t.
  const redraw = await page.evaluate(async () => {
    const app = (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app;
    const t = performance.now();
    await app.run('compare.setThreshold', { mode: 'p-unc', value: 0.001 });
    return performance.now() - t;
  });
  const mainThread = await page.evaluate(() => ((window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().compare as { redrawMs: number }).redrawMs);
  // Speed is measured in the bench and logged here (budget: a frame); the test checks what is drawn.
  log(`threshold change: display maps in ${mainThread} ms, with the GL upload of the panes ${redraw.toFixed(1)} ms (budget one frame, 16.7 ms)`, t0);
  expect(Number.isFinite(mainThread)).toBe(true);
  await expect(panel.getByTestId('threshold-description')).toContainText('p < 0.001 two-sided');

  // Dragging the threshold slider with the mouse: each step's display work on the main thread
  // fits in a frame, the contrast pane shows every step's maps, and the cluster table follows.
  const slider = panel.getByTestId('threshold-slider');
  await slider.scrollIntoViewIfNeeded();
  // The panel can still shift while the cluster table and status lines settle: press only once
  // the slider is the element under the point for two reads in a row.
  let box = (await slider.boundingBox())!;
  await expect
    .poll(async () => {
      const now = (await slider.boundingBox())!;
      const same = Math.abs(now.x - box.x) < 0.5 && Math.abs(now.y - box.y) < 0.5;
      box = now;
      const hit = await page.evaluate(([x, y]) => (document.elementFromPoint(x, y) as HTMLElement | null)?.dataset.testid ?? '', [box.x + box.width * 0.35, box.y + box.height / 2]);
      return same && hit === 'threshold-slider';
    }, { timeout: 30_000, intervals: [200] })
    .toBe(true);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.35, y);
  await page.mouse.down();
  const steps: { redrawMs: number; applyMs: number; value: number }[] = [];
  const paneVersion = async () => Number(await page.getByTestId('pane-contrast').locator('canvas').getAttribute('data-version'));
  const readStep = () =>
    page.evaluate(() => {
      const s = (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState() as { compare: { redrawMs: number }; scene: { compare: { threshold: { value: number } } } };
      return { redrawMs: s.compare.redrawMs, value: s.scene.compare.threshold.value };
    });
  for (let k = 1; k <= 10; k++) {
    const before = await paneVersion();
    const valueBefore = (await readStep()).value;
    await page.mouse.move(box.x + box.width * (0.35 + 0.03 * k), y);
    // Chromium hands mouse moves to the page with the next frame, so the new value may come a
    // little later; two slider positions can also round to the same threshold (then no redraw).
    let step = await readStep();
    for (let i = 0; i < 100 && step.value === valueBefore; i++) {
      await page.waitForTimeout(50);
      step = await readStep();
    }
    if (step.value === valueBefore) continue;
    // The pane has drawn this step when its canvas carries a newer display version.
    await expect.poll(paneVersion, { timeout: 30_000 }).toBeGreaterThan(before);
    const applyMs = Number(await page.getByTestId('pane-contrast').locator('canvas').getAttribute('data-apply-ms'));
    steps.push({ ...step, applyMs });
  }
  await page.mouse.up();
  const values = steps.map((x) => x.value);
  expect(new Set(values).size, 'the slider moved the threshold').toBeGreaterThan(5);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  log(`threshold drag, 10 steps: display maps median ${med(steps.map((x) => x.redrawMs))} ms (max ${Math.max(...steps.map((x) => x.redrawMs))}), pane update median ${med(steps.map((x) => x.applyMs))} ms (main thread; GL is software here)`, t0);
  // Budget: one frame (16.7 ms at 60 Hz) for the display maps; logged above, not asserted (the
  // 2 cores may be shared), but every step must have been measured and drawn.
  expect(steps.every((x) => Number.isFinite(x.redrawMs) && Number.isFinite(x.applyMs))).toBe(true);
  // The cluster table follows the last position within the 100 ms budget (worker time, 2 mm).
  const last = values[values.length - 1];
  await page.waitForFunction((v) => {
    const c = (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().compare as { clustersFor: { value: number } | null };
    return c.clustersFor?.value === v;
  }, last);
  const clustersMsOf = () => page.evaluate(() => ((window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().compare as { clustersMs: number }).clustersMs);
  const first = await clustersMsOf();
  // Once more, a hair further (a second sample, in case another job had the core just then).
  const again = Number((last * 0.999).toPrecision(6));
  await page.evaluate((v) => (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.run('compare.setThreshold', { value: v }), again);
  await page.waitForFunction((v) => ((window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().compare as { clustersFor: { value: number } | null }).clustersFor?.value === v, again);
  const clustersMs = Math.min(first, await clustersMsOf());
  log(`cluster table after the drag: ${first} ms in the worker (best of two: ${clustersMs} ms; budget 100 ms, bench row cluster_table)`, t0);
  expect(Number.isFinite(clustersMs)).toBe(true);
});

async function roiDz(page: Page, id: string): Promise<number> {
  const item = page.locator(`[data-testid="roi-result"][data-roi="${id}"]`);
  await expect(item.getByTestId('roi-dz')).toBeVisible({ timeout: 60_000 });
  return Number(await item.getByTestId('roi-dz').textContent());
}

test('BOLD: amygdala down and prefrontal up; RSFC hippocampus seed: amygdala up; 1280x720 screenshot', async ({ page }) => {
  const t0 = Date.now();
  await page.setViewportSize({ width: 1280, height: 720 });
  await openCompare(page);
  log('demo study open', t0);
  await chooseMeasure(page, /faces|BOLD/i);
  await waitReady(page);
  log('BOLD contrast ready', t0);
  // The contrast colours, on pixels of the contrast pane's canvas, measured before any ROI is
  // added (ROI outlines, gold first, would count as warm pixels) and leaving out the crosshair's
  // cyan (createNiivue's crosshairColor 0.2, 0.85, 1), which would count as cool. At 1280x720 the
  // canvas stacks axial, coronal and sagittal (228 x 363 px). What it showed when this was written
  // (screens/compare-1280-bold-no-rois.png): orange prefrontal cortex at the front of the axial
  // slice (905 warm px in the top fifth, 2 cool) and blue amygdalae low in the coronal slice
  // (157 cool px in the band 50-66 % down, 13 warm); 1958 warm and 185 cool in all.
  await page.waitForTimeout(500);
  const bare = await page.getByTestId('pane-contrast').locator('canvas').screenshot({ path: join(SCREENS, 'compare-1280-bold-no-rois.png') });
  const [bw, bh] = pngSize(bare);
  const band = (from: number, to: number) => contrastColours(page, bare, { x: 0, y: Math.round(from * bh), w: bw, h: Math.round((to - from) * bh) }, [[51, 217, 255]]);
  const whole = await band(0, 1);
  const front = await band(0, 0.2);
  const amygdalae = await band(0.5, 0.66);
  console.log('[compare e2e] BOLD contrast colours without ROIs', JSON.stringify({ whole, front, amygdalae }));
  expect(whole.warm, 'MDMA > placebo voxels in warm colours').toBeGreaterThan(1000);
  expect(whole.cool, 'MDMA < placebo voxels in cool colours').toBeGreaterThan(90);
  expect(front.warm, 'prefrontal cortex up (warm, front of the axial slice)').toBeGreaterThan(450);
  expect(front.warm).toBeGreaterThan(20 * front.cool);
  expect(amygdalae.cool, 'amygdalae down (cool, low in the coronal slice)').toBeGreaterThan(80);
  expect(amygdalae.cool).toBeGreaterThan(5 * amygdalae.warm);
  const roi = page.getByTestId('roi-panel');
  for (const id of ['amygdala_L', 'amygdala_R', 'prefrontal_bilateral']) await roi.getByTestId(`roi-preset-${id}`).click();
  const aL = await roiDz(page, 'amygdala_L');
  const aR = await roiDz(page, 'amygdala_R');
  const pfc = await roiDz(page, 'prefrontal_bilateral');
  log(`BOLD dz amygdala L ${aL}, R ${aR}, prefrontal ${pfc}`, t0);
  expect(aL).toBeLessThan(0);
  expect(aR).toBeLessThan(0);
  expect(pfc).toBeGreaterThan(0);
  await page.waitForTimeout(500);
  for (const role of ['a', 'b', 'contrast']) {
    const s = await pixelStats(page, page.getByTestId(`pane-${role}`));
    console.log(`[compare e2e] 1280 pane-${role}`, JSON.stringify(s));
    expect(s.nonBackground / s.total).toBeGreaterThan(0.05);
  }
  await page.screenshot({ path: join(SCREENS, 'compare-1280-bold.png') });

  await chooseMeasure(page, /hippocampus/i);
  await waitReady(page);
  log('RSFC contrast ready', t0);
  await expect(page.getByTestId('pane-title-contrast')).toContainText(/seed hippocampus/i);
  const rsfc = await roiDz(page, 'amygdala_L').then(async (l) => [l, await roiDz(page, 'amygdala_R')]);
  log(`RSFC dz amygdala L ${rsfc[0]}, R ${rsfc[1]}`, t0);
  expect(Math.max(...rsfc)).toBeGreaterThan(0);
  await page.screenshot({ path: join(SCREENS, 'compare-1280-rsfc.png') });

  // 3D render in every pane; rotating one pane rotates the other two (what the viewer sees, by pixels).
  await page.getByTestId('pane-view-render3d').click();
  const canvasOf = (role: string) => page.getByTestId(`pane-${role}`).locator('canvas');
  const settled = async () => {
    // Software GL: give the three 3D renders time to finish.
    await page.waitForTimeout(1500);
    return { b: await canvasOf('b').screenshot(), contrast: await canvasOf('contrast').screenshot() };
  };
  const before = await settled();
  const still = await settled();
  expect(await pixelDiff(page, before.b, still.b), 'a pane that nobody touched stays the same').toBeLessThan(0.005);
  const box = (await canvasOf('a').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await page.mouse.down();
  for (let k = 1; k <= 8; k++) await page.mouse.move(box.x + box.width * (0.3 + 0.05 * k), box.y + box.height * 0.5);
  await page.mouse.up();
  const after = await settled();
  const moved = { b: await pixelDiff(page, before.b, after.b), contrast: await pixelDiff(page, before.contrast, after.contrast) };
  log(`3D: dragging pane A changed ${(moved.b * 100).toFixed(1)}% of pane B and ${(moved.contrast * 100).toFixed(1)}% of the contrast pane`, t0);
  expect(moved.b).toBeGreaterThan(0.02);
  expect(moved.contrast).toBeGreaterThan(0.02);
  await page.screenshot({ path: join(SCREENS, 'compare-1280-3d.png') });
});

test('cross-check: bench group maps opened as a study give the reference paired t and suprathreshold count', async ({ page }) => {
  const { benchInputs, missingReference } = await import('../fixtures/bench-inputs');
  const { needsInPlaywright } = await import('../fixtures/references');
  needsInPlaywright(test.skip, missingReference);
  const dir = await benchInputs();
  const t0 = Date.now();
  await openCompare(page);
  log('demo study open', t0);
  // As a user does: unfold the study panel (one line in Compare), then its button opens the folder chooser.
  await page.getByTestId('study-expand').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-study-folder').click()]);
  await chooser.setFiles(join(dir!, 'group'));
  await expect(page.getByTestId('import-table').getByTestId('import-summary')).toContainText('24 subjects × 2 conditions', { timeout: 120_000 });
  await page.getByTestId('import-confirm').click();
  await page.waitForFunction(() => {
    const s = (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState() as { study?: { simulated?: boolean } | null };
    return !!s.study && !s.study.simulated;
  }, null, { timeout: 120_000 });
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Compare' }).click();
  await waitReady(page);
  log('bench contrast ready', t0);
  const panel = page.getByTestId('contrast-panel');
  await panel.getByTestId('mode-raw').click();
  await panel.getByTestId('threshold-value').fill('3');
  await panel.getByTestId('threshold-value').press('Enter');
  await expect(panel.getByTestId('threshold-description')).toContainText('|paired t| > 3');
  const table = page.getByTestId('cluster-table');
  await expect(table.getByTestId('cluster-row').first()).toBeVisible({ timeout: 60_000 });
  // The suprathreshold voxels are the sum of every cluster (no minimum extent) and the peak is the largest |t|.
  // The table follows the threshold asynchronously (worker), so wait for the table of |t| > 3.
  const readRows = () => page.evaluate(() => ((window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().compare as { clusters: { nVoxels: number; peakT: number }[] }).clusters);
  await expect.poll(async () => (await readRows()).reduce((s, r) => s + r.nVoxels, 0), { timeout: 60_000 }).toBe(2194);
  const rows = await readRows();
  const total = rows.reduce((s, r) => s + r.nVoxels, 0);
  const peak = Math.max(...rows.map((r) => Math.abs(r.peakT)));
  log(`bench: ${total} voxels at |t| > 3, peak |t| ${peak}`, t0);
  expect(total).toBe(2194);
  expect(peak).toBeCloseTo(13.146, 2);
  // The pane shows it too: go to the peak and read the contrast at the crosshair.
  await page.getByTestId('sort-peak').click();
  await table.getByTestId('cluster-row').first().click();
  await expect(table.getByTestId('cluster-row').first()).toContainText(peak.toFixed(2));
});
