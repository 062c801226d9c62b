// `npm start`: the desktop app when the Electron binary is there, else browser mode.
// The binary is downloaded by `npm install` from the internet; offline, or with
// ELECTRON_SKIP_BINARY_DOWNLOAD set, it is missing, and electron-vite would only say
// "Electron uninstall". The README's first command must still end in a working app.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The Electron executable as the electron package resolves it (honours ELECTRON_OVERRIDE_DIST_PATH), or null. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // no path.txt: the download never ran or failed
  }
}

if (electronBinary()) {
  const bin = (name) => require.resolve(`${name}/package.json`).replace(/package\.json$/, '');
  const cli = `${bin('electron-vite')}bin/electron-vite.js`;
  const build = spawnSync(process.execPath, [cli, 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const app = spawnSync(process.execPath, [cli, 'preview', '--', ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(app.status ?? 1);
} else {
  console.log(
    'ContrastScope: no Electron binary (npm install did not download it: offline, or ELECTRON_SKIP_BINARY_DOWNLOAD was set); ' +
      'with internet, `node node_modules/electron/install.js` fetches it. Starting browser mode instead.',
  );
  await import('./web.mjs'); // builds, serves and prints its URL
}
