/**
 * ContrastScope's main process: one instance, one locked-down window showing the renderer
 * from app://contrastscope/, a menu that sends command ids, and the IPC handlers that are
 * the renderer's only way to files.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileRef, RecentItem } from '../../shared/ipc/host';
import { EVENTS } from '../../shared/ipc/channels';
import { registerIpcHandlers } from '../ipc/handlers';
import { AutosaveStore } from '../services/autosave';
import { existingPaths, pathArgsOf } from '../services/cliPaths';
import { fileRefOf, GrantList } from '../services/files';
import { grantFolderScan, listFolder } from '../services/folders';
import { RecentStore } from '../services/recent';
import { replayRecent } from '../services/recentGrants';
import { nativeDialogs } from './dialogs';
import { installGlobalGuards } from './guards';
import type { MenuEntry } from '../../shared/ipc/menu';
import { buildMenuTemplate } from './menuTemplate';
import { registerAppScheme, serveAppScheme } from './protocol';
import { createMainWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const rendererRoot = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'index.cjs');
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;

// Tests (and careful users) can keep a separate profile; the single-instance lock is per profile.
if (process.env.CONTRASTSCOPE_USER_DATA) app.setPath('userData', process.env.CONTRASTSCOPE_USER_DATA);

app.enableSandbox();
registerAppScheme();

const launchArgs = pathArgsOf(process.argv, { defaultApp: Boolean(process.defaultApp) });
// `npm start -- map.nii` runs in the project folder; INIT_CWD is where the user typed it.
const launchCwd = (!app.isPackaged && process.env.INIT_CWD) || process.cwd();

const grants = new GrantList();
const ourContents = new Set<number>();
let mainWindow: BrowserWindow | null = null;
let recent: RecentStore | null = null;
let autosave: AutosaveStore | null = null;
const pendingOpen: { args: string[]; cwd: string }[] = [];

function targetWindow(): BrowserWindow | null {
  return BrowserWindow.getFocusedWindow() ?? mainWindow;
}

function sendToRenderer(channel: string, payload: unknown): void {
  const win = targetWindow();
  if (!win || win.isDestroyed()) return;
  const wc = win.webContents;
  if (wc.isLoading()) wc.once('did-finish-load', () => wc.send(channel, payload));
  else wc.send(channel, payload);
}

/** Grant what was named on a command line (or chosen in Open Recent) and hand it to the page. */
async function openPaths(args: string[], cwd: string): Promise<void> {
  if (!app.isReady() || !mainWindow) {
    pendingOpen.push({ args, cwd });
    return;
  }
  try {
    const { files, folders } = await existingPaths(args, cwd);
    const refs: FileRef[] = [];
    for (const f of files) {
      // Named by the user on the command line: a study table may then grant the files it lists.
      if (/\.(tsv|csv|txt)$/i.test(f)) await grants.grantTable(f);
      else await grants.grantFile(f, 'picked');
      refs.push(await fileRefOf(f));
    }
    for (const d of folders) {
      const scan = await listFolder(d);
      await grantFolderScan(grants, scan);
      refs.push(...scan.listing.files);
    }
    if (refs.length > 0) sendToRenderer(EVENTS.openPaths, refs);
  } catch (err) {
    dialog.showErrorBox('Could not open', err instanceof Error ? err.message : String(err));
  }
}

/** The registry's titles and keys for the menu, as the page last reported them (empty until it loads). */
let menuEntries: MenuEntry[] = [];

async function rebuildMenu(items?: RecentItem[]): Promise<void> {
  const list = items ?? (await recent?.list()) ?? [];
  const template = buildMenuTemplate(
    list,
    {
      sendCommand: (id) => sendToRenderer(EVENTS.command, id),
      openRecent: (item) => void openRecent(item),
      clearRecent: () => void recent?.clear().then(() => rebuildMenu([])),
      quit: () => app.quit(),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: 'About ContrastScope',
          message: `ContrastScope ${app.getVersion()}`,
          detail: 'A desktop explorer for drug-vs-placebo neuroimaging results.\nTemplate and AAL atlas from mricron-data (BSD-3).',
        }),
    },
    { platform: process.platform, appName: 'ContrastScope', entries: menuEntries },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Open Recent in the menu: replays only the grant the entry was given (see services/recentGrants.ts). */
async function openRecent(item: RecentItem): Promise<void> {
  if (!app.isReady() || !mainWindow) return;
  try {
    const listing = await replayRecent(grants, item);
    if (listing.files.length > 0) sendToRenderer(EVENTS.openPaths, listing.files);
  } catch (err) {
    dialog.showErrorBox('Could not open', err instanceof Error ? err.message : String(err));
  }
}

function openWindow(): BrowserWindow {
  const win = createMainWindow(preloadPath, devServerUrl);
  const id = win.webContents.id;
  ourContents.add(id);
  win.on('closed', () => {
    ourContents.delete(id);
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  return win;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.length <= 256 && v.every((s) => typeof s === 'string');
}

if (!app.requestSingleInstanceLock({ args: launchArgs, cwd: launchCwd })) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const extra = additionalData as { args?: unknown; cwd?: unknown } | undefined;
    const args = isStringArray(extra?.args) ? extra.args : pathArgsOf(argv, { defaultApp: Boolean(process.defaultApp) });
    const cwd = typeof extra?.cwd === 'string' ? extra.cwd : workingDirectory;
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    void openPaths(args, cwd);
  });

  // macOS: files dropped on the dock icon or opened from Finder.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openPaths([path], '/');
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app.on('will-quit', () => {
    try {
      autosave?.endSync();
    } catch {
      // A failed cleanup only means the next start offers the autosave again.
    }
  });

  void app.whenReady().then(async () => {
    installGlobalGuards(devServerUrl);
    if (!devServerUrl) serveAppScheme(rendererRoot);
    const userData = app.getPath('userData');
    recent = new RecentStore(userData);
    autosave = new AutosaveStore(userData);
    await autosave.start().catch((err) => console.warn(`autosave: ${err instanceof Error ? err.message : String(err)}`));
    registerIpcHandlers(
      ipcMain,
      { grants, recent, autosave, userData, dialogs: nativeDialogs, onRecentChanged: (items) => void rebuildMenu(items), onMenuEntries: (entries) => {
        menuEntries = entries;
        void rebuildMenu();
      } },
      { devServerUrl, isOurWebContents: (wc) => ourContents.has(wc.id) },
    );
    await rebuildMenu();
    openWindow();
    pendingOpen.unshift({ args: launchArgs, cwd: launchCwd });
    for (const p of pendingOpen.splice(0)) await openPaths(p.args, p.cwd);
  });
}
