#!/usr/bin/env node
// The `contrastscope` command: runs electron/cli/main.ts (the same shared/ code as the app) under tsx.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const entry = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const tsxLoader = require.resolve('tsx');
const r = spawnSync(process.execPath, ['--import', tsxLoader, entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
