// Driving the compare workspace on the demo study, shared by the compare and views specs.
import { expect, type Page } from '@playwright/test';

export type AppHandle = { store: { getState(): Record<string, unknown>; setState(p: unknown): void }; run(id: string, args?: unknown): Promise<boolean> };

/** Opens the app, waits for the demo study, and switches to the compare workspace. */
export async function openCompare(page: Page): Promise<void> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/');
  await page.waitForFunction(() => !!(window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().study, null, { timeout: 240_000 });
  expect(problems, 'uncaught errors in the page').toEqual([]);
  await page.getByTestId('workspace-switcher').getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('pane-contrast')).toBeVisible();
}

export async function chooseMeasure(page: Page, match: RegExp): Promise<void> {
  const select = page.getByTestId('compare-measure');
  const options = await select.locator('option').allTextContents();
  const label = options.find((o) => match.test(o));
  expect(label, `a measure matching ${match} among ${options.join(' | ')}`).toBeTruthy();
  await select.selectOption({ label: label! });
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const c = (window as unknown as { contrastscope_app: AppHandle }).contrastscope_app.store.getState().compare as { status: string; resolved: unknown };
    return c.status === 'ready' && !!c.resolved;
  }, null, { timeout: 180_000 });
}

