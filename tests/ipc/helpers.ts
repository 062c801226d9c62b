// Fakes for the Electron pieces the IPC handlers touch: ipcMain.handle and invoke events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcResult } from '../../shared/ipc/channels';

// `never` so Electron's listener type (taking an IpcMainInvokeEvent) is accepted.
export type Handler = (event: never, ...args: unknown[]) => Promise<IpcResult<unknown>>;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<IpcResult<unknown>> {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`no handler for ${channel}`);
    return fn(event as never, ...args);
  }
}

export const OUR_CONTENTS_ID = 1;

interface EventSpec {
  url?: string;
  subframe?: boolean;
  noFrame?: boolean;
  foreignWindow?: boolean;
}

/** An IpcMainInvokeEvent-like object: the app's main frame unless told otherwise. */
export function fakeEvent(spec: EventSpec = {}): { sender: unknown; senderFrame: unknown } {
  const url = spec.url ?? 'app://contrastscope/index.html';
  const mainFrame = { url, parent: null, processId: 4, routingId: 1 };
  const senderFrame = spec.noFrame ? null : spec.subframe ? { url, parent: mainFrame, processId: 4, routingId: 7 } : mainFrame;
  return { sender: { id: spec.foreignWindow ? 99 : OUR_CONTENTS_ID, mainFrame }, senderFrame };
}

export const FORGED_SENDERS: { what: string; event: ReturnType<typeof fakeEvent> }[] = [
  { what: 'another website', event: fakeEvent({ url: 'https://example.com/' }) },
  { what: 'a file:// page', event: fakeEvent({ url: 'file:///work/main/out/renderer/index.html' }) },
  { what: 'a look-alike host', event: fakeEvent({ url: 'app://contrastscope.evil/index.html' }) },
  { what: 'another app:// host', event: fakeEvent({ url: 'app://other/index.html' }) },
  { what: 'app:// with a port', event: fakeEvent({ url: 'app://contrastscope:8080/index.html' }) },
  { what: 'a dev-server URL when not in dev', event: fakeEvent({ url: 'http://localhost:5173/' }) },
  { what: 'a data: page', event: fakeEvent({ url: 'data:text/html,<p>x</p>' }) },
  { what: 'about:blank', event: fakeEvent({ url: 'about:blank' }) },
  { what: 'a subframe of the app', event: fakeEvent({ subframe: true }) },
  { what: 'a missing senderFrame', event: fakeEvent({ noFrame: true }) },
  { what: 'a window the app did not create', event: fakeEvent({ foreignWindow: true }) },
];

export async function tempDir(prefix = 'cs-ipc-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
