// The study side in the browser: the app opens on the simulated demo study, a folder of bench
// files imports through the confirm table, and a study table with a missing file lists it.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchInputs, missingReference } from '../fixtures/bench-inputs';
import { needsInPlaywright } from '../fixtures/references';
import { writeNifti } from '../../shared/nifti';
import { SCREENS, ensureScreensDir, gpuSettled } from './helpers';
import { demoCached } from './demoCache';

// The first start generates the demo (25 subjects x 2 sessions x 5 measures) on a loaded machine.
const DEMO_TIMEOUT = 180_000;

// One page for the whole file: the demo is generated once (first start) and later tests reuse
// the cached copy the way a user's later starts do.
test.describe.configure({ mode: 'serial' });
let page: Page;
let generatedLastStart = false;

test.beforeAll(async ({ sharedContext }) => {
  ensureScreensDir();
  page = await sharedContext.newPage();
});

test.afterAll(async () => {
  await page?.close();
});

async function bannerText(page: Page): Promise<string> {
  const b = page.getByTestId('error-banner');
  return (await b.count()) ? (await b.innerText()).trim() : '';
}

/** Seconds until the demo study is open, and whether this start generated it (else: from the cache). */
async function openOnDemo(page: Page): Promise<number> {
  const errors: string[] = [];
  const onError = (e: Error) => errors.push(e.message);
  const onConsole = (m: { text(): string }) => {
    // A first start says 'demo study: <first measure> generated in …' before the study opens.
    if (/demo study(: .*)? generated/.test(m.text())) generatedLastStart = true;
    if (/demo study/.test(m.text())) console.log(`[page] ${m.text()}`);
  };
  generatedLastStart = false;
  page.on('pageerror', onError);
  page.on('console', onConsole);
  const t0 = Date.now();
  await page.goto('/');
  const panel = page.getByTestId('study-panel');
  await expect(panel.getByTestId('study-name')).toContainText('Simulated demo', { timeout: DEMO_TIMEOUT });
  const seconds = (Date.now() - t0) / 1000;
  page.off('pageerror', onError);
  page.off('console', onConsole);
  expect(errors, 'uncaught errors in the page').toEqual([]);
  return seconds;
}

