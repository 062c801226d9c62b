// Crash recovery in browser mode (issue #10 item 7). A crash is simulated with CDP's Page.crash:
// the renderer dies and no pagehide runs, as when a tab is killed. A clean close (page.close(),
// which runs pagehide) must not offer anything. Same browser profile throughout.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { openApp, SCREENS, ensureScreensDir } from './helpers';
import type { Page } from '@playwright/test';

test.setTimeout(240_000);

const SPM_T = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'shared', 'data', 'real', 'bold-stats', 'spmT_0001.nii.gz');

type Shown = { layers: { name: string; opacity: number; source: string }[]; views: string[] };

const shown = (page: Page) =>
  page.evaluate((): Shown => {
    const s = (window as unknown as { contrastscope_app: { store: { getState(): { scene: { layers: { name: string; opacity: number; source: { type: string; path?: string; url?: string } }[]; views: { name: string }[] } } } } }).contrastscope_app.store.getState().scene;
    return { layers: s.layers.map((l) => ({ name: l.name, opacity: l.opacity, source: l.source.type })), views: s.views.map((v) => v.name) };
  });

const atlasRow = (page: Page) => page.getByTestId('layer-row').filter({ hasText: 'AAL atlas' });

/** The autosave as it sits in IndexedDB (what a crash leaves behind). */
const storedAutosave = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string | null>((done) => {
        const req = indexedDB.open('contrastscope', 1);
        req.onsuccess = () => {
          const get = req.result.transaction('kv', 'readonly').objectStore('kv').get('autosave-v1');
          get.onsuccess = () => done((get.result as string) ?? null);
          get.onerror = () => done(null);
        };
        req.onerror = () => done(null);
      }),
  );

test('after a crash the next start offers the autosaved work back; a clean close does not', async ({ context }) => {
  const page = await context.newPage();
  await openApp(page);
  await expect(page.getByTestId('recover-session')).toHaveCount(0);

  // Change things: the atlas opacity, a map opened from disk, a saved view.
  await page.getByTestId('open-file-input').setInputFiles(SPM_T);
  await expect(page.getByTestId('layer-row')).toHaveCount(3, { timeout: 60_000 });
  await atlasRow(page).getByLabel('Opacity').fill('0.35');
  await page.getByTestId('view-save').click();
  await expect(page.getByTestId('view-name')).toHaveCount(1);
  const before = await shown(page);
  expect(before.layers.find((l) => l.name === 'AAL atlas')?.opacity).toBe(0.35);
  expect(before.layers.map((l) => l.source)).toContain('file');

  // Wait for the autosave (3 s after the last change) to hold the saved view.
  await expect.poll(async () => JSON.parse((await storedAutosave(page)) ?? '{"scene":{"views":[]}}').scene.views.length, { timeout: 15_000 }).toBe(1);

  // Crash: the renderer process dies, no pagehide. A blank tab keeps the browser open meanwhile.
  const keeper = await context.newPage();
  const crashed = new Promise<void>((done) => page.once('crash', () => done()));
  const cdp = await context.newCDPSession(page);
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;

  const again = await context.newPage();
  await openApp(again);
  const banner = again.getByTestId('recover-session');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Recover unsaved work from \d\d:\d\d\?/);
  ensureScreensDir();
  await again.screenshot({ path: `${SCREENS}/recover-offer.png` });
  await again.getByTestId('recover-accept').click();
  await expect(banner).toHaveCount(0);
  // The picked file cannot be read by a new page (the browser gives no path): it is listed.
  await expect(again.getByTestId('recover-missing-file')).toHaveText(['spmT_0001.nii.gz']);
  await again.screenshot({ path: `${SCREENS}/recover-missing.png` });
  const after = await shown(again);
  expect(after.views).toEqual(before.views);
  expect(after.layers.find((l) => l.name === 'AAL atlas')?.opacity).toBe(0.35);
  await expect(again.getByTestId('view-name')).toHaveText(before.views);
  await expect(atlasRow(again).getByLabel('Opacity')).toHaveValue('0.35');
  expect(after.layers.map((l) => l.source)).not.toContain('file');

  // Locate…: point at the file again; it opens and leaves the list.
  await expect(again.getByTestId('missing-file')).toContainText('spmT_0001.nii.gz');
  const chooser = again.waitForEvent('filechooser');
  await again.getByTestId('missing-locate').click();
  await (await chooser).setFiles(SPM_T);
  await expect(again.getByTestId('layer-row')).toHaveCount(3, { timeout: 60_000 });
  await expect(again.getByTestId('missing-files')).toHaveCount(0);

  // A clean close (pagehide runs) leaves nothing to recover.
  await again.close();
  const third = await context.newPage();
  await openApp(third);
  await third.waitForTimeout(1000);
  await expect(third.getByTestId('recover-session')).toHaveCount(0);
  await third.close();
  await keeper.close();
  await page.close().catch(() => undefined);
});
