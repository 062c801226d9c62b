/**
 * File paths given on the app's command line (`contrastscope-app map.nii.gz`,
 * `npm start -- map.nii.gz`, or a second launch while the app runs).
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { isUncOrDevicePath } from './paths';

/**
 * The positional arguments after the executable, minus the app path Electron is given in
 * development (`electron .` / `electron out/main/index.js`) and minus switches.
 */
export function pathArgsOf(argv: readonly string[], options: { defaultApp: boolean }): string[] {
  const rest = argv.slice(1);
  const out: string[] = [];
  let skippedAppPath = !options.defaultApp;
  let afterDashDash = false;
  for (const arg of rest) {
    if (!afterDashDash && arg === '--') {
      afterDashDash = true;
      continue;
    }
    if (!afterDashDash && arg.startsWith('-')) continue;
    if (!skippedAppPath) {
      skippedAppPath = true;
      continue;
    }
    if (arg.length === 0 || arg.length > 4096 || arg.includes('\0')) continue;
    out.push(arg);
  }
  return out;
}

/** Existing files and folders among `args`, made absolute against `cwd`. */
export async function existingPaths(args: readonly string[], cwd: string): Promise<{ files: string[]; folders: string[] }> {
  const files: string[] = [];
  const folders: string[] = [];
  for (const arg of args) {
    // Network and device paths are not touched at all (see paths.ts), even from a launch.
    if (isUncOrDevicePath(arg)) continue;
    const p = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (isUncOrDevicePath(p)) continue;
    const s = await stat(p).catch(() => null);
    if (s?.isFile()) files.push(p);
    else if (s?.isDirectory()) folders.push(p);
  }
  return { files, folders };
}
