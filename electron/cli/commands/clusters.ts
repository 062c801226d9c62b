import { basename } from 'node:path';
import type { CliCommand } from '../types';
import { InputError } from '../types';
import { readNiftiFile, readTextFile } from '../io';
import { flagValue, numberValue, parseCommandArgs, stringValue, type OptionSpec } from '../args';
import { checkOutputs, writeOutputs } from '../outputs';
import { atlasLike, makeAtlas, parseLabelTable } from '../../../shared/atlas/index';
import { CLUSTER_FILE_COLUMNS, clusterFileCells, clusterFileText, formatTopLabels, type ClusterFileRow } from '../../../shared/clusters/tableFile';
import { DEFAULT_MIN_DISTANCE_MM, findClusters, type AtlasLike, type Cluster } from '../../../shared/clusters/index';

const USAGE = `usage: contrastscope clusters MAP --threshold T [--two-sided] [--connectivity 6|18|26]
                            [--min-voxels K] [--min-mm3 V] [--atlas FILE --labels FILE]
                            [--subpeaks N] [--min-distance MM] [--csv OUT]

Connected clusters of a thresholded stat map and their table (printed; optionally CSV).
  --threshold T      keep voxels with value > T (with --two-sided also value < -T)
  --two-sided        positive and negative clusters, kept separate (sign 1 / -1)
  --connectivity N   6 (faces), 18 (+ edges) or 26 (+ corners; default), as scipy.ndimage
  --min-voxels K     drop clusters with fewer than K voxels
  --min-mm3 V        drop clusters smaller than V mm3
  --atlas FILE       label image; the label of each voxel is looked up at its mm position
  --labels FILE      label table for --atlas (mricron .txt/.lut, FSL .xml, FreeSurfer LUT, .tsv/.csv, niivue .json)
  --subpeaks N       also list up to N local maxima per cluster besides its peak (default 0)
  --min-distance MM  sub-peaks lie at least MM mm from the peak and from each other (default 8, as SPM)
  --csv OUT          write the table as CSV (atomically), columns:
                     cluster,sign,n_voxels,volume_mm3,peak_value,peak_x,peak_y,peak_z,com_x,com_y,com_z,peak_label,top_labels,peak_kind
Rows are sorted by size (largest first); cluster ids 1..K follow that order. peak = the voxel
with the largest |value| (its signed value and MNI mm); com = |value|-weighted centre of mass
in mm; top_labels = up to 3 atlas labels with their share of the cluster, e.g.
"Amygdala_R 62%; Hippocampus_R 30%" ("unlabelled" = label 0). A 4D map uses its first frame.
peak_kind is "peak" for a cluster's row and "subpeak" for each sub-peak row under it (same cluster
and sign; its value, x y z and label in the peak_* columns; size, com and top_labels left empty).
A sub-peak is a local maximum of |value| over its neighbours in the cluster (same connectivity;
on a plateau the lowest voxel index wins), picked greedily by descending |value|.`;

interface ClusterArgs {
  map: string;
  threshold: number;
  twoSided: boolean;
  connectivity: 6 | 18 | 26;
  minVoxels?: number;
  minMm3?: number;
  atlas?: string;
  labels?: string;
  csv?: string;
  subpeaks: number;
  minDistanceMm: number;
}

const OPTIONS: Record<string, OptionSpec> = {
  threshold: { kind: 'string' },
  'two-sided': { kind: 'flag' },
  connectivity: { kind: 'string' },
  'min-voxels': { kind: 'string' },
  'min-mm3': { kind: 'string' },
  atlas: { kind: 'string', valueName: 'a file name' },
  labels: { kind: 'string', valueName: 'a file name' },
  csv: { kind: 'string', valueName: 'a file name' },
  subpeaks: { kind: 'string' },
  'min-distance': { kind: 'string' },
};