test('opens on the simulated demo study: 25 subjects x 2 conditions x 5 measures, labelled simulated', async () => {
  test.setTimeout(DEMO_TIMEOUT + 120_000);
  const firstLoad: string[] = [];
  const onFirstLoad = (m: { text(): string }) => {
    if (/: 50 files in \d+ ms/.test(m.text())) firstLoad.push(m.text());
  };
  page.on('console', onFirstLoad);
  const first = await openOnDemo(page);
  // The e2e profile is shared by all spec files, so an earlier file may have generated it already.
  console.log(`demo study open after ${first.toFixed(1)} s (${generatedLastStart ? 'generated in workers' : 'from the cache'})`);
  const panel = page.getByTestId('study-panel');
  await expect(panel.getByTestId('simulated-banner')).toHaveText('Simulated demo: effects modelled on published MDMA findings; not real data');
  await expect(panel.getByTestId('subject-count')).toHaveText('25');
  await expect(panel.getByTestId('study-conditions')).toHaveText('MDMA, placebo');
  await expect(panel.getByTestId('study-design')).toContainText('within-subject (paired)');
  const measures = panel.locator('[data-testid^="measure-"]');
  await expect(measures).toHaveCount(5);
  await expect(panel.getByTestId('measure-task-faces_stat-effect_statmap')).toContainText('task BOLD');
  await expect(panel.getByTestId('measure-cbf')).toContainText('ml/100g/min');
  await expect(panel.getByTestId('measure-task-rest_seed-hippocampusR_desc-fisherz_statmap')).toContainText('seed hippocampusR');
  await expect(panel.getByTestId('measure-task-rest_desc-fisherz_connectivity')).toContainText('ROI×ROI matrix');
  for (const id of ['task-faces_stat-effect_statmap', 'cbf', 'task-rest_desc-fisherz_connectivity']) {
    await expect(panel.getByTestId(`measure-${id}`)).toContainText('50 files');
  }
  await expect(panel.getByTestId('study-ok')).toBeVisible();
  // The active (first) measure loads: 50 maps read in the worker pool, once the GPU has drawn the
  // start screen (the two would share the cores).
  await expect(panel.getByTestId('measure-task-faces_stat-effect_statmap')).toContainText(/loaded|could not/, { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { contrastscope_app: { store: { getState(): { firstFrame: boolean } } } }).contrastscope_app.store.getState().firstFrame)).toBe(true);
  expect(await bannerText(page), 'error banner').toBe('');
  await expect(panel.getByTestId('measure-task-faces_stat-effect_statmap')).toContainText('loaded');
  page.off('console', onFirstLoad);
  console.log(`first load after start: ${firstLoad[0] ?? '(no load line)'}`);

  // Switching measure loads its maps (timed in the page: bytes from IndexedDB/memory, parsed in
  // workers into the buffers of the measure before). Timed once the GPU has drawn the start-up
  // screen (software GL here: seconds of both cores); three switches, since this shared VM moves
  // by ±20% between runs.
  // On a first start the other measures are still being generated: time the switches once the
  // whole demo is in (and saved, for the second start below).
  await demoCached(page);
  await gpuSettled(page);
  const loadLines: string[] = [];
  const onLoadLine = (m: { text(): string }) => {
    if (/: 50 files in \d+ ms/.test(m.text())) loadLines.push(m.text());
  };
  page.on('console', onLoadLine);
  const times: number[] = [];
  for (const id of ['cbf', 'task-faces_stat-effect_statmap', 'cbf']) {
    const t = await page.evaluate(async (measure) => {
      const app = (window as unknown as { contrastscope_app: { store: { getState(): { measureStatus: Record<string, { state: string }> } }; run(id: string, a?: unknown): Promise<boolean> } }).contrastscope_app;
      const t0 = performance.now();
      await app.run('study.selectMeasure', { id: measure });
      return { ms: performance.now() - t0, state: app.store.getState().measureStatus[measure]?.state };
    }, id);
    expect(t.state).toBe('loaded');
    times.push(t.ms);
  }
  console.log(`switching measure: 50 maps (2 mm, .nii.gz) loaded in ${times.map((x) => x.toFixed(0)).join(', ')} ms (budget 1000 ms)`);
  page.off('console', onLoadLine);
  // Every map went through the WebAssembly inflater (the stream and JS paths are fallbacks).
  expect(loadLines.length).toBeGreaterThanOrEqual(2);
  for (const line of loadLines) expect(line).toContain('inflated by wasm 50)');
  // Budget 1 s, logged above (speed is the bench's job; CI may share its cores).
  expect(times.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
  await expect(panel.getByTestId('measure-cbf')).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: join(SCREENS, 'study.png') });

  // A later start reuses the cached demo instead of generating it again.
  const second = await openOnDemo(page);
  console.log(`demo study open after ${second.toFixed(1)} s (second start: cached)`);
  await expect(page.getByTestId('study-panel').getByTestId('subject-count')).toHaveText('25');
  expect(generatedLastStart, 'the second start must reuse the cached demo').toBe(false);
});

test('imports the bench folder through the confirm table: 24 subjects x 2 conditions', async () => {
  test.setTimeout(DEMO_TIMEOUT + 60_000);
  needsInPlaywright(test.skip, missingReference);
  const dir = await benchInputs();
  // The page is still open on a study from the test before (or opens on the demo now).
  if (!(await page.getByTestId('study-name').isVisible())) await openOnDemo(page);
  const group = join(dir!, 'group');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-study-folder').click()]);
  await chooser.setFiles(group);
  const table = page.getByTestId('import-table');
  await expect(table).toBeVisible();
  await expect(table.getByTestId('import-summary')).toContainText('24 subjects × 2 conditions × 2 measures');
  await expect(table.getByTestId('import-row')).toHaveCount(96);
  await page.screenshot({ path: join(SCREENS, 'study-import.png') });
  // Renaming a condition is applied to every row before confirming.
  await table.getByTestId('rename-condition-placebo').fill('PLA');
  await table.getByTestId('rename-condition-placebo').press('Enter');
  await expect(table.getByTestId('import-summary')).toContainText('24 subjects × 2 conditions');
  await table.getByTestId('import-confirm').click();
  await expect(table).toHaveCount(0);
  const panel = page.getByTestId('study-panel');
  await expect(panel.getByTestId('study-name')).toHaveText('group');
  await expect(panel.getByTestId('subject-count')).toHaveText('24');
  await expect(panel.getByTestId('study-conditions')).toHaveText('MDMA, PLA');
  await expect(panel.getByTestId('simulated-banner')).toHaveCount(0);
  await expect(panel.locator('[data-testid^="measure-"]').first()).toContainText('loaded', { timeout: 60_000 });
  await expect(panel.getByTestId('recent-list')).toContainText('group');
});

