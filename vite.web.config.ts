// Browser mode: the same renderer, built on its own and served on 127.0.0.1.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Connect, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { niivueUnlitGradient } from './scripts/niivueUnlitGradient.mjs';

// WEB_OUT_DIR lets two builds (e.g. two test runs) live side by side without replacing each other's files.
const outDir = resolve(import.meta.dirname, process.env.WEB_OUT_DIR || 'out/web');
const publicDir = resolve(import.meta.dirname, 'resources');

/**
 * Vite's static server treats `x.gz` as a pre-compressed `x` and sends `Content-Encoding: gzip`
 * with the compressed length, so the browser inflates .nii.gz files behind our back (and the
 * length no longer matches). Serve them as the plain bytes they are.
 */
function gzAsBytes(root: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = decodeURIComponent((req.url || '').split('?')[0]);
    if (!/\.gz$/i.test(path) || path.includes('..')) return next();
    const file = resolve(root, `.${path}`);
    if (!file.startsWith(root) || !existsSync(file)) return next();
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Length', String(statSync(file).size));
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(file).pipe(res);
  };
}

const gzipFilesPlugin: Plugin = {
  name: 'contrastscope-gz-as-bytes',
  configureServer: (server) => void server.middlewares.use(gzAsBytes(publicDir)),
  configurePreviewServer: (server) => void server.middlewares.use(gzAsBytes(outDir)),
};

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  publicDir,
  base: './',
  plugins: [niivueUnlitGradient(), react(), gzipFilesPlugin],
  worker: { format: 'es' },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // capture.html: the page `contrastscope render` opens in headless Chromium for 3D panels.
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html'), capture: resolve(import.meta.dirname, 'renderer/capture.html') } },
  },
  preview: { host: '127.0.0.1', strictPort: true },
});
