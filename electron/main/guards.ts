/**
 * Navigation, pop-ups, webviews and permissions, for every webContents the app ever
 * creates: only the app's own origin may be shown, nothing opens new windows.
 */
import { app, session, shell, type WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from '../services/origin';

/** Permissions the page may have: real full screen for presenting, and copying text. */
const ALLOWED_PERMISSIONS = new Set(['fullscreen', 'clipboard-sanitized-write']);

export function guardWebContents(contents: WebContents, devServerUrl: string | undefined): void {
  const block = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => block(event, event.url));
  contents.on('will-frame-navigate', (event) => block(event, event.url));
  contents.on('will-redirect', (event) => block(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to papers or docs go to the user's browser, never into an app window.
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function installGlobalGuards(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, devServerUrl));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((wc, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(wc.getURL(), devServerUrl));
  });
  ses.setPermissionCheckHandler((_wc, permission, origin) => ALLOWED_PERMISSIONS.has(permission) && isAppUrl(origin, devServerUrl));
  ses.on('will-download', (event) => event.preventDefault());
}
