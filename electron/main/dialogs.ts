/** The native open/save dialogs behind the Dialogs interface the IPC handlers use. */
import { app, BrowserWindow, dialog, type FileFilter, type WebContents } from 'electron';
import { join } from 'node:path';
import type { Dialogs } from '../ipc/handlers';

/**
 * macOS matches only the last part of an extension, so `nii.gz` would never match;
 * there `gz` is offered as well. Elsewhere `nii.gz` works as given.
 */
export function platformFilters(filters: FileFilter[] | undefined, platform: NodeJS.Platform): FileFilter[] | undefined {
  if (!filters || platform !== 'darwin') return filters;
  return filters.map((f) => ({ name: f.name, extensions: [...new Set(f.extensions.map((e) => (e.includes('.') ? e.split('.').pop()! : e)))] }));
}

function windowOf(sender: WebContents): BrowserWindow | null {
  return BrowserWindow.fromWebContents(sender);
}

let lastFolder: string | undefined;

export const nativeDialogs: Dialogs = {
  async openFiles(sender, options) {
    const win = windowOf(sender);
    const props: ('openFile' | 'multiSelections')[] = options.multiple ? ['openFile', 'multiSelections'] : ['openFile'];
    const opts = { title: options.title, filters: platformFilters(options.filters, process.platform), properties: props, defaultPath: lastFolder };
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    if (r.canceled) return [];
    if (r.filePaths[0]) lastFolder = join(r.filePaths[0], '..');
    return r.filePaths;
  },
  async openFolder(sender, options) {
    const win = windowOf(sender);
    const opts = { title: options.title, properties: ['openDirectory' as const], defaultPath: lastFolder };
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    if (r.canceled || !r.filePaths[0]) return null;
    lastFolder = r.filePaths[0];
    return r.filePaths[0];
  },
  async save(sender, suggestedName, options) {
    const win = windowOf(sender);
    const opts = {
      title: options.title,
      filters: platformFilters(options.filters, process.platform),
      defaultPath: join(lastFolder ?? app.getPath('documents'), suggestedName),
    };
    const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    if (r.canceled || !r.filePath) return null;
    lastFolder = join(r.filePath, '..');
    return r.filePath;
  },
};
