import { basename } from 'node:path';
import type { CliCommand } from '../types';
import { InputError } from '../types';
import { expandPaths, readTextFile } from '../io';
import { flagValue, listValue, parseCommandArgs, stringValue, type OptionSpec } from '../args';
import { checkOutputs, writeOutputs } from '../outputs';
import { edgewisePaired, parseMatrix, parseNodeTable, type ConnMatrix } from '../../../shared/connectivity/index';
import { csvRow } from '../../../shared/atlas/index';

const USAGE = `usage: contrastscope matrix-paired --a CSV... --b CSV... --csv OUT [--nodes FILE] [--no-fisher]

Edgewise paired t-test between two conditions of ROI x ROI connectivity matrices.
  --a CSV...     condition A matrices (e.g. MDMA), one per subject; globs allowed
  --b CSV...     condition B matrices (e.g. placebo), paired with --a by position
                 Matrices: square CSV/TSV/semicolon text, optional header row / index column.
  --nodes FILE   node table (name,x,y,z with a header, or Power-style ROI,X,Y,Z) for node names
  --no-fisher    test r itself; by default r is clipped to +-0.999999 and Fisher z = atanh(r)
                 is tested (as bench/reference.py does)
  --csv OUT      output CSV, written atomically; one row per edge of the upper triangle (i < j):
                 node_i,node_j,mean_a,mean_b,t,p,q
                 node names from --nodes, else the matrix header, else 1-based indices;
                 mean_a/mean_b are the means of the tested values (z, or r with --no-fisher);
                 t = mean(A - B) / (sd / sqrt(n)), p two-sided with n - 1 dof (a subject with a
                 NaN/Inf on an edge is left out of that edge), q = Benjamini-Hochberg across
                 all edges; NaN where an edge cannot be tested.`;

const OPTIONS: Record<string, OptionSpec> = {
  a: { kind: 'list' },
  b: { kind: 'list' },
  csv: { kind: 'string' },
  nodes: { kind: 'string' },
  'no-fisher': { kind: 'flag' },
};

function parseArgs(argv: string[]) {
  const p = parseCommandArgs('matrix-paired', argv, OPTIONS, { positionalHint: 'matrices follow --a or --b' });
  if (p.help) return null;
  const csv = stringValue(p, 'csv') ?? '';
  if (!csv) throw new InputError('matrix-paired: --csv OUT is required');
  return { a: listValue(p, 'a'), b: listValue(p, 'b'), csv, nodes: stringValue(p, 'nodes') ?? '', fisher: !flagValue(p, 'no-fisher') };
}

function load(file: string): ConnMatrix {
  return parseMatrix(readTextFile(file), basename(file));
}

export const matrixPairedCommand: CliCommand = {
  name: 'matrix-paired',
  summary: 'edgewise paired t (Fisher z) with FDR between two sets of connectivity matrices -> CSV',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv);
    if (!args) {
      console.log(USAGE);
      return 0;
    }
    const aFiles = expandPaths(args.a);
    const bFiles = expandPaths(args.b);
    if (aFiles.length === 0 || bFiles.length === 0) throw new InputError('matrix-paired: give matrices after both --a and --b');
    if (aFiles.length !== bFiles.length) throw new InputError(`matrix-paired: ${aFiles.length} files after --a but ${bFiles.length} after --b; they are paired by position`);
    if (aFiles.length < 2) throw new InputError('matrix-paired: a paired t-test needs at least 2 subjects');
    checkOutputs('matrix-paired', { '--csv': args.csv }, [...aFiles, ...bFiles, ...(args.nodes ? [args.nodes] : [])]);
    const A = aFiles.map(load);
    const B = bFiles.map(load);
    const n = A[0].n;
    [...A, ...B].forEach((m, k) => {
      const file = k < A.length ? aFiles[k] : bFiles[k - A.length];
      for (const w of m.warnings) console.error(`matrix-paired: warning: ${w}`);
      if (m.n !== n) throw new InputError(`${basename(file)}: is ${m.n}x${m.n} but ${basename(aFiles[0])} is ${n}x${n}; all matrices must have the same nodes`);
    });
    let names: string[];
    if (args.nodes) {
      const nodes = parseNodeTable(readTextFile(args.nodes), basename(args.nodes));
      if (nodes.length !== n) throw new InputError(`${basename(args.nodes)}: has ${nodes.length} nodes (labels) but the matrices are ${n}x${n}`);
      names = nodes.map((x) => x.name);
    } else {
      names = A[0].names ?? Array.from({ length: n }, (_, k) => String(k + 1));
    }
    const edges = edgewisePaired(A, B, { fisher: args.fisher });
    const lines = ['node_i,node_j,mean_a,mean_b,t,p,q'];
    for (const e of edges) lines.push(csvRow([names[e.i], names[e.j], e.meanA, e.meanB, e.t, e.p, e.q]));
    await writeOutputs((out) => out.write(args.csv, lines.join('\n') + '\n'));
    const sig = edges.filter((e) => e.q <= 0.05).length;
    console.error(`matrix-paired: ${edges.length} edges, ${A.length} pairs, ${args.fisher ? 'Fisher z' : 'r'}; ${sig} with q <= 0.05; wrote ${args.csv}`);
    return 0;
  },
};
