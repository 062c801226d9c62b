/**
 * Who may call the host. Only the main frame of a window this app created, showing the
 * app's own page, gets an answer. Subframes, other origins, file:// pages and frames that
 * are already gone are refused.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from '../services/origin';

export interface SenderPolicy {
  /** The electron-vite dev server URL in development; undefined in production. */
  devServerUrl?: string;
  /** True for webContents of windows this app created. */
  isOurWebContents(sender: IpcMainInvokeEvent['sender']): boolean;
}

export class IpcSenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcSenderError';
  }
}

type FrameLike = { url: string; parent: unknown; processId: number; routingId: number } | null | undefined;

export function checkSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, policy: SenderPolicy): void {
  const frame = event.senderFrame as FrameLike;
  if (!frame) throw new IpcSenderError('Refused: the calling page is gone.');
  if (typeof frame.url !== 'string' || !isAppUrl(frame.url, policy.devServerUrl)) {
    throw new IpcSenderError('Refused: the call did not come from the app’s own page.');
  }
  const main = (event.sender as { mainFrame?: FrameLike } | null | undefined)?.mainFrame;
  if (frame.parent !== null || !main || main.processId !== frame.processId || main.routingId !== frame.routingId) {
    throw new IpcSenderError('Refused: only the app’s main frame may call the host.');
  }
  if (!policy.isOurWebContents(event.sender)) throw new IpcSenderError('Refused: the call came from a window the app did not open.');
}
