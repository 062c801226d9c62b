import { basename } from 'node:path';
import { flagValue, listValue, parseCommandArgs, stringValue, type OptionSpec } from '../args';
import { gzipSync } from 'node:zlib';
import type { CliCommand } from '../types';
import { InputError } from '../types';
import { expandPaths, nodeGzipParts, readMapSet, readTextFile } from '../io';
import { defaultJobs, runPermutationPool } from '../permPool';
import { checkOutputs, writeOutputs } from '../outputs';
import { clusterFileRows } from './clusters';
import { clusterFileText, type ClusterFileRow } from '../../../shared/clusters/tableFile';
import { clusterTable, labelComponents } from '../../../shared/clusters/index';
import { NIFTI_INTENT, writeNifti } from '../../../shared/nifti/index';
import { pToT } from '../../../shared/stats/index';
import { buildPermData, countAtLeast, fweP, pairedFlips, parseSignsText, sortedNull, twoGroupLabels, type Connectivity, type PermOptions } from '../../../shared/stats/permutation/index';

const USAGE = `usage: contrastscope permute --a A... --b B... [--design paired|two-group] --n-perm N [--seed S]
                           [--signs FILE] [--tfce] [--cluster-t T | --cluster-p P]
                           [--connectivity 6|18|26] [--one-sided] [--mask M] [--jobs J] --out-prefix PREFIX

Permutation inference with family-wise error control: sign-flips of the paired differences A - B
(--design paired, default) or group-label permutations with Welch t (--design two-group).
Row 1 is always the identity (the observed data). Paired with at most 12 subjects: all 2^n flips
are enumerated (--n-perm is then ignored); otherwise N rows from the seeded generator
(xoshiro128** seeded by SplitMix64; see README), or the rows of --signs FILE.
  --n-perm N       permutations including the identity (default 5000)
  --seed S         generator seed (default 1)
  --signs FILE     flips from a file (perm_reference.py signs format): one row per permutation,
                   one column per subject, values 1 / -1, first row all +1, '#' lines skipped
  --tfce           also TFCE (E = 0.5, H = 2, 100 steps of M/100) and its FWE p
  --cluster-t T    cluster-forming threshold on |t| (strict >); or --cluster-p P, converted with
                   the dof (two-sided unless --one-sided); default --cluster-p 0.001
  --connectivity N 6, 18 or 26 (default) for clusters and TFCE
  --one-sided      max t instead of max |t|, positive clusters and TFCE only
  --mask M         test only voxels where M > 0 (default: voxels where some map is non-zero)
  --jobs J         worker threads (default 2)
Outputs (written together, atomically): PREFIX_t.nii.gz, PREFIX_fwe-maxt_p.nii.gz, with --tfce
PREFIX_tfce.nii.gz and PREFIX_fwe-tfce_p.nii.gz; PREFIX_clusters.csv (the cluster table with
mass, fwe_p_extent, fwe_p_mass); PREFIX_null.csv (perm,max_t,max_cluster_size,max_cluster_mass,
max_tfce, one row per permutation, row 1 the identity). FWE p = (1 + #{null >= observed}) / N.
Progress goes to stderr. Exit status 2 with one line on stderr for bad input.`;

const OPTIONS: Record<string, OptionSpec> = {
  a: { kind: 'list', valueName: 'map files' },
  b: { kind: 'list', valueName: 'map files' },
  design: { kind: 'string', valueName: 'paired or two-group' },
  'n-perm': { kind: 'string', valueName: 'a number' },
  seed: { kind: 'string', valueName: 'a number' },
  signs: { kind: 'string', valueName: 'a file name' },
  tfce: { kind: 'flag' },
  'cluster-t': { kind: 'string', valueName: 'a number' },
  'cluster-p': { kind: 'string', valueName: 'a number' },
  connectivity: { kind: 'string', valueName: '6, 18 or 26' },
  'one-sided': { kind: 'flag' },
  mask: { kind: 'string', valueName: 'a file name' },
  jobs: { kind: 'string', valueName: 'a number' },
  'out-prefix': { kind: 'string', valueName: 'a file prefix' },
};

