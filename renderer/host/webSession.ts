/**
 * Browser mode's crash recovery, kept in the page's own storage (same profile = same data):
 * - a running marker in localStorage, set at start and removed by a clean exit (pagehide);
 * - the autosaved scene in IndexedDB.
 * A start that finds the marker still set follows an unclean exit (tab killed, browser crashed)
 * and offers the autosave back, once. Several tabs share the marker: a second tab opened while
 * the first runs also offers the first tab's autosave (harmless: the user may discard it).
 */
import { idbGet, idbPut } from './idb';

export const RUNNING_KEY = 'contrastscope.session.running';
export const AUTOSAVE_KEY = 'autosave-v1';

export interface WebSession {
  autosave(json: string): Promise<void>;
  recoverAutosave(): Promise<string | null>;
}

export function startWebSession(win: Window = window): WebSession {
  let crashed = false;
  try {
    crashed = win.localStorage.getItem(RUNNING_KEY) !== null;
    win.localStorage.setItem(RUNNING_KEY, new Date().toISOString());
  } catch {
    // Storage disabled (private mode with a full quota): no recovery, nothing else breaks.
  }
  // pagehide fires for reloads, tab closes and navigation, but not when the renderer dies: that
  // difference is what tells a crash from a clean exit. bfcache pages come back (pageshow) running.
  win.addEventListener('pagehide', () => {
    try {
      win.localStorage.removeItem(RUNNING_KEY);
    } catch {
      /* nothing to clear */
    }
  });
  win.addEventListener('pageshow', (e) => {
    if ((e as PageTransitionEvent).persisted) win.localStorage.setItem(RUNNING_KEY, new Date().toISOString());
  });
  let offered = false;
  return {
    autosave: (json) => idbPut(AUTOSAVE_KEY, json),
    async recoverAutosave() {
      if (!crashed || offered) return null;
      offered = true;
      const text = await idbGet<string>(AUTOSAVE_KEY).catch(() => null);
      return typeof text === 'string' ? text : null;
    },
  };
}