test('a study table with a missing file lists the problem, naming the file', async () => {
  test.setTimeout(DEMO_TIMEOUT + 60_000);
  needsInPlaywright(test.skip, missingReference);
  const dir = await benchInputs();
  // The page is still open on a study from the test before (or opens on the demo now).
  if (!(await page.getByTestId('study-name').isVisible())) await openOnDemo(page);
  const group = join(dir!, 'group');
  const maps = readdirSync(group).filter((f) => /^sub-0[1-4]_.*\.nii\.gz$/.test(f)).sort();
  expect(maps).toHaveLength(8);
  const tmp = mkdtempSync(join(tmpdir(), 'cs-study-table-'));
  const rows = ['subject\tcondition\tmeasure\tpath', ...maps.map((f) => {
    const [, sub, cond] = /^(sub-\d+)_cond-(\w+)_stat/.exec(f)!;
    return `${sub}\t${cond}\tfaces\t${f}`;
  })];
  const tablePath = join(tmp, 'study.tsv');
  writeFileSync(tablePath, rows.join('\n') + '\n');
  // Two maps are damaged copies: cut short (an interrupted copy), and a flipped gzip checksum.
  const cut = 'sub-04_cond-placebo_stat.nii.gz';
  const badCrc = 'sub-02_cond-MDMA_stat.nii.gz';
  const whole = readFileSync(join(group, cut));
  writeFileSync(join(tmp, cut), whole.subarray(0, whole.length >> 1));
  const crc = Buffer.from(readFileSync(join(group, badCrc)));
  crc[crc.length - 8] ^= 0xff;
  writeFileSync(join(tmp, badCrc), crc);
  // Pick the table and every map but one.
  const picked = [tablePath, ...maps.filter((f) => f !== 'sub-03_cond-placebo_stat.nii.gz').map((f) => join([cut, badCrc].includes(f) ? tmp : group, f))];
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-study-table').click()]);
  await chooser.setFiles(picked);
  const table = page.getByTestId('import-table');
  await expect(table).toBeVisible();
  const problems = table.getByTestId('import-problems');
  await expect(problems).toContainText('faces: this file does not exist: sub-03_cond-placebo_stat.nii.gz (sub-03 placebo)');
  await table.getByTestId('import-confirm').click();
  const listed = page.getByTestId('study-panel').getByTestId('study-problems');
  await expect(listed).toContainText('sub-03_cond-placebo_stat.nii.gz');
  await expect(page.getByTestId('study-panel').getByTestId('subject-count')).toHaveText('4');
  // The damaged maps are read (in workers, from the picked files) and each ends in its own message.
  await expect(listed).toContainText(`${cut}: the compressed (.gz) data is truncated`, { timeout: 60_000 });
  await expect(listed).toContainText(`${badCrc}: the compressed (.gz) data is corrupt: checksum (CRC32) mismatch`);
  expect(await bannerText(page), 'error banner').toBe('');
});

test('a single FSL t map without dof gets a note and asks for its dof, which goes on the layer', async () => {
  test.setTimeout(DEMO_TIMEOUT + 60_000);
  if (!(await page.getByTestId('study-name').isVisible())) await openOnDemo(page);
  const tmp = mkdtempSync(join(tmpdir(), 'cs-tstat-'));
  const data = new Float32Array(20 * 20 * 20).map((_, i) => (i % 7) - 3);
  const path = join(tmp, 'tstat1.nii.gz');
  writeFileSync(path, writeNifti({ dims: [20, 20, 20], affine: [2, 0, 0, -20, 0, 2, 0, -20, 0, 0, 2, -20, 0, 0, 0, 1], data }, { gzip: true }));
  await page.getByTestId('open-file-input').setInputFiles(path);
  const note = page.getByTestId('group-map-note').filter({ hasText: 'tstat1.nii.gz' });
  await expect(note).toContainText('FSL t map', { timeout: 60_000 });
  await expect(note).toContainText('dof unknown');
  await note.getByTestId('dof-input').fill('24');
  await note.getByTestId('dof-input').press('Enter');
  await expect(note).toContainText('dof 24');
  await expect(note.getByTestId('dof-form')).toHaveCount(0);
  const dof = await page.evaluate(() => {
    const app = (window as unknown as { contrastscope_app: { store: { getState(): { scene: { layers: { name: string; dof: number | null }[] } } } } }).contrastscope_app;
    return app.store.getState().scene.layers.find((l) => l.name === 'tstat1.nii.gz')?.dof;
  });
  expect(dof).toBe(24);
});
