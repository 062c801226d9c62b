// Electron's own install script downloads its binary from the internet. On machines
// without internet that download fails; it must not fail `npm install`, so we run it
// here ourselves and only warn. Users with internet still get the binary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
  console.warn('[contrastscope] ELECTRON_SKIP_BINARY_DOWNLOAD=1: not fetching the Electron binary.');
  process.exit(0);
}
let installJs;
try {
  installJs = require.resolve('electron/install.js');
} catch {
  console.warn('[contrastscope] electron is not installed; skipping its binary download.');
  process.exit(0);
}
if (!existsSync(installJs)) process.exit(0);
const r = spawnSync(process.execPath, [installJs], { stdio: 'inherit', timeout: 300_000 });
if (r.status !== 0) {
  console.warn(
    '[contrastscope] WARNING: the Electron binary could not be downloaded (no internet?).\n' +
      '  Browser mode (`npm run web`), the CLI and the tests still work.\n' +
      '  To get the desktop app later, run: node node_modules/electron/install.js',
  );
}
process.exit(0);
