// The packaged app's Electron fuses, read from its binary with @electron/fuses, against the
// settings in electron-builder.yml. Needs the Electron binary (downloaded by npm from the
// internet): without it there is nothing to package or read, and the test says so.
// With the binary but no packaged app, `electron-builder --dir` packages one from it (offline).
import { expect, test } from '@playwright/test';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses' FuseState (not exported from its index): the ASCII '0' and '1' in the wire. */
const DISABLE = 48;
const ENABLE = 49;

const NO_BINARY = 'no Electron binary on this machine (download needs the internet)';
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

function electronBinary(): string | null {
  try {
    const rel = readFileSync('node_modules/electron/path.txt', 'utf8').trim();
    return rel && existsSync(join('node_modules/electron/dist', rel)) ? join('node_modules/electron/dist', rel) : null;
  } catch {
    return null;
  }
}

/** The executable electron-builder --dir writes for this platform. */
function packagedApp(): string {
  const out = join('release', version);
  if (process.platform === 'darwin') return join(out, 'mac', 'ContrastScope.app', 'Contents', 'MacOS', 'ContrastScope');
  if (process.platform === 'win32') return join(out, 'win-unpacked', 'contrastscope-app.exe');
  return join(out, 'linux-unpacked', 'contrastscope-app');
}

/** electron-builder.yml's electronFuses section, as name -> boolean. */
function configuredFuses(): Record<string, boolean> {
  const lines = readFileSync('electron-builder.yml', 'utf8').split('\n');
  const out: Record<string, boolean> = {};
  for (const line of lines.slice(lines.indexOf('electronFuses:') + 1)) {
    const m = /^ {2}([A-Za-z]+):\s*(true|false)\s*$/.exec(line);
    if (!m) break;
    out[m[1]] = m[2] === 'true';
  }
  return out;
}

const FUSE_OF: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

test('the packaged app carries the fuses electron-builder.yml sets', async () => {
  test.skip(electronBinary() === null, NO_BINARY);
  test.setTimeout(600_000);
  const app = packagedApp();
  if (!existsSync(app)) {
    execFileSync(process.execPath, ['node_modules/electron-builder/cli.js', '--dir', '-c.electronDist=node_modules/electron/dist'], { stdio: 'inherit' });
  }
  const wire = (await getCurrentFuseWire(app)) as unknown as Record<number, number>;
  const wanted = configuredFuses();
  expect(Object.keys(wanted).length).toBeGreaterThanOrEqual(7);
  for (const [name, on] of Object.entries(wanted)) {
    expect(FUSE_OF[name], `electron-builder.yml names an unknown fuse ${name}`).toBeDefined();
    expect(wire[FUSE_OF[name]], `fuse ${name}`).toBe(on ? ENABLE : DISABLE);
  }
});
