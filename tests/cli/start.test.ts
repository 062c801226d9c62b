// `npm start` without the Electron binary: one sentence saying why and how to get it, then
// browser mode, whose printed URL answers. ELECTRON_OVERRIDE_DIST_PATH (read by the electron
// package itself) points at an empty folder, so the binary is absent here on every machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

describe('npm start without the Electron binary', () => {
  it('is the start script', () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.start).toBe('node scripts/start.mjs');
  });

  it('says why and how to get it, starts browser mode and its URL answers 200', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, PORT: String(port), ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'cs-no-electron-')) },
      detached: true, // its own process group, so the whole tree is killed below
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL within 150 s; output:\n${out}`)), 150_000);
        child.stdout.on('data', () => {
          const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) {
            clearTimeout(timer);
            done(m[1]);
          }
        });
        child.on('exit', (code) => fail(new Error(`start exited ${code} before printing a URL:\n${out}`)));
      });
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      expect(out).not.toContain('Electron uninstall');
      const why = out.split('\n').find((l) => l.includes('no Electron binary'))!;
      expect(why).toMatch(/offline, or ELECTRON_SKIP_BINARY_DOWNLOAD/);
      expect(why).toContain('node node_modules/electron/install.js');
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root"');
    } finally {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }, 180_000);
});
