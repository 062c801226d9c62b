/**
 * Which addresses the page may hand to the user's browser. A page (or a script injected into
 * it) asking for window.open is not the user asking: a fixed list of the app's own reference
 * pages opens at once; any other https address opens only after the user saw it in a dialog
 * and said Open. Everything that is not plain https (file:, custom schemes, credentials) never.
 */
import { isSafeExternalUrl } from './origin';

/** The README and licence pages the app itself links to, compared exactly (after URL parsing). */
export const EXTERNAL_ALLOW_LIST: readonly string[] = [
  'https://opensource.org/license/mit',
  'https://opensource.org/license/bsd-3-clause',
  'https://packages.debian.org/sid/mricron-data',
  'https://www.gnu.org/licenses/gpl-3.0.html',
];

/** Asks the user whether to open `url`; true only for an explicit yes. */
export type ConfirmExternal = (url: string) => Promise<boolean>;

export function isAllowListed(url: string): boolean {
  try {
    const href = new URL(url).href;
    return EXTERNAL_ALLOW_LIST.some((a) => new URL(a).href === href);
  } catch {
    return false;
  }
}

/**
 * Opens `url` in the browser if it is allow-listed, or if the user confirms it. Returns what
 * happened, for tests and logs.
 */
export async function openExternalChecked(url: string, open: (url: string) => Promise<void>, confirm: ConfirmExternal): Promise<'opened' | 'declined' | 'refused'> {
  if (!isSafeExternalUrl(url)) return 'refused';
  if (!isAllowListed(url) && !(await confirm(url))) return 'declined';
  await open(new URL(url).href);
  return 'opened';
}

/** The dialog text: the whole address, with its host on a line of its own so a look-alike stands out. */
export function confirmMessage(url: string): { message: string; detail: string } {
  const u = new URL(url);
  return { message: `Open this address in your browser?`, detail: `${u.host}\n\n${u.href}\n\nContrastScope did not choose this link; open it only if you expected it.` };
}
