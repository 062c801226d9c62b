// The study side in the browser: the app opens on the simulated demo study, a folder of bench
// files imports through the confirm table, and a study table with a missing file lists it.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchInputs } from '../fixtures/bench-inputs';
import { SCREENS, ensureScreensDir } from './helpers';

// The first start generates the demo (25 subjects x 2 sessions x 5 measures) on a loaded machine.
const DEMO_TIMEOUT = 180_000;

test.beforeAll(() => ensureScreensDir());

async function openOnDemo(page: Page): Promise<number> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/demo study/.test(m.text())) console.log(`[page] ${m.text()}`);
  });
  const t0 = Date.now();
  await page.goto('/');
  const panel = page.getByTestId('study-panel');
  await expect(panel.getByTestId('study-name')).toContainText('Simulated demo', { timeout: DEMO_TIMEOUT });
  const seconds = (Date.now() - t0) / 1000;
  expect(errors, 'uncaught errors in the page').toEqual([]);
  return seconds;
}

test('opens on the simulated demo study: 25 subjects x 2 conditions x 5 measures, labelled simulated', async ({ page }) => {
  test.setTimeout(DEMO_TIMEOUT + 120_000);
  const first = await openOnDemo(page);
  console.log(`demo study open after ${first.toFixed(1)} s (first start: generated in workers)`);
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
  // The active (first) measure loads: 50 maps read in the worker pool.
  await expect(panel.getByTestId('measure-task-faces_stat-effect_statmap')).toContainText('loaded', { timeout: 60_000 });

  // Switching measure loads its maps (timed in the page: bytes from IndexedDB/memory, parsed in workers).
  const t = await page.evaluate(async () => {
    const app = (window as unknown as { contrastscope_app: { store: { getState(): { measureStatus: Record<string, { state: string }> } }; run(id: string, a?: unknown): Promise<boolean> } }).contrastscope_app;
    const t0 = performance.now();
    await app.run('study.selectMeasure', { id: 'cbf' });
    return { ms: performance.now() - t0, state: app.store.getState().measureStatus.cbf?.state };
  });
  console.log(`CBF: 50 maps (2 mm, .nii.gz) loaded in ${t.ms.toFixed(0)} ms`);
  expect(t.state).toBe('loaded');
  await expect(panel.getByTestId('measure-cbf')).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: join(SCREENS, 'study.png') });

  // A later start reuses the cached demo instead of generating it again.
  const second = await openOnDemo(page);
  console.log(`demo study open after ${second.toFixed(1)} s (second start: cached)`);
  await expect(page.getByTestId('study-panel').getByTestId('subject-count')).toHaveText('25');
  expect(second).toBeLessThan(first);
});

test('imports the bench folder through the confirm table: 24 subjects x 2 conditions', async ({ page }) => {
  test.setTimeout(DEMO_TIMEOUT + 60_000);
  const dir = await benchInputs();
  test.skip(dir === null, 'bench inputs need /usr/bin/python3 with numpy/scipy/nibabel');
  await openOnDemo(page);
  const group = join(dir!, 'group');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-study-folder').click()]);
  await chooser.setFiles(group);
  const table = page.getByTestId('import-table');
  await expect(table).toBeVisible();
  await expect(table.getByTestId('import-summary')).toContainText('24 subjects × 2 conditions × 2 measures');
  await expect(table.getByTestId('import-row')).toHaveCount(96);
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

test('a study table with a missing file lists the problem, naming the file', async ({ page }) => {
  test.setTimeout(DEMO_TIMEOUT + 60_000);
  const dir = await benchInputs();
  test.skip(dir === null, 'bench inputs need /usr/bin/python3 with numpy/scipy/nibabel');
  await openOnDemo(page);
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
  // Pick the table and every map but one.
  const picked = [tablePath, ...maps.filter((f) => f !== 'sub-03_cond-placebo_stat.nii.gz').map((f) => join(group, f))];
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
});
