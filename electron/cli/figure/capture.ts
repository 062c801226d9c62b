/**
 * 3D panels for `contrastscope render`: the app's own 3D captures, run in headless Chromium
 * (Debian's, through playwright-core) on the built browser bundle's capture.html, served on
 * 127.0.0.1 only for this command. Chromium starts on the first 3D panel; a figure without one
 * never pays for it. A persistent profile keeps the cortex meshes in IndexedDB between renders.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { homedir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { toWire, type Capture3d, type Capture3dRequest } from '../../../shared/figure/capture3d';
import { InputError } from '../types';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.gz': 'application/gzip', '.txt': 'text/plain' };

/** The browser bundle (npm run build:web) holding capture.html. */
function bundleDir(): string | null {
  const root = resolve(import.meta.dirname, '../../..');
  for (const d of [process.env.WEB_OUT_DIR ? resolve(root, process.env.WEB_OUT_DIR) : '', join(root, 'out/web')]) if (d && existsSync(join(d, 'capture.html'))) return d;
  return null;
}

function chromiumPath(): string | null {
  for (const p of [process.env.CHROMIUM_PATH ?? '', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (p && existsSync(p)) return p;
  return null;
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const file = resolve(dir, `.${path}`);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    // .nii.gz as the plain bytes they are (the page inflates them itself).
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': String(statSync(file).size) });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      ok({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/` });
    });
  });
}

type Page = { evaluate<R, A>(fn: (a: A) => R | Promise<R>, arg: A): Promise<R>; goto(url: string): Promise<unknown>; waitForFunction(fn: () => boolean, arg?: unknown, opts?: { timeout: number }): Promise<unknown> };

export interface Capturer {
  capture3d(req: Capture3dRequest): Promise<Capture3d>;
  close(): Promise<void>;
}

export function chromiumCapturer(log: (s: string) => void): Capturer {
  let started: Promise<{ page: Page; close: () => Promise<void> }> | null = null;
  const start = async () => {
    const dir = bundleDir();
    if (!dir) throw new InputError('render: 3D panels are drawn by the app\'s page, and the browser bundle is not built (run `npm run build:web`)');
    const exe = chromiumPath();
    if (!exe) throw new InputError('render: 3D panels need Chromium (WebGL), and none was found (install Debian\'s chromium, or set CHROMIUM_PATH); figures without 3D panels need none');
    const { chromium } = await import('playwright-core');
    const { server, url } = await serve(dir);
    const profile = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'contrastscope', 'chromium-profile');
    log('drawing the 3D panels in headless Chromium');
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: exe,
      headless: true,
      args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${url}capture.html`);
    await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 60_000 });
    return { page: page as unknown as Page, close: async () => { await ctx.close(); server.close(); } };
  };
  return {
    async capture3d(req) {
      started ??= start();
      const { page } = await started;
      // Each distinct typed array (a map used by two rows, say) crosses once, as base64.
      const wire = toWire(req, (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64'));
      const r = await page.evaluate((w) => (window as unknown as { contrastscopeCapture(x: unknown): Promise<{ rgba: string; pxW: number; pxH: number; labels?: Capture3d['labels'] }> }).contrastscopeCapture(w), wire);
      return { rgba: new Uint8Array(Buffer.from(r.rgba, 'base64')), pxW: r.pxW, pxH: r.pxH, ...(r.labels ? { labels: r.labels } : {}) };
    },
    async close() {
      if (started) await (await started.catch(() => null))?.close();
    },
  };
}
