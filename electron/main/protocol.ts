/** The app:// scheme: registered as privileged before `ready`, served from out/renderer. */
import { protocol } from 'electron';
import { serveAppRequest } from '../services/appProtocol';
import { APP_SCHEME } from '../services/origin';

/** Must run before app `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
    },
  ]);
}

export function serveAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererRoot, request));
}
