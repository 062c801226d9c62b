/**
 * One IPC handler per channel. Each checks the sender first, then its arguments, then
 * calls a service. Results travel as `{ ok, value }` / `{ ok: false, error }` so the
 * preload can reject with a plain message; nothing a page sends can throw inside main.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { basename as baseName, extname } from 'node:path';
import type { FileRef, FolderListing, OpenFilesOptions, RecentItem, SaveOptions, SaveResult } from '../../shared/ipc/host';
import type { MenuEntry } from '../../shared/ipc/menu';
import { HOST_LIMITS } from '../../shared/ipc/host';
import { INVOKE, READ_CHUNK_BYTES, type FileChunk, type IpcResult } from '../../shared/ipc/channels';
import {
  checkAbsolutePath,
  checkBytesOrText,
  checkDemoFiles,
  checkFileName,
  checkFolderOptions,
  checkNonNegativeInteger,
  checkOpenFilesOptions,
  checkPathList,
  checkRecentItem,
  checkSaveOptions,
  checkMenuEntries,
  checkString,
  IpcArgError,
  MAX_AUTOSAVE_CHARS,
} from '../../shared/ipc/validate';
import { atomicWrite } from '../services/atomicWrite';
import type { AutosaveStore } from '../services/autosave';
import { loadDemo, storeDemo } from '../services/demo';
import { fileRefOf, readGrantedChunk, type GrantList } from '../services/files';
import { grantFolderScan, listFolder } from '../services/folders';
import { refuseUncOrDevicePath } from '../services/paths';
import type { RecentStore } from '../services/recent';
import { replayRecent } from '../services/recentGrants';
import { grantTableFiles, type Refusal } from '../services/studyTables';
import { checkSender, type SenderPolicy } from './sender';

/** The native dialogs, injected so tests can answer them. Paths are what the user chose. */
export interface Dialogs {
  openFiles(sender: WebContents, options: OpenFilesOptions): Promise<string[]>;
  openFolder(sender: WebContents, options: { title?: string }): Promise<string | null>;
  save(sender: WebContents, suggestedName: string, options: SaveOptions): Promise<string | null>;
}

export interface HostServices {
  grants: GrantList;
  recent: RecentStore;
  autosave: AutosaveStore;
  userData: string;
  dialogs: Dialogs;
  /** Called after the recent list changed (main rebuilds the Open Recent menu). */
  onRecentChanged?(items: RecentItem[]): void;
  /** Called with the registry's checked menu entries (main rebuilds the menu from them). */
  onMenuEntries?(entries: MenuEntry[]): void;
}

export interface HandlerOptions extends SenderPolicy {
  maxFileBytes?: number;
  readChunkBytes?: number;
  /** Caps for the demo study cache. */
  maxDemoFiles?: number;
  maxDemoBytes?: number;
  /** Where unexpected (non user-facing) errors are logged. */
  log?: (message: string) => void;
}

type Handler = (event: IpcMainInvokeEvent, args: unknown[]) => Promise<unknown>;

function arity(args: unknown[], max: number, what: string): void {
  if (args.length > max) throw new IpcArgError(`${what}: too many arguments (${args.length}, at most ${max}).`);
}

/** Previous versions of scene/session files are kept as `.bak`. */
function keepsBackup(path: string): boolean {
  return extname(path).toLowerCase() === '.json';
}

