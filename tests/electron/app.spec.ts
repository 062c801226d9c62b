// Electron end-to-end: the real app, driven by Playwright's _electron. Needs the Electron
// binary, which npm downloads from the internet; where it is missing every test is skipped
// and says so.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRIDGE_KEYS } from '../../shared/ipc/channels';

const SKIP_LINE = 'no Electron binary on this machine (download needs the internet)';

function electronBinary(): string | null {
  try {
    const rel = readFileSync('node_modules/electron/path.txt', 'utf8').trim();
    const bin = join('node_modules/electron/dist', rel);
    return rel && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const hasBinary = electronBinary() !== null;
if (!hasBinary) console.log(SKIP_LINE);

function skipWithoutBinary(): void {
  if (!hasBinary) {
    console.log(SKIP_LINE);
    test.skip(true, SKIP_LINE);
  }
}

let app: ElectronApplication;
let page: Page;
let userData: string;

test.describe('Electron shell security', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async () => {
    if (!hasBinary) return;
    if (!existsSync('out/main/index.js') || !existsSync('out/preload/index.cjs')) {
      throw new Error('out/main/index.js or out/preload/index.cjs is missing: run `npx electron-vite build` first.');
    }
    userData = mkdtempSync(join(tmpdir(), 'cs-electron-'));
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : []; // Chromium refuses to run as root otherwise
    app = await electron.launch({
      args: [...rootArgs, 'out/main/index.js'],
      env: { ...process.env, CONTRASTSCOPE_USER_DATA: userData, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('the page is served from app://contrastscope/ with the strict CSP', async () => {
    skipWithoutBinary();
    expect(page.url()).toMatch(/^app:\/\/contrastscope\//);
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  test('the page has no require and no process', async () => {
    skipWithoutBinary();
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { require: typeof w.require, process: typeof w.process, module: typeof w.module, Buffer: typeof w.Buffer };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
  });

  test('the bridge exposes exactly BRIDGE_KEYS and works', async () => {
    skipWithoutBinary();
    const keys = await page.evaluate(() => Object.keys((window as unknown as { contrastscope: object }).contrastscope));
    expect([...keys].sort()).toEqual([...BRIDGE_KEYS].sort());
    const recent = await page.evaluate(() => (window as unknown as { contrastscope: { getRecent(): Promise<unknown[]> } }).contrastscope.getRecent());
    expect(recent).toEqual([]);
    const refused = await page.evaluate(() =>
      (window as unknown as { contrastscope: { readFile(p: string): Promise<ArrayBuffer> } }).contrastscope.readFile('/etc/passwd').then(
        () => 'read',
        (e: Error) => e.message,
      ),
    );
    expect(refused).toBe('passwd: not opened in this session; open it with File > Open first.');
  });

  test('navigation to another site is blocked', async () => {
    skipWithoutBinary();
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1500);
    expect(page.url()).toBe(before);
    await page.evaluate(() => {
      window.location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(1000);
    expect(page.url()).toBe(before);
  });

  test('window.open returns null and opens no window', async () => {
    skipWithoutBinary();
    const opened = await page.evaluate(() => window.open('http://example.com/') === null && window.open('app://contrastscope/index.html') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('the window was created with the locked-down web preferences', async () => {
    skipWithoutBinary();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0].webContents;
      const p = (wc as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });
});
