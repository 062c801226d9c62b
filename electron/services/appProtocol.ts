/**
 * Serving the built renderer over `app://contrastscope/` (never file://). Pure Node so it
 * can be tested without Electron; main passes `serveAppRequest` to protocol.handle.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  // NIfTI, gzipped or not, is opaque bytes: the renderer inflates `.nii.gz` itself, so
  // no Content-Encoding may be set (the browser would inflate it first).
  '.nii': 'application/octet-stream',
  '.gz': 'application/octet-stream',
};

export function mimeTypeOf(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    // Cross-origin isolation lets workers share memory (SharedArrayBuffer) for loading.
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}

/**
 * The file under `root` an app:// URL names, or null when the URL is not ours or tries
 * to leave `root` (`..`, encoded `%2e%2e`, backslashes, NUL). `/` is index.html; a path
 * without an extension falls back to index.html (client-side routes).
 */
export function resolveAppPath(root: string, url: string): { path: string; fallback: boolean } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.hostname !== APP_HOST || u.port !== '') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const parts = pathname.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.')) return null;
  const base = resolve(root);
  if (parts.length === 0) return { path: resolve(base, 'index.html'), fallback: false };
  const path = resolve(base, ...parts);
  if (!path.startsWith(base + sep)) return null;
  return { path, fallback: extname(path) === '' };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'content-type': 'text/plain; charset=utf-8' } });
}

/** Answer one app:// request from the files under `root`. */
export async function serveAppRequest(root: string, request: { url: string; method?: string }): Promise<Response> {
  if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const target = resolveAppPath(root, request.url);
  if (!target) return plain(403, 'Forbidden');
  let base: string;
  try {
    base = await realpath(resolve(root));
  } catch {
    return plain(500, 'The app files are missing; rebuild with `npm run build`.');
  }
  const tryPaths = target.fallback ? [target.path, resolve(root, 'index.html')] : [target.path];
  for (const candidate of tryPaths) {
    let real: string;
    try {
      real = await realpath(candidate);
      if (!(await stat(real)).isFile()) continue;
    } catch {
      continue;
    }
    // A symlink inside the build folder must not lead outside it.
    if (real !== base && !real.startsWith(base + sep)) return plain(403, 'Forbidden');
    const body = request.method === 'HEAD' ? null : await readFile(real);
    return new Response(body ? new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) : null, {
      status: 200,
      headers: { ...securityHeaders(), 'content-type': mimeTypeOf(real) },
    });
  }
  return plain(404, 'Not found');
}
