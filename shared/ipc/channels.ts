/**
 * IPC channel names shared by the preload bridge and the main-process handlers.
 * The renderer never sees these: the preload maps each HostApi method to one channel,
 * so a page cannot name a channel of its own choosing.
 */

/** Request/response channels (ipcRenderer.invoke -> ipcMain.handle). */
export const INVOKE = {
  openFiles: 'contrastscope:open-files',
  openFolder: 'contrastscope:open-folder',
  /** (path, offset) -> { size, bytes }: one chunk, so no single IPC message is huge. */
  readFile: 'contrastscope:read-file',
  saveFile: 'contrastscope:save-file',
  /** (suggestedName, options) -> path | null: the save dialog alone; the path may then be written once */
  pickSavePath: 'contrastscope:pick-save-path',
  /** (path, data) -> SaveResult: writes the path the last pickSavePath returned to this window */
  saveChosen: 'contrastscope:save-chosen',
  getRecent: 'contrastscope:get-recent',
  addRecent: 'contrastscope:add-recent',
  reopenRecent: 'contrastscope:reopen-recent',
  /** (tablePath, paths[]) -> refusals: the files a study table picked in a dialog lists. */
  grantTableFiles: 'contrastscope:grant-table-files',
  loadDemo: 'contrastscope:load-demo',
  storeDemo: 'contrastscope:store-demo',
  autosave: 'contrastscope:autosave',
  recoverAutosave: 'contrastscope:recover-autosave',
  /** (entries) -> void: the registry's titles and keys for the menu's commands (shared/ipc/menu.ts) */
  setMenu: 'contrastscope:set-menu',
} as const;

/** Main -> renderer events (webContents.send -> ipcRenderer.on). */
export const EVENTS = {
  /** payload: a command id from shared/ipc/menu.ts */
  command: 'contrastscope:command',
  /** payload: FileRef[] granted from the command line, a second launch or Open Recent */
  openPaths: 'contrastscope:open-paths',
} as const;

export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];
export type EventChannel = (typeof EVENTS)[keyof typeof EVENTS];

/** Every key the preload puts on `window.contrastscope`, and nothing else. */
export const BRIDGE_KEYS = [
  'kind',
  'openFiles',
  'openFolder',
  'readFile',
  'saveFile',
  'pickSavePath',
  'saveChosen',
  'getRecent',
  'addRecent',
  'reopenRecent',
  'grantTableFiles',
  'loadDemo',
  'storeDemo',
  'onCommand',
  'onOpenPaths',
  'autosave',
  'recoverAutosave',
  'setMenu',
] as const;

/** Largest piece of a file sent in one IPC message; the preload joins the pieces. */
export const READ_CHUNK_BYTES = 64 * 1024 * 1024;

/**
 * What every handler returns. Errors travel as plain messages so the renderer sees
 * "map.nii: file is 3.1 GB…" rather than Electron's "Error invoking remote method…" prefix.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** One chunk of a file: `size` is the whole file's size when the chunk was read. */
export interface FileChunk {
  size: number;
  bytes: Uint8Array;
}
