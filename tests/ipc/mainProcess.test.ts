// electron/main/index.ts with a fake `electron` module: window options, the app:// scheme,
// guards on every webContents, permissions, menus, and command-line paths.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENTS, INVOKE } from '../../shared/ipc/channels';
import { tempDir } from './helpers';

const fake = vi.hoisted(() => {
  type Fn = (...a: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const calls: string[] = [];
  const appListeners = new Map<string, Fn[]>();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (resolveReady = r));
  let readyFlag = false;
  let nextId = 1;
  class FakeWebContents {
    id = nextId++;
    sent: [string, unknown][] = [];
    listeners = new Map<string, Fn[]>();
    loading = true;
    openHandler: Fn | null = null;
    mainFrame = { url: 'app://contrastscope/index.html', parent: null, processId: 1, routingId: 1 };
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    on(ev: string, fn: Fn) {
      this.listeners.set(ev, [...(this.listeners.get(ev) ?? []), fn]);
      return this;
    }
    once(ev: string, fn: Fn) {
      return this.on(ev, fn);
    }
    emit(ev: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(ev) ?? []) fn(...args);
    }
    isLoading() {
      return this.loading;
    }
    getURL() {
      return this.mainFrame.url;
    }
    setWindowOpenHandler(fn: Fn) {
      this.openHandler = fn;
    }
  }
  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = [];
    static getFocusedWindow() {
      return null;
    }
    static getAllWindows() {
      return FakeBrowserWindow.instances;
    }
    static fromWebContents() {
      return FakeBrowserWindow.instances[0] ?? null;
    }
    webContents = new FakeWebContents();
    loaded: string[] = [];
    constructor(readonly options: Record<string, any>) { // eslint-disable-line @typescript-eslint/no-explicit-any
      calls.push('new BrowserWindow');
      FakeBrowserWindow.instances.push(this);
      // Guards are installed for every webContents, as Electron emits this for each.
      for (const fn of appListeners.get('web-contents-created') ?? []) fn({}, this.webContents);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      calls.push('focus');
    }
  }
  const state = {
    lock: true,
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, Fn>(),
    ipcChannels: [] as string[],
    menuTemplate: null as null | Record<string, any>[], // eslint-disable-line @typescript-eslint/no-explicit-any
    ipcHandlers: new Map<string, Fn>(),
    permissionRequest: null as Fn | null,
    permissionCheck: null as Fn | null,
    external: [] as string[],
    /** The button the fake user clicks in a message box (0 = Cancel), and the boxes shown. */
    messageBoxAnswer: 0,
    messageBoxes: [] as Record<string, any>[], // eslint-disable-line @typescript-eslint/no-explicit-any
    userData: '',
  };
  const electron = {
    app: {
      isPackaged: false,
      enableSandbox: () => calls.push('enableSandbox'),
      setPath: (_k: string, v: string) => (state.userData = v),
      getPath: () => state.userData,
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: (data: unknown) => {
        calls.push(`lock ${JSON.stringify(data)}`);
        return state.lock;
      },
      quit: () => calls.push('quit'),
      isReady: () => readyFlag,
      whenReady: () => ready,
      on: (ev: string, fn: Fn) => appListeners.set(ev, [...(appListeners.get(ev) ?? []), fn]),
    },
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.push(readyFlag ? 'registerSchemes AFTER ready' : 'registerSchemes');
        state.privileged.push(...schemes);
      },
      handle: (scheme: string, fn: Fn) => state.protocolHandlers.set(scheme, fn),
    },
    ipcMain: {
      handle: (channel: string, fn: Fn) => {
        state.ipcChannels.push(channel);
        state.ipcHandlers.set(channel, fn);
      },
    },
    Menu: {
      buildFromTemplate: (t: Record<string, any>[]) => t, // eslint-disable-line @typescript-eslint/no-explicit-any
      setApplicationMenu: (t: Record<string, any>[]) => (state.menuTemplate = t), // eslint-disable-line @typescript-eslint/no-explicit-any
    },
    dialog: { showErrorBox: (t: string, m: string) => calls.push(`errorBox ${t}: ${m}`), showMessageBox: async (...a: any[]) => { // eslint-disable-line @typescript-eslint/no-explicit-any
        state.messageBoxes.push(a[a.length - 1]);
        return { response: state.messageBoxAnswer };
      } },
    shell: { openExternal: async (url: string) => void state.external.push(url) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => (state.permissionCheck = fn),
        on: () => undefined,
      },
    },
  };
  return {
    electron,
    state,
    calls,
    appListeners,
    FakeBrowserWindow,
    becomeReady() {
      readyFlag = true;
      resolveReady();
    },
  };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

