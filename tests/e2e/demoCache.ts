import type { Page } from '@playwright/test';

/** Whether browser mode's IndexedDB holds the saved demo study (never creates the database). */
function demoIsSaved(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open('contrastscope');
        // Creating it here would make the app's own open skip its upgrade.
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onerror = () => resolve(false);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('kv')) return resolve(false);
          const get = db.transaction('kv', 'readonly').objectStore('kv').get('demo-v2');
          get.onsuccess = () => resolve(Array.isArray(get.result) && get.result.length > 0);
          get.onerror = () => resolve(false);
        };
      }),
  );
}

/**
 * Waits until browser mode has saved the demo study in IndexedDB (the page opens it while its
 * other measures are generated and saved), so a reload starts from the cache as a user's later
 * start does.
 */
export async function demoCached(page: Page, timeout = 180_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await demoIsSaved(page))) {
    if (Date.now() > end) throw new Error(`the demo study was not saved in IndexedDB within ${timeout / 1000} s`);
    await page.waitForTimeout(250);
  }
}
