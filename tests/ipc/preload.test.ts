// The preload bridge: exactly BRIDGE_KEYS on window.contrastscope, wired to the real handlers.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEYS, EVENTS, INVOKE } from '../../shared/ipc/channels';
import type { FileRef, HostApi } from '../../shared/ipc/host';
import { createBridge, type IpcLike } from '../../electron/preload/bridge';
import { registerIpcHandlers } from '../../electron/ipc/handlers';
import { AutosaveStore } from '../../electron/services/autosave';
import { GrantList } from '../../electron/services/files';
import { RecentStore } from '../../electron/services/recent';
import { FakeIpcMain, fakeEvent, tempDir } from './helpers';

const exposed = vi.hoisted(() => ({ key: '' as string, api: null as unknown, listeners: new Map<string, ((e: unknown, ...a: unknown[]) => void)[]>(), invoked: [] as string[] }));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed.key = key;
      exposed.api = api;
    },
  },
  ipcRenderer: {
    invoke: async (channel: string) => {
      exposed.invoked.push(channel);
      return { ok: true, value: [] };
    },
    on: (channel: string, fn: (e: unknown, ...a: unknown[]) => void) => {
      exposed.listeners.set(channel, [...(exposed.listeners.get(channel) ?? []), fn]);
    },
  },
}));

describe('electron/preload/index.ts', () => {
  it('exposes one object, window.contrastscope, with exactly BRIDGE_KEYS', async () => {
    await import('../../electron/preload/index');
    expect(exposed.key).toBe('contrastscope');
    const api = exposed.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...BRIDGE_KEYS].sort());
    expect(api.kind).toBe('electron');
    for (const k of BRIDGE_KEYS) if (k !== 'kind') expect(typeof api[k]).toBe('function');
    // Nothing that looks like raw IPC.
    for (const k of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'postMessage']) expect(api).not.toHaveProperty(k);
  });

  it('listens only to its two event channels, and getRecent calls only its own channel', async () => {
    expect([...exposed.listeners.keys()].sort()).toEqual(Object.values(EVENTS).sort());
    const api = exposed.api as HostApi;
    expect(await api.getRecent()).toEqual([]);
    expect(exposed.invoked).toEqual([INVOKE.getRecent]);
  });
});

describe('bridge over the real handlers', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let api: HostApi;
  let emit: (channel: string, ...args: unknown[]) => void;
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);

  beforeAll(async () => {
    tmp = await tempDir('cs-bridge-');
    await writeFile(join(tmp.dir, 'map.nii'), bytes);
    const main = new FakeIpcMain();
    registerIpcHandlers(
      main,
      {
        grants: new GrantList(),
        recent: new RecentStore(tmp.dir, () => undefined),
        autosave: new AutosaveStore(tmp.dir),
        userData: tmp.dir,
        dialogs: { openFiles: async () => [join(tmp.dir, 'map.nii')], openFolder: async () => null, save: async () => null },
      },
      { isOurWebContents: () => true, readChunkBytes: 256, log: () => undefined },
    );
    const listeners = new Map<string, (e: unknown, ...a: unknown[]) => void>();
    const ipc: IpcLike = {
      invoke: (channel, ...args) => main.invoke(channel, fakeEvent(), ...args),
      on: (channel, fn) => listeners.set(channel, fn),
    };
    emit = (channel, ...args) => listeners.get(channel)?.({}, ...args);
    api = createBridge(ipc);
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('rejects with the handler’s plain message', async () => {
    await expect(api.readFile(join(tmp.dir, 'map.nii'))).rejects.toThrow(/^map\.nii: not opened in this session; open it with File > Open first\.$/);
    await expect(api.readFile('relative.nii')).rejects.toThrow('file path must be an absolute path: relative.nii');
  });

  it('joins a file read in 256-byte chunks into one exact ArrayBuffer', async () => {
    const [ref] = await api.openFiles();
    expect(ref).toEqual({ path: join(tmp.dir, 'map.nii'), name: 'map.nii', size: 1000 });
    const buf = await api.readFile(ref.path);
    expect(buf).toBeInstanceOf(ArrayBuffer);
    expect(buf.byteLength).toBe(1000);
    expect(new Uint8Array(buf)).toEqual(bytes);
  });

  it('delivers command ids to listeners until unsubscribed, ignoring junk payloads', () => {
    const got: string[] = [];
    const off = api.onCommand((id) => got.push(id));
    emit(EVENTS.command, 'view.axial');
    emit(EVENTS.command, 42);
    emit(EVENTS.command, { id: 'x' });
    off();
    emit(EVENTS.command, 'view.coronal');
    expect(got).toEqual(['view.axial']);
  });

  it('keeps command-line paths that arrive before anyone listens, for the first listener', () => {
    const early: FileRef[] = [{ path: '/data/a.nii.gz', name: 'a.nii.gz', size: 10 }];
    emit(EVENTS.openPaths, early);
    emit(EVENTS.openPaths, [{ path: 1 }]); // junk, dropped
    const first: FileRef[][] = [];
    const off = api.onOpenPaths((files) => first.push(files));
    expect(first).toEqual([early]);
    const second: FileRef[][] = [];
    const off2 = api.onOpenPaths((files) => second.push(files));
    expect(second).toEqual([]); // already handed out
    const later: FileRef[] = [{ path: '/data/b.nii', name: 'b.nii', size: 3 }];
    emit(EVENTS.openPaths, later);
    expect(first).toEqual([early, later]);
    expect(second).toEqual([later]);
    off();
    off2();
  });
});

describe('readFile notices a file that changes between chunks', () => {
  it('rejects naming the file', async () => {
    let n = 0;
    const ipc: IpcLike = {
      invoke: async () => {
        n++;
        return { ok: true, value: { size: n === 1 ? 8 : 6, bytes: new Uint8Array(4) } };
      },
      on: () => undefined,
    };
    await expect(createBridge(ipc).readFile('/data/sub-01_bold.nii')).rejects.toThrow('sub-01_bold.nii: the file changed while it was being read.');
  });

  it('a main process that answers nonsense is an error, not a crash', async () => {
    const ipc: IpcLike = { invoke: async () => undefined, on: () => undefined };
    await expect(createBridge(ipc).getRecent()).rejects.toThrow('The app’s main process gave no answer.');
  });
});