let tmp: Awaited<ReturnType<typeof tempDir>>;
let mapPath: string;
const savedArgv = process.argv;
const savedEnv = { ...process.env };

/** Main's startup chain does real file I/O, so on a loaded CI machine it can take seconds: wait for the effect, not a fixed time. */
async function settle(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

beforeAll(async () => {
  tmp = await tempDir('cs-main-');
  mapPath = join(tmp.dir, 'spmT_0001.nii');
  await writeFile(mapPath, new Uint8Array(352));
  process.argv = ['/usr/lib/electron/electron', '--inspect=0', '.', mapPath, join(tmp.dir, 'missing.nii')];
  (process as { defaultApp?: boolean }).defaultApp = true;
  delete process.env.ELECTRON_RENDERER_URL;
  process.env.CONTRASTSCOPE_USER_DATA = join(tmp.dir, 'userData');
  await import('../../electron/main/index');
  fake.becomeReady();
  // Startup ends by queueing the command-line file for when the page has loaded.
  await settle(() => (fake.FakeBrowserWindow.instances[0]?.webContents.listeners.get('did-finish-load')?.length ?? 0) > 0);
}, 30_000);

afterAll(async () => {
  process.argv = savedArgv;
  process.env = savedEnv;
  delete (process as { defaultApp?: boolean }).defaultApp;
  await tmp.cleanup();
});

function win() {
  return fake.FakeBrowserWindow.instances[0];
}

describe('startup', () => {
  it('enables the sandbox and registers app:// as privileged before ready, and takes the single-instance lock', () => {
    expect(fake.calls.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemes', `lock ${JSON.stringify({ args: [mapPath, join(tmp.dir, 'missing.nii')], cwd: process.env.INIT_CWD || process.cwd() })}`]);
    expect(fake.state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true } },
    ]);
    expect(fake.state.userData).toBe(join(tmp.dir, 'userData'));
  });

  it('serves app:// through protocol.handle', () => {
    expect([...fake.state.protocolHandlers.keys()]).toEqual(['app']);
  });

  it('opens one locked-down window on app://contrastscope/', () => {
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    const prefs = win().options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
    expect(prefs.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(win().loaded).toEqual(['app://contrastscope/index.html']);
  });

  it('registers every IPC channel', () => {
    expect([...fake.state.ipcChannels].sort()).toEqual(Object.values(INVOKE).sort());
  });

  it('sends command-line files (that exist) once the page has loaded', () => {
    const wc = win().webContents;
    expect(wc.sent).toEqual([]);
    wc.loading = false;
    wc.emit('did-finish-load');
    expect(wc.sent).toEqual([[EVENTS.openPaths, [{ path: mapPath, name: 'spmT_0001.nii', size: 352 }]]]);
  });
});

