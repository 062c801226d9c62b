// `npm test`: the three tiers (unit, browser end-to-end, Electron end-to-end) in one run,
// ending with one `N passed, N failed` line that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (tier) => only.length === 0 || only.includes(tier);
mkdirSync('test-results', { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(cmd, args, extraEnv = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return r.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function tally(tier, passed, failed, skipped) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${tier}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

if (want('unit')) {
  rmSync('test-results/unit.json', { force: true });
  const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
  const j = readJson('test-results/unit.json');
  if (j) tally('unit', j.numPassedTests, j.numFailedTests + (status !== 0 && j.numFailedTests === 0 ? 1 : 0), j.numPendingTests + (j.numTodoTests || 0));
  else tally('unit', 0, 1, 0);
}

function playwrightTier(tier, config, jsonPath, preStatus) {
  if (preStatus !== 0) {
    tally(tier, 0, 1, 0);
    return;
  }
  rmSync(jsonPath, { force: true });
  const status = run('npx', ['playwright', 'test', '-c', config]);
  const j = readJson(jsonPath);
  if (!j) return tally(tier, 0, 1, 0);
  const s = j.stats || {};
  const failed = (s.unexpected || 0) + (status !== 0 && !s.unexpected ? 1 : 0);
  tally(tier, (s.expected || 0) + (s.flaky || 0), failed, s.skipped || 0);
}

if (want('e2e')) {
  const b = run('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);
  playwrightTier('browser e2e', 'playwright.config.ts', 'test-results/e2e.json', b);
}

if (want('electron')) {
  const b = run('npx', ['electron-vite', 'build', '--logLevel', 'warn']);
  playwrightTier('electron e2e', 'playwright.electron.config.ts', 'test-results/electron.json', b);
  if (!hasElectronBinary()) {
    console.log('\nSKIPPED: Electron end-to-end tests: no Electron binary on this machine (its download needs the internet).');
  }
}

function hasElectronBinary() {
  try {
    const p = readFileSync('node_modules/electron/path.txt', 'utf8').trim();
    return existsSync(`node_modules/electron/dist/${p}`);
  } catch {
    return false;
  }
}

console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