function num(name: string, s: string | undefined, check: (v: number) => boolean, what: string): number | undefined {
  if (s === undefined) return undefined;
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v) || !check(v)) throw new InputError(`permute: --${name} expects ${what} (got "${s}")`);
  return v;
}

function parse(argv: string[]) {
  const args = parseCommandArgs('permute', argv, OPTIONS, { positionalHint: 'input maps follow --a or --b' });
  if (args.help) return null;
  const a = listValue(args, 'a');
  const b = listValue(args, 'b');
  const values: Record<string, string | undefined> = {};
  for (const k of Object.keys(OPTIONS)) if (OPTIONS[k].kind === 'string') values[k] = stringValue(args, k);
  const flag = (k: string) => flagValue(args, k);
  if (a.length === 0 || b.length === 0) throw new InputError('permute: give maps for both conditions with --a ... --b ... (see contrastscope permute --help)');
  if (!values['out-prefix']) throw new InputError('permute: --out-prefix PREFIX is required');
  const design = (values.design ?? 'paired') as 'paired' | 'two-group';
  if (design !== 'paired' && design !== 'two-group') throw new InputError(`permute: --design must be paired or two-group (got "${design}")`);
  const nPerm = num('n-perm', values['n-perm'], (v) => Number.isInteger(v) && v >= 1 && v <= 1e6, 'a whole number of permutations 1..1000000') ?? 5000;
  const seed = num('seed', values.seed, (v) => Number.isSafeInteger(v) && v >= 0, 'a whole number >= 0') ?? 1;
  const conn = num('connectivity', values.connectivity, (v) => v === 6 || v === 18 || v === 26, '6, 18 or 26') ?? 26;
  const jobs = num('jobs', values.jobs, (v) => Number.isInteger(v) && v >= 1 && v <= 64, 'a whole number of threads') ?? defaultJobs();
  if (values['cluster-t'] !== undefined && values['cluster-p'] !== undefined) throw new InputError('permute: give --cluster-t or --cluster-p, not both');
  const clusterT = num('cluster-t', values['cluster-t'], (v) => v > 0, 'a t value > 0');
  const clusterP = num('cluster-p', values['cluster-p'], (v) => v > 0 && v < 1, 'a p value between 0 and 1');
  if (values.signs && design !== 'paired') throw new InputError('permute: --signs is for the paired design (sign-flips)');
  return { a, b, design, nPerm, seed, conn: conn as Connectivity, jobs, clusterT, clusterP, tfce: flag('tfce'), oneSided: flag('one-sided'), mask: values.mask, signs: values.signs, prefix: values['out-prefix'] };
}

/** Progress on stderr: a bar redrawn in place on a terminal, else a line every 10%. */
function progressReporter(): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  const start = performance.now();
  let lastTenth = -1;
  return (done, total) => {
    const s = (performance.now() - start) / 1000;
    const left = done > 1 ? (s / done) * (total - done) : NaN;
    const text = `permute: ${done}/${total} permutations, ${s.toFixed(1)} s${Number.isFinite(left) ? `, ${left.toFixed(0)} s left` : ''}`;
    if (tty) {
      const w = 30;
      const f = Math.round((done / total) * w);
      process.stderr.write(`\r[${'#'.repeat(f)}${'.'.repeat(w - f)}] ${text}${done === total ? '\n' : ''}`);
    } else {
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        process.stderr.write(text + '\n');
      }
    }
  };
}

