// `npm run web`: build the renderer for the browser and serve it on 127.0.0.1:$PORT.
// `--no-build` serves the last build (the browser tests use this).
import { build, preview } from 'vite';
import { fileURLToPath } from 'node:url';

const configFile = fileURLToPath(new URL('../vite.web.config.ts', import.meta.url));
const port = Number(process.env.PORT || 5173);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a TCP port number, got "${process.env.PORT}"`);
  process.exit(2);
}
if (!process.argv.includes('--no-build')) await build({ configFile, logLevel: 'warn' });
const server = await preview({ configFile, preview: { port, host: '127.0.0.1', strictPort: true } });
console.log(`ContrastScope (browser mode) at http://127.0.0.1:${port}/`);
const stop = () => server.httpServer.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
