/** Picks the host: Electron's preload bridge when present, else browser mode. */
import type { HostApi } from '../../shared/ipc/host';
import { createWebHost } from './webHost';

// electronHost.ts belongs to the Electron side of the project; a glob keeps browser mode
// building even in a tree where it is absent.
const electronModules = import.meta.glob<{ electronHost?: () => HostApi | null }>('./electronHost.ts', { eager: true });

export function pickHost(): HostApi {
  for (const m of Object.values(electronModules)) {
    const h = m.electronHost?.();
    if (h) return h;
  }
  return createWebHost();
}
