/** The Electron preload's bridge, typed. Null when the page runs outside Electron. */
import type { HostApi } from '../../shared/ipc/host';

declare global {
  interface Window {
    contrastscope?: HostApi;
  }
}

export function electronHost(): HostApi | null {
  const api = typeof window !== 'undefined' ? window.contrastscope : undefined;
  return api && api.kind === 'electron' ? api : null;
}
