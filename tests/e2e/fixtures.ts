// One browser profile for the whole run: the demo study that the first start generates stays in
// IndexedDB, and later tests start the way a user's later starts do (from the cache). Without
// this every test would regenerate the demo, which dominates the suite's time on 2 cores.
import { test as base, chromium, expect, type BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { expect };

export const test = base.extend<object, { sharedContext: BrowserContext }>({
  sharedContext: [
    async ({ playwright: _pw }, use, workerInfo) => {
      const cfg = workerInfo.project.use;
      const dir = mkdtempSync(join(tmpdir(), 'contrastscope-e2e-profile-'));
      const context = await chromium.launchPersistentContext(dir, {
        ...(cfg.launchOptions ?? {}),
        baseURL: cfg.baseURL,
        viewport: cfg.viewport ?? { width: 1920, height: 1080 },
        acceptDownloads: true,
      });
      await use(context);
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  context: async ({ sharedContext }, use) => {
    await use(sharedContext);
  },
  page: async ({ sharedContext }, use) => {
    const page = await sharedContext.newPage();
    await use(page);
    await page.close();
  },
});
