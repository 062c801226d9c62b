import { basename } from 'node:path';
import type { CliCommand } from '../types';
import { InputError } from '../types';
import { expandPaths, readNiftiFile, writeNiftiFile } from '../io';
import { NIFTI_INTENT } from '../../../shared/nifti/index';
import type { NiftiImage } from '../../../shared/nifti/types';
import { sameGrid } from '../../../shared/spaces/index';
import type { Grid } from '../../../shared/spaces/types';
import { fdrBH, pairedT, pMap } from '../../../shared/stats/index';

const USAGE = `usage: contrastscope paired --a A1 A2 ... --b B1 B2 ... --out-t FILE
                          [--out-p FILE] [--out-q FILE] [--out-dz FILE] [--mask FILE] [--one-sided]

Voxelwise paired t-test of A - B (e.g. MDMA - placebo). Files are paired by position
(A1 with B1, ...); globs such as 'sub-*_cond-MDMA_stat.nii.gz' are expanded and sorted.
  --a FILE...    condition A maps (3D NIfTI, all on the same grid)
  --b FILE...    condition B maps (same count and grid as --a)
  --out-t FILE   t map (float32, intent TTEST, dof in intent_p1); NaN where untested
                 (zero variance of the differences, a NaN input, or outside the mask)
  --out-p FILE   p map: two-sided P(|T| > |t|), or with --one-sided P(T > t) (A > B)
  --out-q FILE   Benjamini-Hochberg FDR q of those p over the tested voxels
  --out-dz FILE  Cohen's dz = mean(A - B) / sd(A - B)
  --mask FILE    test only voxels where this image is non-zero (same grid as the maps)
  --one-sided    one-sided p (see --out-p)
Outputs are on the grid of the first input and written atomically (.nii.gz = gzip).
Prints one summary line. Exit status 2 with one line on stderr for bad input.`;

interface PairedArgs {
  a: string[];
  b: string[];
  outT: string;
  outP?: string;
  outQ?: string;
  outDz?: string;
  mask?: string;
  oneSided: boolean;
}

function parseArgs(argv: string[]): PairedArgs {
  const a: string[] = [];
  const b: string[] = [];
  const out: Partial<PairedArgs> = { oneSided: false };
  let list: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new InputError(`paired: ${arg} needs a file name (see contrastscope paired --help)`);
      return v;
    };
    if (arg === '--a') list = a;
    else if (arg === '--b') list = b;
    else if (arg === '--out-t') {
      out.outT = value();
      list = null;
    }
    else if (arg === '--out-p') {
      out.outP = value();
      list = null;
    }
    else if (arg === '--out-q') {
      out.outQ = value();
      list = null;
    }
    else if (arg === '--out-dz') {
      out.outDz = value();
      list = null;
    }
    else if (arg === '--mask') {
      out.mask = value();
      list = null;
    }
    else if (arg === '--one-sided') {
      out.oneSided = true;
      list = null;
    }
    else if (arg.startsWith('--')) throw new InputError(`paired: unknown option ${arg} (see contrastscope paired --help)`);
    else if (list) list.push(arg);
    else throw new InputError(`paired: unexpected argument "${arg}"; input maps follow --a or --b`);
  }
  if (a.length === 0 || b.length === 0) throw new InputError('paired: give maps for both conditions with --a ... --b ... (see contrastscope paired --help)');
  if (!out.outT) throw new InputError('paired: --out-t FILE is required');
  return { ...(out as PairedArgs), a, b };
}

function describeGrid(g: Grid): string {
  return `${g.dims.join('x')}`;
}

/** The 3D voxel data of a map, checked against the reference grid. */
function checkedData(img: NiftiImage, ref: NiftiImage): Float32Array {
  if (img.nFrames !== 1) throw new InputError(`${img.name}: has ${img.nFrames} frames; paired needs one 3D map per subject and condition`);
  if (!sameGrid(img.grid, ref.grid)) {
    throw new InputError(`${img.name}: is on a different grid (${describeGrid(img.grid)}) from ${ref.name} (${describeGrid(ref.grid)}); resample the maps to one grid first`);
  }
  return img.data;
}

export const pairedCommand: CliCommand = {
  name: 'paired',
  summary: 'voxelwise paired t-test of two conditions (t, p, FDR q, Cohen dz maps)',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv);
    const aFiles = expandPaths(args.a);
    const bFiles = expandPaths(args.b);
    if (aFiles.length !== bFiles.length) {
      throw new InputError(`paired: ${aFiles.length} maps for --a but ${bFiles.length} for --b; files are paired by position, so the counts must match`);
    }
    if (aFiles.length < 2) throw new InputError(`paired: need at least 2 pairs of maps (got ${aFiles.length})`);
    const first = await readNiftiFile(aFiles[0]);
    checkedData(first, first);
    const a: Float32Array[] = [first.data];
    for (const f of aFiles.slice(1)) a.push(checkedData(await readNiftiFile(f), first));
    const b: Float32Array[] = [];
    for (const f of bFiles) b.push(checkedData(await readNiftiFile(f), first));

    let mask: Uint8Array | undefined;
    if (args.mask) {
      const m = await readNiftiFile(args.mask);
      const md = checkedData(m, first);
      mask = new Uint8Array(md.length);
      for (let i = 0; i < md.length; i++) mask[i] = md[i] !== 0 && md[i] === md[i] ? 1 : 0;
    }

    const res = pairedT(a, b, { mask });
    const sided = args.oneSided ? 1 : 2;
    const base = { dims: [...first.grid.dims], affine: first.grid.affine, datatype: 'float32' as const };
    writeNiftiFile(args.outT, {
      ...base,
      data: res.t,
      intentCode: NIFTI_INTENT.TTEST,
      intentP1: res.dof,
      intentName: 'paired t',
      descrip: `paired t A-B n=${res.n} dof=${res.dof}`,
    });
    let p: Float32Array | null = null;
    if (args.outP || args.outQ) p = pMap(res.t, res.dof, sided);
    if (args.outP && p) writeNiftiFile(args.outP, { ...base, data: p, intentCode: NIFTI_INTENT.PVAL, intentName: sided === 2 ? 'p two-sided' : 'p one-sided' });
    let nq = 0;
    if (args.outQ && p) {
      const q = fdrBH(p);
      for (let i = 0; i < q.length; i++) if (q[i] <= 0.05) nq++;
      writeNiftiFile(args.outQ, { ...base, data: q, intentCode: NIFTI_INTENT.PVAL, intentName: 'FDR q (BH)' });
    }
    if (args.outDz) writeNiftiFile(args.outDz, { ...base, data: res.dz, intentCode: NIFTI_INTENT.ESTIMATE, intentName: 'Cohen dz' });

    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < res.t.length; i++) {
      const t = res.t[i];
      if (t < min) min = t;
      if (t > max) max = t;
    }
    const range = res.tested > 0 ? `t from ${min.toFixed(3)} to ${max.toFixed(3)}` : 'no voxel could be tested';
    const fdr = args.outQ ? `; ${nq} voxels with q <= 0.05` : '';
    console.log(`paired t (${basename(aFiles[0])} ... minus ${basename(bFiles[0])} ...): ${res.n} pairs, dof ${res.dof}, ${res.tested} voxels tested, ${range}${fdr}`);
    return 0;
  },
};