describe('guards on every webContents', () => {
  it('blocks navigation and redirects away from the app origin', () => {
    const wc = win().webContents;
    for (const ev of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      for (const [url, blocked] of [
        ['https://example.com/', true],
        ['file:///etc/passwd', true],
        ['app://contrastscope.evil/', true],
        ['app://contrastscope/index.html#x', false],
      ] as const) {
        const event = { url, preventDefault: vi.fn() };
        wc.emit(ev, event);
        expect(event.preventDefault.mock.calls.length > 0, `${ev} ${url}`).toBe(blocked);
      }
    }
    const attach = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window; allow-listed pages open, other https links only after the user saw the address and said Open', async () => {
    const open = win().webContents.openHandler!;
    const settle = () => new Promise((r) => setTimeout(r, 0));
    fake.state.external.length = 0;
    fake.state.messageBoxes.length = 0;
    // The licence page is on the fixed list: no question.
    expect(open({ url: 'https://opensource.org/license/bsd-3-clause' })).toEqual({ action: 'deny' });
    await settle();
    expect(fake.state.external).toEqual(['https://opensource.org/license/bsd-3-clause']);
    expect(fake.state.messageBoxes).toEqual([]);
    // Any other address: the user is asked, sees it, and Cancel (the default) opens nothing.
    fake.state.messageBoxAnswer = 0;
    expect(open({ url: 'https://attacker.example/steal?d=secret' })).toEqual({ action: 'deny' });
    await settle();
    expect(fake.state.external).toEqual(['https://opensource.org/license/bsd-3-clause']);
    expect(fake.state.messageBoxes).toHaveLength(1);
    expect(fake.state.messageBoxes[0]).toMatchObject({ buttons: ['Cancel', 'Open in browser'], defaultId: 0, cancelId: 0 });
    expect(fake.state.messageBoxes[0].detail).toContain('attacker.example\n\nhttps://attacker.example/steal?d=secret');
    // Saying Open opens exactly that address.
    fake.state.messageBoxAnswer = 1;
    open({ url: 'https://doi.org/10.1016/j.biopsych.2014.04.010' });
    await settle();
    expect(fake.state.external).toEqual(['https://opensource.org/license/bsd-3-clause', 'https://doi.org/10.1016/j.biopsych.2014.04.010']);
    // Not https: never opened, never asked.
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'app://contrastscope/index.html', 'https://user:pw@example.com/', 'smb://host/share']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    await settle();
    expect(fake.state.messageBoxes).toHaveLength(2);
    expect(fake.state.external).toHaveLength(2);
    fake.state.messageBoxAnswer = 0;
  });

  it('denies permission requests except full screen and copying for the app itself', () => {
    const ask = (permission: string, url = 'app://contrastscope/index.html') => {
      let answer: boolean | undefined;
      fake.state.permissionRequest!({ getURL: () => url }, permission, (v: boolean) => (answer = v));
      return answer;
    };
    for (const p of ['geolocation', 'media', 'notifications', 'midi', 'openExternal', 'clipboard-read', 'hid', 'serial']) expect(ask(p)).toBe(false);
    expect(ask('fullscreen')).toBe(true);
    expect(ask('fullscreen', 'https://example.com/')).toBe(false);
    expect(fake.state.permissionCheck!(null, 'geolocation', 'app://contrastscope')).toBe(false);
    expect(fake.state.permissionCheck!(null, 'fullscreen', 'app://contrastscope')).toBe(true);
  });
});

describe('menu', () => {
  it('shows only its own items until the page reports the registry, then the registry titles and keys', async () => {
    const before = fake.state.menuTemplate!;
    expect(before.find((m) => m.label === 'View')!.submenu).toEqual([]);
    const wc = win().webContents;
    const event = { sender: wc, senderFrame: wc.mainFrame };
    const r = await fake.state.ipcHandlers.get(INVOKE.setMenu)!(event, [{ id: 'view.axial', title: 'View: Axial', keybinding: '1' }]);
    expect(r).toEqual({ ok: true, value: undefined });
    await settle(() => (fake.state.menuTemplate!.find((m) => m.label === 'View')!.submenu as unknown[]).length > 0);
    const t = fake.state.menuTemplate!;
    expect(t.map((m) => m.label)).toEqual(process.platform === 'darwin' ? ['ContrastScope', 'File', 'Edit', 'View', 'Help'] : ['File', 'View', 'Help']);
    const view = t.find((m) => m.label === 'View')!.submenu as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const axial = view.find((i) => i.id === 'view.axial')!;
    expect(axial).toMatchObject({ label: 'Axial', accelerator: '1', registerAccelerator: false });
    wc.sent.length = 0;
    axial.click();
    expect(wc.sent).toEqual([[EVENTS.command, 'view.axial']]);
    // A page naming a command outside the menu is refused and the menu stays.
    const bad = await fake.state.ipcHandlers.get(INVOKE.setMenu)!(event, [{ id: 'host.quit', title: 'Quit everything' }]);
    expect(bad).toMatchObject({ ok: false });
  });
});

describe('second instance', () => {
  it('focuses the window and opens the paths the second launch was given', async () => {
    const other = join(tmp.dir, 'zstat1.nii');
    await writeFile(other, new Uint8Array(400));
    const wc = win().webContents;
    wc.sent.length = 0;
    for (const fn of fake.appListeners.get('second-instance') ?? []) fn({}, ['/usr/bin/contrastscope', 'ignored'], '/', { args: ['zstat1.nii'], cwd: tmp.dir });
    await settle(() => wc.sent.length > 0);
    expect(fake.calls).toContain('focus');
    expect(wc.sent).toEqual([[EVENTS.openPaths, [{ path: other, name: 'zstat1.nii', size: 400 }]]]);
  });
});
