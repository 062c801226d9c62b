/**
 * Where the app's own pages live. Everything else (other sites, file://, data: pages) is
 * foreign: it may not navigate the window, and its frames may not call IPC.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'contrastscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * True if `url` is on the app origin (`app://contrastscope/…`) or, in development, on the
 * dev server's origin. Compared by scheme + host + port, not by string prefix, so
 * `app://contrastscope.evil/` or `http://localhost:5173@evil/` do not pass.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === '') return true;
  if (devServerUrl) {
    let d: URL;
    try {
      d = new URL(devServerUrl);
    } catch {
      return false;
    }
    return (d.protocol === 'http:' || d.protocol === 'https:') && u.protocol === d.protocol && u.host === d.host && u.username === '' && u.password === '';
  }
  return false;
}

/** Links that may be handed to the user's browser: https only, no credentials. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname.length > 0;
  } catch {
    return false;
  }
}