function parseArgs(argv: string[]): ClusterArgs | null {
  const p = parseCommandArgs('clusters', argv, OPTIONS, { positionals: true });
  if (p.help) return null;
  const number = (name: string, what: string) => {
    const s = stringValue(p, name);
    return s === undefined ? undefined : numberValue('clusters', name, s, what);
  };
  const maps = p.positionals;
  const threshold = number('threshold', 'a number');
  const twoSided = flagValue(p, 'two-sided');
  const c = number('connectivity', '6, 18 or 26') ?? 26;
  if (c !== 6 && c !== 18 && c !== 26) throw new InputError(`clusters: --connectivity must be 6, 18 or 26 (got ${c})`);
  const out: Partial<ClusterArgs> = { atlas: stringValue(p, 'atlas'), labels: stringValue(p, 'labels'), csv: stringValue(p, 'csv') };
  const k = number('min-voxels', 'a whole number of voxels');
  if (k !== undefined) {
    if (!Number.isInteger(k) || k < 0) throw new InputError(`clusters: --min-voxels expects a whole number >= 0 (got ${k})`);
    out.minVoxels = k;
  }
  const v = number('min-mm3', 'a volume in mm3');
  if (v !== undefined) {
    if (v < 0) throw new InputError(`clusters: --min-mm3 must be >= 0 (got ${v})`);
    out.minMm3 = v;
  }
  const n = number('subpeaks', 'a whole number of sub-peaks') ?? 0;
  if (!Number.isInteger(n) || n < 0) throw new InputError(`clusters: --subpeaks expects a whole number >= 0 (got ${n})`);
  const d = number('min-distance', 'a distance in mm') ?? DEFAULT_MIN_DISTANCE_MM;
  if (!(d >= 0)) throw new InputError(`clusters: --min-distance must be >= 0 mm (got ${d})`);
  if (maps.length !== 1) throw new InputError(`clusters: give exactly one MAP (got ${maps.length}; see contrastscope clusters --help)`);
  if (threshold === undefined) throw new InputError('clusters: --threshold T is required');
  if (twoSided && threshold < 0) throw new InputError(`clusters: a two-sided threshold must be >= 0 (got ${threshold})`);
  if (!!out.atlas !== !!out.labels) throw new InputError('clusters: --atlas and --labels go together (the label image and its table)');
  return { ...out, map: maps[0], threshold, twoSided, connectivity: c, subpeaks: n, minDistanceMm: d };
}

/** A cluster and its sub-peaks as rows of the one cluster-table schema (shared/clusters/tableFile.ts). */
export function clusterFileRows(c: Cluster): ClusterFileRow[] {
  const peak: ClusterFileRow = {
    cluster: c.id,
    sign: c.sign,
    kind: 'peak',
    nVoxels: c.nVoxels,
    volumeMm3: c.volumeMm3,
    comMm: c.comMm,
    peakValue: c.peakValue,
    peakMm: c.peakMm,
    peakLabel: c.peakLabel,
    topLabels: formatTopLabels(c.topLabels),
  };
  const subs = c.subpeaks.map((s): ClusterFileRow => ({ cluster: c.id, sign: c.sign, kind: 'subpeak', peakValue: s.value, peakMm: s.mm, peakLabel: s.label }));
  return [peak, ...subs];
}

function printTable(rows: (string | number)[][]): void {
  const header = CLUSTER_FILE_COLUMNS;
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  // One write: fewer chances to trip over a closed pipe (e.g. `| head`).
  console.log(cells.map((r) => r.map((v, i) => (i >= 11 ? String(v) : String(v).padStart(widths[i]))).join('  ').trimEnd()).join('\n'));
}

export const clustersCommand: CliCommand = {
  name: 'clusters',
  summary: 'cluster table of a thresholded stat map (size, peak, centre of mass, atlas labels)',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv);
    if (!args) {
      console.log(USAGE);
      return 0;
    }
    checkOutputs('clusters', { '--csv': args.csv }, [args.map, ...(args.atlas ? [args.atlas] : []), ...(args.labels ? [args.labels] : [])]);
    const img = await readNiftiFile(args.map);
    const [nx, ny, nz] = img.grid.dims;
    if (img.nFrames > 1) console.error(`contrastscope: ${img.name} has ${img.nFrames} frames; using the first`);
    const data = img.data.subarray(0, nx * ny * nz);
    let atlas: AtlasLike | undefined;
    if (args.atlas && args.labels) {
      const table = parseLabelTable(readTextFile(args.labels), basename(args.labels));
      atlas = atlasLike(makeAtlas(await readNiftiFile(args.atlas), table));
    }
    let result;
    try {
      result = findClusters(data, img.grid, {
        threshold: args.threshold,
        twoSided: args.twoSided,
        connectivity: args.connectivity,
        minVoxels: args.minVoxels,
        minMm3: args.minMm3,
        atlas,
        subpeaks: { count: args.subpeaks, minDistanceMm: args.minDistanceMm },
      });
    } catch (err) {
      if (err instanceof RangeError) throw new InputError(`clusters: ${err.message}`);
      throw err;
    }
    const fileRows = result.clusters.flatMap(clusterFileRows);
    const rows = fileRows.map(clusterFileCells);
    const total = result.clusters.reduce((s, c) => s + c.nVoxels, 0);
    const rule = args.twoSided ? `|value| > ${args.threshold}` : `value > ${args.threshold}`;
    console.log(`${img.name}: ${result.clusters.length} clusters (${total} voxels) with ${rule}, ${args.connectivity}-connectivity`);
    if (rows.length > 0) printTable(rows);
    if (args.csv) {
      const csv = args.csv;
      const text = clusterFileText(fileRows);
      await writeOutputs((out) => out.write(csv, text));
    }
    return 0;
  },
};
