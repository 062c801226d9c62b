// Runs the contrastscope CLI as a user would (bin/contrastscope.mjs under tsx).
import { spawnSync } from 'node:child_process';

export function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/contrastscope.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
