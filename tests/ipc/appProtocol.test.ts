// The app:// scheme handler, the origin check and command-line paths, without Electron.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, mimeTypeOf, resolveAppPath, serveAppRequest } from '../../electron/services/appProtocol';
import { existingPaths, pathArgsOf } from '../../electron/services/cliPaths';
import { isAppUrl, isSafeExternalUrl } from '../../electron/services/origin';
import { tempDir } from './helpers';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let root: string;
const gz = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

beforeAll(async () => {
  tmp = await tempDir('cs-proto-');
  root = join(tmp.dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>ContrastScope</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'niivue.wasm'), new Uint8Array([0, 97, 115, 109]));
  await writeFile(join(root, 'template_ch2.nii.gz'), gz);
  await writeFile(join(tmp.dir, 'secret.txt'), 'secret');
  await symlink(join(tmp.dir, 'secret.txt'), join(root, 'assets', 'leak.txt'));
});
afterAll(async () => {
  await tmp.cleanup();
});

describe('serveAppRequest', () => {
  it('serves index.html for / with the strict CSP on the response', async () => {
    const r = await serveAppRequest(root, { url: 'app://contrastscope/', method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toContain('<title>ContrastScope</title>');
  });

  it('serves .nii.gz as opaque bytes with no content-encoding', async () => {
    const r = await serveAppRequest(root, { url: 'app://contrastscope/template_ch2.nii.gz' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/octet-stream');
    expect(r.headers.get('content-encoding')).toBeNull();
    expect([...new Uint8Array(await r.arrayBuffer())]).toEqual([...gz]);
  });

  it('uses the right MIME types for scripts and wasm', async () => {
    expect((await serveAppRequest(root, { url: 'app://contrastscope/assets/index-abc.js' })).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serveAppRequest(root, { url: 'app://contrastscope/assets/niivue.wasm' })).headers.get('content-type')).toBe('application/wasm');
    expect(mimeTypeOf('x.NII')).toBe('application/octet-stream');
    expect(mimeTypeOf('a.css')).toBe('text/css; charset=utf-8');
  });

  const traversal = [
    'app://contrastscope/../secret.txt',
    'app://contrastscope/%2e%2e/secret.txt',
    'app://contrastscope/assets/%2E%2E/%2E%2E/secret.txt',
    'app://contrastscope/..%2fsecret.txt',
    'app://contrastscope/..%5csecret.txt',
    'app://contrastscope/assets%5c..%5c..%5csecret.txt',
    'app://contrastscope/index.html%00.png',
    'app://contrastscope/%E0%A4%A',
    'app://evil/index.html',
    'app://contrastscope:99/index.html',
    'file:///etc/passwd',
  ];
  for (const url of traversal) {
    it(`refuses ${url}`, async () => {
      const r = await serveAppRequest(root, { url });
      expect(r.status === 403 || r.status === 404).toBe(true);
      expect(await r.text()).not.toContain('secret');
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    });
  }

  it('a symlink inside the build folder cannot lead outside it', async () => {
    const r = await serveAppRequest(root, { url: 'app://contrastscope/assets/leak.txt' });
    expect(r.status).toBe(403);
  });

  it('missing files are 404; paths without an extension fall back to index.html; POST is refused', async () => {
    expect((await serveAppRequest(root, { url: 'app://contrastscope/assets/missing.js' })).status).toBe(404);
    const route = await serveAppRequest(root, { url: 'app://contrastscope/study/overview' });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>ContrastScope</title>');
    expect((await serveAppRequest(root, { url: 'app://contrastscope/', method: 'POST' })).status).toBe(405);
  });

  it('resolveAppPath maps URLs into the root only', () => {
    expect(resolveAppPath('/r', 'app://contrastscope/assets/a.js')).toEqual({ path: '/r/assets/a.js', fallback: false });
    // The URL parser already folds dot segments (also %2e%2e), so these stay inside the root.
    expect(resolveAppPath('/r', 'app://contrastscope/a/../../x')).toEqual({ path: '/r/x', fallback: true });
    expect(resolveAppPath('/r', 'app://contrastscope/%2e%2e/x')).toEqual({ path: '/r/x', fallback: true });
    // An encoded slash survives parsing and is caught after decoding.
    expect(resolveAppPath('/r', 'app://contrastscope/..%2fx')).toBeNull();
    expect(resolveAppPath('/r', 'app://contrastscope/a%5cb')).toBeNull();
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin and, in dev only, the dev server', () => {
    expect(isAppUrl('app://contrastscope/index.html')).toBe(true);
    expect(isAppUrl('app://contrastscope/assets/x.js?v=1#h')).toBe(true);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
  });
  for (const url of [
    'app://contrastscope.evil/',
    'app://evil.contrastscope/',
    'app://user@contrastscope/',
    'app://contrastscope:1/',
    'APP://other/',
    'https://contrastscope/',
    'file:///work/main/out/renderer/index.html',
    'about:blank',
    'javascript:alert(1)',
    'not a url',
    '',
  ]) {
    it(`rejects ${JSON.stringify(url)}`, () => {
      expect(isAppUrl(url)).toBe(false);
      expect(isAppUrl(url, 'http://localhost:5173')).toBe(false);
    });
  }
  it('compares the dev server by origin, not by prefix', () => {
    expect(isAppUrl('http://localhost:51730/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173@evil.com/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
  });
  it('only https links without credentials go to the external browser', () => {
    expect(isSafeExternalUrl('https://doi.org/10.1016/j.biopsych.2014.04.010')).toBe(true);
    expect(isSafeExternalUrl('http://example.com/')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.com/')).toBe(false);
    expect(isSafeExternalUrl('smb://share/x')).toBe(false);
  });
});

describe('command-line paths', () => {
  it('skips the executable, the dev app path and switches', () => {
    expect(pathArgsOf(['/opt/ContrastScope/contrastscope', 'a.nii.gz', '--enable-logging', 'b.nii'], { defaultApp: false })).toEqual(['a.nii.gz', 'b.nii']);
    expect(pathArgsOf(['/x/electron', '.', 'map.nii'], { defaultApp: true })).toEqual(['map.nii']);
    // Playwright puts its switches before the app path.
    expect(pathArgsOf(['/x/electron', '--inspect=0', '--remote-debugging-port=0', 'out/main/index.js'], { defaultApp: true })).toEqual([]);
    expect(pathArgsOf(['/x/electron', '.', '--', '-odd-name.nii'], { defaultApp: true })).toEqual(['-odd-name.nii']);
    expect(pathArgsOf(['/x/electron', '.', 'a\0b'], { defaultApp: true })).toEqual([]);
  });

  it('keeps existing files and folders, made absolute against the launch folder', async () => {
    const r = await existingPaths(['renderer/index.html', 'renderer', 'nope.nii', join(tmp.dir, 'secret.txt')], tmp.dir);
    expect(r).toEqual({ files: [join(root, 'index.html'), join(tmp.dir, 'secret.txt')], folders: [root] });
  });
});
