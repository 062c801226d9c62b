// The permutation rows of `npm run bench` (issue 12): 5000 sign-flips of the 24 bench subjects with
// the CLI's worker pool (2 threads), max-T only / + clusters at p < 0.001 / + TFCE. One timed run
// after a 50-flip warm-up (a 5000-flip TFCE run takes minutes), in one process.
// perm_reference.py needs ~1 s of CPU per flip with TFCE, so it is timed on fewer flips (its own
// --jobs 2 pool, per-flip time from its wall_s.permutations) and extrapolated to 5000, labelled so.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNifti } from '../shared/nifti/index';
import { pToT } from '../shared/stats/index';
import { buildPermData, randomFlips, type PermData, type PermOptions } from '../shared/stats/permutation/index';
import { nodeInflate } from '../electron/cli/io';
import { runPermutationPool } from '../electron/cli/permPool';

export const PERM_OPS = ['perm_maxt_5000', 'perm_cluster_5000', 'perm_tfce_5000'] as const;
export type PermOpName = (typeof PERM_OPS)[number];
const N = 5000;

function groupFiles(inputs: string, cond: string): string[] {
  const dir = join(inputs, 'group');
  return readdirSync(dir).filter((f) => f.endsWith(`_cond-${cond}_stat.nii.gz`)).sort().map((f) => join(dir, f));
}

function loadData(inputs: string): PermData {
  const load = (p: string) => {
    const b = readFileSync(p);
    return readNifti(new Uint8Array(b.buffer, b.byteOffset, b.length), p, { inflate: nodeInflate });
  };
  const a = groupFiles(inputs, 'MDMA').map(load);
  const b = groupFiles(inputs, 'placebo').map(load);
  return buildPermData(a.map((x) => x.data), b.map((x) => x.data), a[0].grid.dims.slice(0, 3) as [number, number, number], 'paired');
}

function permOptions(name: PermOpName, K: number): PermOptions {
  const clusterT = name === 'perm_maxt_5000' ? undefined : pToT(0.001, K - 1, 2);
  return { oneSided: false, clusterT, connectivity: 26, tfce: name === 'perm_tfce_5000', tfceConnectivity: 26 };
}

export function makePermOp(name: PermOpName, inputs: string) {
  let data: PermData;
  let rows: Int8Array;
  return {
    setup() {
      data = loadData(inputs);
      rows = randomFlips(data.K, N, 1);
    },
    warmup: () => runPermutationPool(data, rows.subarray(0, 50 * data.K), 50, permOptions(name, data.K), 2),
    fixedRuns: 1,
    run: () => runPermutationPool(data, rows, N, permOptions(name, data.K), 2),
  };
}

/** perm_reference.py run on `flips` rows with --jobs 2: seconds per flip, extrapolated to 5000. */
export function timePermReference(name: PermOpName, inputs: string, scratch: string, flips: number): { flips: number; perFlipS: number; est5000S: number } {
  const script = fileURLToPath(new URL('../../shared/bench/perm_reference.py', import.meta.url));
  const signs = join(scratch, `perm-signs-${flips}.tsv`);
  execFileSync('/usr/bin/python3', [script, 'signs', '--n-subjects', '24', '--n-perm', String(flips), '--seed', '1', '--out', signs], { stdio: 'ignore' });
  const json = join(scratch, `perm-ref-${name}.json`);
  const extra = name === 'perm_maxt_5000' ? [] : ['--cluster-t', String(pToT(0.001, 23, 2))];
  if (name === 'perm_tfce_5000') extra.push('--tfce');
  execFileSync('/usr/bin/python3', [script, 'run', '--a', ...groupFiles(inputs, 'MDMA'), '--b', ...groupFiles(inputs, 'placebo'), '--signs', signs, ...extra, '--jobs', '2', '--out-null', join(scratch, 'perm-ref-null.csv'), '--json', json], { stdio: 'ignore' });
  const s = JSON.parse(readFileSync(json, 'utf8')) as { wall_s: { permutations: number; observed_row: number } };
  const perFlipS = s.wall_s.permutations / (flips - 1);
  return { flips, perFlipS, est5000S: s.wall_s.observed_row + perFlipS * (N - 1) };
}
