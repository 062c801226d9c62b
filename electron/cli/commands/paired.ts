import { basename } from 'node:path';
import type { CliCommand } from '../types';
import { InputError } from '../types';
import { expandPaths, niftiFileBytes, readMapSet } from '../io';
import { flagValue, listValue, parseCommandArgs, stringValue, type OptionSpec } from '../args';
import { checkOutputs, writeOutputs } from '../outputs';
import { NIFTI_INTENT, type NiftiWriteSpec } from '../../../shared/nifti/index';
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

const OPTIONS: Record<string, OptionSpec> = {
  a: { kind: 'list', valueName: 'a file name' },
  b: { kind: 'list', valueName: 'a file name' },
  'out-t': { kind: 'string', valueName: 'a file name' },
  'out-p': { kind: 'string', valueName: 'a file name' },
  'out-q': { kind: 'string', valueName: 'a file name' },
  'out-dz': { kind: 'string', valueName: 'a file name' },
  mask: { kind: 'string', valueName: 'a file name' },
  'one-sided': { kind: 'flag' },
};

function parseArgs(argv: string[]): PairedArgs | null {
  const p = parseCommandArgs('paired', argv, OPTIONS, { positionalHint: 'input maps follow --a or --b' });
  if (p.help) return null;
  const a = listValue(p, 'a');
  const b = listValue(p, 'b');
  if (a.length === 0 || b.length === 0) throw new InputError('paired: give maps for both conditions with --a ... --b ... (see contrastscope paired --help)');
  const outT = stringValue(p, 'out-t');
  if (!outT) throw new InputError('paired: --out-t FILE is required');
  return {
    a,
    b,
    outT,
    outP: stringValue(p, 'out-p'),
    outQ: stringValue(p, 'out-q'),
    outDz: stringValue(p, 'out-dz'),
    mask: stringValue(p, 'mask'),
    oneSided: flagValue(p, 'one-sided'),
  };
}

export const pairedCommand: CliCommand = {
  name: 'paired',
  summary: 'voxelwise paired t-test of two conditions (t, p, FDR q, Cohen dz maps)',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv);
    if (!args) {
      console.log(USAGE);
      return 0;
    }
    const aFiles = expandPaths(args.a);
    const bFiles = expandPaths(args.b);
    if (aFiles.length !== bFiles.length) {
      throw new InputError(`paired: ${aFiles.length} maps for --a but ${bFiles.length} for --b; files are paired by position, so the counts must match`);
    }
    if (aFiles.length < 2) throw new InputError(`paired: need at least 2 pairs of maps (got ${aFiles.length})`);
    checkOutputs('paired', { '--out-t': args.outT, '--out-p': args.outP, '--out-q': args.outQ, '--out-dz': args.outDz }, [...aFiles, ...bFiles, ...(args.mask ? [args.mask] : [])]);
    const { first, a, b, mask: maskData } = await readMapSet('paired', aFiles, bFiles, args.mask);
    let mask: Uint8Array | undefined;
    if (maskData) {
      mask = new Uint8Array(maskData.length);
      for (let i = 0; i < maskData.length; i++) mask[i] = maskData[i] !== 0 && maskData[i] === maskData[i] ? 1 : 0;
    }

    const res = pairedT(a, b, { mask });
    const sided = args.oneSided ? 1 : 2;
    const base = { dims: [...first.grid.dims], affine: first.grid.affine, datatype: 'float32' as const };
    // All maps go to temp files first and are renamed together: never t.nii without its p.nii.
    const nq = await writeOutputs((out) => {
      const write = (path: string, spec: Omit<NiftiWriteSpec, keyof typeof base>) => out.write(path, niftiFileBytes(path, { ...base, ...spec }));
      write(args.outT, {
        data: res.t,
        intentCode: NIFTI_INTENT.TTEST,
        intentP1: res.dof,
        intentName: 'paired t',
        descrip: `paired t A-B n=${res.n} dof=${res.dof}`,
      });
      let p: Float32Array | null = null;
      if (args.outP || args.outQ) p = pMap(res.t, res.dof, sided);
      if (args.outP && p) write(args.outP, { data: p, intentCode: NIFTI_INTENT.PVAL, intentName: sided === 2 ? 'p two-sided' : 'p one-sided' });
      let count = 0;
      if (args.outQ && p) {
        const q = fdrBH(p);
        for (let i = 0; i < q.length; i++) if (q[i] <= 0.05) count++;
        write(args.outQ, { data: q, intentCode: NIFTI_INTENT.PVAL, intentName: 'FDR q (BH)' });
      }
      if (args.outDz) write(args.outDz, { data: res.dz, intentCode: NIFTI_INTENT.ESTIMATE, intentName: 'Cohen dz' });
      return count;
    });

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