export const permuteCommand: CliCommand = {
  name: 'permute',
  summary: 'sign-flip / label permutation FWE inference (max-T, cluster extent and mass, TFCE)',
  usage: USAGE,
  async run(argv) {
    const args = parse(argv);
    if (!args) {
      console.log(USAGE);
      return 0;
    }
    const aFiles = expandPaths(args.a);
    const bFiles = expandPaths(args.b);
    if (args.design === 'paired' && aFiles.length !== bFiles.length) throw new InputError(`permute: ${aFiles.length} maps for --a but ${bFiles.length} for --b; paired files go by position, so the counts must match`);
    const p = args.prefix;
    const out = { t: `${p}_t.nii.gz`, pT: `${p}_fwe-maxt_p.nii.gz`, tfce: `${p}_tfce.nii.gz`, pTfce: `${p}_fwe-tfce_p.nii.gz`, clusters: `${p}_clusters.csv`, nulls: `${p}_null.csv` };
    // Every output is checked against every input (real paths, links) before anything is read.
    checkOutputs('permute', { '--out-prefix (t)': out.t, '--out-prefix (max-T p)': out.pT, '--out-prefix (clusters)': out.clusters, '--out-prefix (null)': out.nulls, ...(args.tfce ? { '--out-prefix (TFCE)': out.tfce, '--out-prefix (TFCE p)': out.pTfce } : {}) }, [...aFiles, ...bFiles, ...(args.mask ? [args.mask] : []), ...(args.signs ? [args.signs] : [])]);

    const { first, a, b, mask } = await readMapSet('permute', aFiles, bFiles, args.mask);
    const dims = first.grid.dims.slice(0, 3) as [number, number, number];
    let data;
    try {
      data = buildPermData(a, b, dims, args.design, mask);
    } catch (err) {
      throw new InputError(`permute: ${(err as Error).message}`);
    }
    if (data.V === 0) throw new InputError('permute: no voxel can be tested (no finite, non-zero-variance voxel inside the mask)');
    const K = data.K;

    let rows: Int8Array;
    let N: number;
    let source: string;
    if (args.signs) {
      ({ rows, n: N } = parseSignsText(readTextFile(args.signs), basename(args.signs), K));
      source = `${N} sign-flips from ${basename(args.signs)}`;
    } else if (args.design === 'paired') {
      const f = pairedFlips(K, args.nPerm, args.seed);
      ({ rows, n: N } = f);
      source = f.exact ? `all ${N} sign-flips of ${K} subjects (enumerated)` : `${N} sign-flips, seed ${args.seed}`;
    } else {
      N = args.nPerm;
      rows = twoGroupLabels(data.nA, K - data.nA, N, args.seed);
      source = `${N} label permutations, seed ${args.seed}`;
    }
    const dof = args.design === 'paired' ? K - 1 : K - 2;
    const clusterT = args.clusterT ?? pToT(args.clusterP ?? 0.001, dof, args.oneSided ? 1 : 2);
    const opts: PermOptions = { oneSided: args.oneSided, clusterT, connectivity: args.conn, tfce: args.tfce, tfceConnectivity: args.conn };

    let res;
    try {
      res = await runPermutationPool(data, rows, N, opts, args.jobs, progressReporter());
    } catch (err) {
      if ((err as { userFacing?: boolean }).userFacing) throw new InputError(`permute: ${(err as Error).message}`);
      throw err;
    }
    const { observed, nulls } = res;

    // Maps: float32 on the first input's grid, NaN outside the tested voxels.
    const nVox = dims[0] * dims[1] * dims[2];
    const toVolume = (vals: ArrayLike<number>) => {
      const vol = new Float32Array(nVox).fill(NaN);
      for (let w = 0; w < data.V; w++) vol[data.voxels[w]] = vals[w];
      return vol;
    };
    const absOrSigned = (x: Float64Array) => (args.oneSided ? x : x.map(Math.abs));
    const base = { dims: [...dims], affine: first.grid.affine, datatype: 'float32' as const };
    const nii = (path: string, data32: Float32Array, extra: object) => ({
      path,
      bytes: writeNifti({ ...base, data: data32, ...extra }, { gzip: true, level: 1, deflate: (raw, level) => gzipSync(raw, { level }), deflateParts: nodeGzipParts }),
    });
    const tVol = toVolume(observed.t);
    const pMaxT = fweP(absOrSigned(observed.t), nulls.maxT);
    const files: { path: string; bytes: Uint8Array | string }[] = [
      nii(out.t, tVol, { intentCode: NIFTI_INTENT.TTEST, intentP1: dof, intentName: args.design === 'paired' ? 'paired t' : 'Welch t', descrip: `t A-B n=${K}` }),
      nii(out.pT, toVolume(pMaxT), { intentCode: NIFTI_INTENT.PVAL, intentName: 'FWE p max-T', descrip: `max-T FWE p, ${source}` }),
    ];
    let nTfce = 0;
    if (args.tfce && observed.tfce && nulls.maxTfce) {
      const pTf = fweP(absOrSigned(observed.tfce), nulls.maxTfce);
      for (const x of pTf) if (20 * x * N <= N + 1e-9) nTfce++;
      files.push(nii(out.tfce, toVolume(observed.tfce), { intentCode: NIFTI_INTENT.ESTIMATE, intentName: 'TFCE', descrip: 'TFCE E=0.5 H=2 100 steps' }));
      files.push(nii(out.pTfce, toVolume(pTf), { intentCode: NIFTI_INTENT.PVAL, intentName: 'FWE p TFCE', descrip: `TFCE FWE p, ${source}` }));
    }

    // Observed clusters: |t| > T on the exact float64 t, the shared cluster table, and their FWE p.
    const cls = new Int8Array(nVox);
    for (let w = 0; w < data.V; w++) {
      const t = observed.t[w];
      if (t > clusterT) cls[data.voxels[w]] = 1;
      else if (!args.oneSided && -t > clusterT) cls[data.voxels[w]] = -1;
    }
    const comps = labelComponents(cls, dims, args.conn);
    const table = clusterTable(tVol, first.grid, { ...comps, cls });
    const mass = new Float64Array(table.clusters.length + 1);
    const tAtFlat = new Map<number, number>();
    for (let w = 0; w < data.V; w++) if (cls[data.voxels[w]] !== 0) tAtFlat.set(data.voxels[w], observed.t[w]);
    for (const idx of comps.voxels) mass[table.labels[idx]] += Math.abs(tAtFlat.get(idx)!) - clusterT;
    const nullSize = sortedNull(nulls.maxSize!);
    const nullMass = sortedNull(nulls.maxMass!);
    const fileRows = table.clusters.map((c): ClusterFileRow => ({
      ...clusterFileRows(c)[0],
      statistic: 't',
      mass: mass[c.id],
      fwePExtent: (1 + countAtLeast(nullSize, c.nVoxels)) / N,
      fwePMass: (1 + countAtLeast(nullMass, mass[c.id])) / N,
    }));
    files.push({ path: out.clusters, bytes: clusterFileText(fileRows) });
    const lines = ['perm,max_t,max_cluster_size,max_cluster_mass,max_tfce'];
    for (let r = 0; r < N; r++) lines.push(`${r + 1},${nulls.maxT[r]},${nulls.maxSize ? nulls.maxSize[r] : ''},${nulls.maxMass ? nulls.maxMass[r] : ''},${nulls.maxTfce ? nulls.maxTfce[r] : ''}`);
    files.push({ path: out.nulls, bytes: lines.join('\n') + '\n' });
    await writeOutputs((batch) => {
      for (const f of files) batch.write(f.path, f.bytes);
    });

    let nMaxT = 0;
    for (const x of pMaxT) if (20 * x * N <= N + 1e-9) nMaxT++;
    const sigClusters = fileRows.filter((r) => 20 * r.fwePExtent! * N <= N + 1e-9).length;
    console.log(
      `permute: ${data.V} voxels, ${source}, ${res.seconds.toFixed(1)} s; ${args.oneSided ? 'max t' : 'max |t|'} ${observed.maxT.toFixed(3)}; ${nMaxT} voxels FWE p <= 0.05 (max-T)` +
        `${args.tfce ? `, ${nTfce} (TFCE)` : ''}; ${table.clusters.length} clusters at t > ${clusterT.toPrecision(5)}, ${sigClusters} with extent FWE p <= 0.05`,
    );
    return 0;
  },
};
