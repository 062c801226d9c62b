// First start in browser mode, timed and logged (speed is reported, not asserted: the 2 cores
// are shared). A fresh browser profile each run, so the demo study is generated, then a reload
// that starts from the cached copy. Logs: seconds to the study panel naming the demo, to the
// measure Compare opens on being loaded, and the page's own demo timing lines, with the load.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCached } from './demoCache';
import { expect, test } from './fixtures';

const FIRST_MEASURE = 'task-faces_stat-effect_statmap';
let dir: string;
let context: BrowserContext;

test.beforeAll(async ({ browserName: _b }, info) => {
  dir = mkdtempSync(join(tmpdir(), 'contrastscope-e2e-first-start-'));
  const cfg = info.project.use;
  context = await chromium.launchPersistentContext(dir, { ...(cfg.launchOptions ?? {}), baseURL: cfg.baseURL, viewport: { width: 1600, height: 900 } });
});

test.afterAll(async () => {
  await context?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface StartTimes {
  studyOpen: number;
  firstMeasureLoaded: number;
  lines: string[];
}

async function timedStart(page: Page, how: 'goto' | 'reload'): Promise<StartTimes> {
  const lines: string[] = [];
  const errors: string[] = [];
  const onConsole = (m: { text(): string }) => {
    if (/demo study|: 50 files in \d+ ms/.test(m.text())) lines.push(m.text());
  };
  const onError = (e: Error) => errors.push(e.message);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  const t0 = Date.now();
  if (how === 'goto') await page.goto('/');
  else await page.reload();
  const panel = page.getByTestId('study-panel');
  await expect(panel.getByTestId('study-name')).toContainText('Simulated demo', { timeout: 180_000 });
  const studyOpen = (Date.now() - t0) / 1000;
  await expect(panel.getByTestId(`measure-${FIRST_MEASURE}`)).toContainText(/loaded|could not/, { timeout: 180_000 });
  const firstMeasureLoaded = (Date.now() - t0) / 1000;
  await expect(panel.getByTestId(`measure-${FIRST_MEASURE}`)).toContainText('loaded');
  page.off('console', onConsole);
  page.off('pageerror', onError);
  expect(errors, 'uncaught errors in the page').toEqual([]);
  return { studyOpen, firstMeasureLoaded, lines };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

test('first start generates the demo study and opens it; a reload opens it from the cache (times logged)', async () => {
  test.setTimeout(420_000);
  const page = await context.newPage();
  const loadBefore = load();
  const first = await timedStart(page, 'goto');
  console.log(`first start (generated): study open after ${first.studyOpen.toFixed(1)} s, ${FIRST_MEASURE} loaded after ${first.firstMeasureLoaded.toFixed(1)} s (budget 10 s; load average ${loadBefore} before, ${load()} after)`);
  // The other measures are generated behind the open study; then the whole set is saved for
  // later starts (a reload before that would generate again).
  const later: string[] = [];
  const onLater = (m: { text(): string }) => {
    if (/demo study/.test(m.text())) later.push(m.text());
  };
  page.on('console', onLater);
  await demoCached(page);
  page.off('console', onLater);
  const all = [...first.lines, ...later];
  for (const l of all) console.log(`  [page] ${l}`);
  expect(all.some((l) => l.includes('demo study generated in'))).toBe(true);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  const loadBeforeReload = load();
  const second = await timedStart(page, 'reload');
  expect(second.lines.some((l) => l.includes('generated'))).toBe(false);
  console.log(`second start (cached): study open after ${second.studyOpen.toFixed(1)} s, ${FIRST_MEASURE} loaded after ${second.firstMeasureLoaded.toFixed(1)} s (load average ${loadBeforeReload} before, ${load()} after)`);
  for (const l of second.lines) console.log(`  [page] ${l}`);
  await page.close();
});
