/**
 * The HostApi the preload exposes, built over a minimal invoke/on interface so it can be
 * tested without Electron. The page gets these functions only: no ipcRenderer, no channel
 * names, nothing that takes a channel.
 */
import type { DemoFile, FileRef, FolderListing, HostApi, OpenFilesOptions, RecentItem, SaveOptions, SaveResult } from '../../shared/ipc/host';
import { EVENTS, INVOKE, type FileChunk, type IpcResult } from '../../shared/ipc/channels';
import type { MenuEntry } from '../../shared/ipc/menu';

export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isResult(v: unknown): v is IpcResult<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function isFileRefList(v: unknown): v is FileRef[] {
  return Array.isArray(v) && v.every((f) => typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.name === 'string' && typeof f.size === 'number');
}

export function createBridge(ipc: IpcLike): HostApi {
  async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
    const r = await ipc.invoke(channel, ...args);
    if (!isResult(r)) throw new Error('The app’s main process gave no answer.');
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  }

  const commandListeners = new Set<(id: string) => void>();
  const pathListeners = new Set<(files: FileRef[]) => void>();
  // Paths from the command line can arrive before the page subscribes; keep them for the first listener.
  let pendingPaths: FileRef[][] = [];

  ipc.on(EVENTS.command, (_e, id) => {
    if (typeof id !== 'string') return;
    for (const l of commandListeners) l(id);
  });
  ipc.on(EVENTS.openPaths, (_e, files) => {
    if (!isFileRefList(files)) return;
    if (pathListeners.size === 0) pendingPaths.push(files);
    for (const l of pathListeners) l(files);
  });

  return {
    kind: 'electron',
    openFiles: (options?: OpenFilesOptions) => call<FileRef[]>(INVOKE.openFiles, options),
    openFolder: (options?: { title?: string }) => call<FolderListing | null>(INVOKE.openFolder, options),
    async readFile(path: string): Promise<ArrayBuffer> {
      const first = await call<FileChunk>(INVOKE.readFile, path, 0);
      const size = first.size;
      if (first.bytes.byteLength === size) {
        const b = first.bytes;
        return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? (b.buffer as ArrayBuffer) : (b.slice().buffer as ArrayBuffer);
      }
      const out = new Uint8Array(size);
      out.set(first.bytes, 0);
      let offset = first.bytes.byteLength;
      while (offset < size) {
        const next = await call<FileChunk>(INVOKE.readFile, path, offset);
        if (next.size !== size || next.bytes.byteLength === 0) throw new Error(`${baseName(path)}: the file changed while it was being read.`);
        out.set(next.bytes, offset);
        offset += next.bytes.byteLength;
      }
      return out.buffer;
    },
    saveFile: (suggestedName: string, data: Uint8Array | string, options?: SaveOptions) => call<SaveResult>(INVOKE.saveFile, suggestedName, data, options),
    pickSavePath: (suggestedName: string, options?: SaveOptions) => call<string | null>(INVOKE.pickSavePath, suggestedName, options),
    saveChosen: (path: string, data: Uint8Array | string) => call<SaveResult>(INVOKE.saveChosen, path, data),
    getRecent: () => call<RecentItem[]>(INVOKE.getRecent),
    addRecent: (item: RecentItem) => call<void>(INVOKE.addRecent, item),
    reopenRecent: (path: string) => call<FolderListing | null>(INVOKE.reopenRecent, path),
    grantTableFiles: (tablePath: string, paths: string[]) => call<{ path: string; reason: string }[]>(INVOKE.grantTableFiles, tablePath, paths),
    loadDemo: () => call<FolderListing | null>(INVOKE.loadDemo),
    storeDemo: (files: DemoFile[]) => call<FolderListing>(INVOKE.storeDemo, files),
    onCommand(listener: (commandId: string) => void): () => void {
      commandListeners.add(listener);
      return () => {
        commandListeners.delete(listener);
      };
    },
    onOpenPaths(listener: (files: FileRef[]) => void): () => void {
      pathListeners.add(listener);
      const pending = pendingPaths;
      pendingPaths = [];
      for (const files of pending) listener(files);
      return () => {
        pathListeners.delete(listener);
      };
    },
    autosave: (sceneJson: string) => call<void>(INVOKE.autosave, sceneJson),
    recoverAutosave: () => call<string | null>(INVOKE.recoverAutosave),
    setMenu: (entries: MenuEntry[]) => call<void>(INVOKE.setMenu, entries),
  };
}