export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, services: HostServices, options: HandlerOptions): string[] {
  const maxFileBytes = options.maxFileBytes ?? HOST_LIMITS.maxFileBytes;
  const chunkBytes = options.readChunkBytes ?? READ_CHUNK_BYTES;
  const log = options.log ?? ((m: string) => console.error(m));
  const registered: string[] = [];

  function handle(channel: string, fn: Handler): void {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcResult<unknown>> => {
      try {
        checkSender(event, options);
        return { ok: true, value: await fn(event, args) };
      } catch (err) {
        const userFacing = err instanceof Error && ((err as { userFacing?: boolean }).userFacing || err.name === 'IpcSenderError');
        if (!userFacing) log(`[ipc ${channel}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    });
    registered.push(channel);
  }

  handle(INVOKE.openFiles, async (event, args): Promise<FileRef[]> => {
    arity(args, 1, 'openFiles');
    const opts = checkOpenFilesOptions(args[0]);
    const paths = await services.dialogs.openFiles(event.sender, opts);
    const refs: FileRef[] = [];
    for (const p of paths) {
      await grantOpened(services.grants, p);
      refs.push(await fileRefOf(p));
    }
    return refs;
  });

  handle(INVOKE.openFolder, async (event, args): Promise<FolderListing | null> => {
    arity(args, 1, 'openFolder');
    const opts = checkFolderOptions(args[0]);
    const root = await services.dialogs.openFolder(event.sender, opts);
    if (root === null) return null;
    refuseUncOrDevicePath(root);
    const scan = await listFolder(root);
    await grantFolderScan(services.grants, scan);
    return scan.listing;
  });

  handle(INVOKE.readFile, async (_event, args): Promise<FileChunk> => {
    arity(args, 2, 'readFile');
    const path = checkAbsolutePath(args[0], 'file path');
    const offset = args[1] === undefined ? 0 : checkNonNegativeInteger(args[1], 'read offset', maxFileBytes);
    return readGrantedChunk(services.grants, path, offset, chunkBytes, { maxBytes: maxFileBytes });
  });

  handle(INVOKE.saveFile, async (event, args): Promise<SaveResult> => {
    arity(args, 3, 'saveFile');
    const name = checkFileName(args[0], 'suggested file name');
    const data = checkBytesOrText(args[1], `${name} contents`, maxFileBytes);
    const opts = checkSaveOptions(args[2]);
    const path = await services.dialogs.save(event.sender, name, opts);
    if (path === null) return { saved: false };
    checkAbsolutePath(path, 'save path');
    await atomicWrite(path, data, { keepBackup: keepsBackup(path) });
    // A saved file may be read back, but it was not opened: it never widens into a folder or the recent list.
    await services.grants.grantFile(path, 'saved');
    return { saved: true, path };
  });

  // The path each window last chose in a save dialog (pickSavePath), writable once by saveChosen.
  const chosen = new Map<number, { path: string; at: number }>();
  const CHOSEN_FOR_MS = 60_000;

  handle(INVOKE.pickSavePath, async (event, args): Promise<string | null> => {
    arity(args, 2, 'pickSavePath');
    const name = checkFileName(args[0], 'suggested file name');
    const opts = checkSaveOptions(args[1]);
    const path = await services.dialogs.save(event.sender, name, opts);
    if (path === null) {
      chosen.delete(event.sender.id);
      return null;
    }
    checkAbsolutePath(path, 'save path');
    chosen.set(event.sender.id, { path, at: Date.now() });
    return path;
  });

  handle(INVOKE.saveChosen, async (event, args): Promise<SaveResult> => {
    arity(args, 2, 'saveChosen');
    const path = checkAbsolutePath(args[0], 'save path');
    const data = checkBytesOrText(args[1], `${baseName(path)} contents`, maxFileBytes);
    const pick = chosen.get(event.sender.id);
    if (!pick || pick.path !== path || Date.now() - pick.at > CHOSEN_FOR_MS) {
      throw new IpcArgError(`${baseName(path)}: was not just chosen in a save dialog; use File > Save again.`);
    }
    chosen.delete(event.sender.id);
    await atomicWrite(path, data, { keepBackup: keepsBackup(path) });
    await services.grants.grantFile(path, 'saved');
    return { saved: true, path };
  });

  handle(INVOKE.getRecent, async (_event, args): Promise<RecentItem[]> => {
    arity(args, 0, 'getRecent');
    return services.recent.list();
  });

  handle(INVOKE.addRecent, async (_event, args): Promise<void> => {
    arity(args, 1, 'addRecent');
    const item = checkRecentItem(args[0]);
    // Only what the user opened may be remembered, so a page cannot plant paths in the menu;
    // main, not the page, records what kind of grant it was, and reopening replays only that.
    const real = await services.grants.check(item.path);
    const grant = services.grants.recentGrant(real);
    if (!grant) throw new IpcArgError(`${baseName(item.path)}: only files and folders opened in a dialog can go on the recent list.`);
    const items = await services.recent.add({ ...item, grant });
    services.onRecentChanged?.(items);
  });

  handle(INVOKE.reopenRecent, async (_event, args): Promise<FolderListing | null> => {
    arity(args, 1, 'reopenRecent');
    const path = checkAbsolutePath(args[0], 'recent path');
    // Only what main itself remembered may be reopened, so a page cannot list folders of its choosing.
    const item = (await services.recent.list()).find((r) => r.path === path);
    if (!item) throw new IpcArgError(`${baseName(path)} is not on the recent list`);
    return replayRecent(services.grants, item);
  });

  handle(INVOKE.grantTableFiles, async (_event, args): Promise<Refusal[]> => {
    arity(args, 2, 'grantTableFiles');
    const table = checkAbsolutePath(args[0], 'study table path');
    const paths = checkPathList(args[1], 'study file path', HOST_LIMITS.maxFolderFiles);
    return grantTableFiles(services.grants, table, paths);
  });

  handle(INVOKE.loadDemo, async (_event, args): Promise<FolderListing | null> => {
    arity(args, 0, 'loadDemo');
    const listing = await loadDemo(services.userData);
    if (listing) await services.grants.grantFolder(listing.root);
    return listing;
  });

  handle(INVOKE.storeDemo, async (_event, args): Promise<FolderListing> => {
    arity(args, 1, 'storeDemo');
    const files = checkDemoFiles(args[0], {
      maxFiles: options.maxDemoFiles ?? 2000,
      maxTotalBytes: options.maxDemoBytes ?? 512 * 1024 * 1024,
    });
    const listing = await storeDemo(services.userData, files);
    await services.grants.grantFolder(listing.root);
    return listing;
  });

  handle(INVOKE.autosave, async (_event, args): Promise<void> => {
    arity(args, 1, 'autosave');
    await services.autosave.write(checkString(args[0], 'autosaved scene', MAX_AUTOSAVE_CHARS));
  });

  handle(INVOKE.recoverAutosave, async (_event, args): Promise<string | null> => {
    arity(args, 0, 'recoverAutosave');
    return services.autosave.takeRecovery();
  });

  handle(INVOKE.setMenu, async (_event, args): Promise<void> => {
    arity(args, 1, 'setMenu');
    services.onMenuEntries?.(checkMenuEntries(args[0]));
  });

  return registered;
}

/** A study table names its maps; picking one grants the table, and the right to grant what it lists. */
const STUDY_TABLE = /\.(tsv|csv|txt)$/i;

async function grantOpened(grants: GrantList, path: string): Promise<void> {
  if (STUDY_TABLE.test(path)) await grants.grantTable(path);
  else await grants.grantFile(path, 'picked');
}
