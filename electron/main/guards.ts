/**
 * Navigation, pop-ups, webviews and permissions, for every webContents the app ever
 * creates: only the app's own origin may be shown, nothing opens new windows.
 */
import { app, BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import { confirmMessage, openExternalChecked } from '../services/externalLinks';
import { isAppUrl } from '../services/origin';

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
    // Links go to the user's browser, never into an app window: the app's own reference pages
    // at once, any other https address only after the user saw it and said Open.
    void openExternalChecked(url, (u) => shell.openExternal(u), (u) => askToOpen(contents, u));
    return { action: 'deny' };
  });
}

async function askToOpen(contents: WebContents, url: string): Promise<boolean> {
  const { message, detail } = confirmMessage(url);
  const options = { type: 'question' as const, buttons: ['Cancel', 'Open in browser'], defaultId: 0, cancelId: 0, noLink: true, title: 'Open link', message, detail };
  const win = BrowserWindow.fromWebContents(contents);
  const r = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return r.response === 1;
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
