import type { Page } from '@playwright/test';

/**
 * Waits until browser mode has saved the demo study in IndexedDB (the page opens it from memory
 * while saving goes on), so a reload starts from the cache as a user's later start does.
 */
export async function demoCached(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open('contrastscope');
        // Never create the database here (the app's own open would then skip its upgrade).
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
    undefined,
    { timeout, polling: 250 },
  );
}
