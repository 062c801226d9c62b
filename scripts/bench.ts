// Benchmark of the shared/ engine on the inputs of ../shared/bench/make_inputs.py, with the
// operation names of reference.py so the two tables can be divided row by row.
//   npm run bench -- --inputs /tmp/bench-inputs --json bench.json [--only a,b] [--runs 5] [--repeats 3]
// The README ratio table, in one sitting (reference first, then ours, then the table):
//   /usr/bin/python3 ../shared/bench/reference.py --inputs /tmp/bench-inputs --no-save --json-out /tmp/ref.json \
//     && npm run --silent bench -- --inputs /tmp/bench-inputs --json /tmp/bench.json --reference /tmp/ref.json
// --reference REF.json (reference.py --json-out) prints a markdown table of ours / reference per
// operation, against the faster of reference.py's two implementations where it times two.
// Each operation runs in its own child process (so its peak RSS is its own): setup (untimed:
// reading inputs, starting the worker pool), one warm-up, then --runs timed runs -> median; as in
// reference.py, that is done in --repeats fresh processes and the row is the median of their medians
// (peak RSS: the largest).
// Peak RSS = the child's maximum resident set (whole process: Node + inputs + temporaries).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { readNifti, writeNifti } from '../shared/nifti/index';
import { anyNonZero, fdrBH, pairedT, pairedTRange, pMap, pMapRange } from '../shared/stats/index';
import { clusterTable, labelThreshold, type ClusterWorkspace } from '../shared/clusters/index';
import { labelMeans } from '../shared/atlas/index';
import { edgewisePaired, parseMatrix } from '../shared/connectivity/index';
import { nodeGzipParts, nodeInflate } from '../electron/cli/io';
import { PERM_OPS, makePermOp, timePermReference, type PermOpName } from './bench-perm';
import { cortexSurfaces, projectToSurface, vertexNormals, type Mesh } from '../shared/mesh/index';
import { planeOutlineMask } from '../shared/atlas/planeOutline';

const SELF = fileURLToPath(import.meta.url);
const OPS = [
  'load_1mm_gz',
  'load_group_48',
  'ttest_numpy',
  'fdr_bh',
  'cluster_label_26',
  'cluster_table',
  'parcel_mean_100',
  'write_1mm_gz',
  'load_conn_csv_48',
  ...PERM_OPS,
  'surface_build_both',
  'surface_project_2mm',
  'atlas_plane_outlines',
] as const;
type OpName = (typeof OPS)[number];

function load(path: string) {
  const b = readFileSync(path);
  return readNifti(new Uint8Array(b.buffer, b.byteOffset, b.length), path, { inflate: nodeInflate });
}

function groupFiles(inputs: string, cond: string): string[] {
  const dir = join(inputs, 'group');
  return readdirSync(dir)
    .filter((f) => f.endsWith(`_cond-${cond}_stat.nii.gz`))
    .sort()
    .map((f) => join(dir, f));
}

// ----------------------------------------------------------------------------- worker thread
// Each worker reads + inflates + parses its share of the files and hands the voxel buffers back
// (transferred, not copied).
if (!isMainThread && workerData?.role === 'loader') {
  parentPort!.on('message', (files: string[]) => {
    const out = files.map((f) => load(f).data);
    parentPort!.postMessage(out, out.map((d) => d.buffer as ArrayBuffer));
  });
}

// `execArgv: ['--import', 'tsx']` does not reach worker threads on Node 20, so each worker
// registers tsx itself before importing this file.
function startWorker(data: Record<string, unknown>): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const src = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(pathToFileURL(SELF).href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(src)}`), { workerData: data });
}

/**
 * The paired maps of both conditions in one SharedArrayBuffer (map k at k * stride floats; stride
 * even so every map stays 8-byte aligned for the zero-voxel scan), and t / p maps shared too.
 */
interface SharedPaired {
  maps: SharedArrayBuffer;
  n: number;
  nVox: number;
  stride: number;
  t: SharedArrayBuffer;
  p: SharedArrayBuffer;
  /** anyNonZero of all maps, made when they are loaded (as the app's study loader has its brain mask). */
  mask: SharedArrayBuffer;
}

function sharedViews(sp: SharedPaired) {
  const map = (k: number) => new Float32Array(sp.maps, k * sp.stride * 4, sp.nVox);
  return {
    a: Array.from({ length: sp.n }, (_, k) => map(k)),
    b: Array.from({ length: sp.n }, (_, k) => map(sp.n + k)),
    t: new Float32Array(sp.t),
    p: new Float32Array(sp.p),
    mask: new Uint8Array(sp.mask),
  };
}

// A t-test worker fills t and p over the voxel range it is sent (as the app's compare worker
// could split a comparison across cores); meanDiff / sdDiff / dz go to its own scratch maps.
if (!isMainThread && workerData?.role === 'ttest') {
  const sp = workerData.shared as SharedPaired;
  const { a, b, t, p, mask } = sharedViews(sp);
  const scratch = { meanDiff: new Float32Array(sp.nVox), sdDiff: new Float32Array(sp.nVox), dz: new Float32Array(sp.nVox) };
  const out = { t, ...scratch };
  // In chunks, so the kernels are entered many times per run: V8 then optimizes them during the
  // warm-up run instead of only on-stack-replacing one long loop (slow again on the next call).
  parentPort!.on('message', (ranges: [number, number][]) => {
    let tested = 0;
    for (const [c, e] of ranges) {
      tested += pairedTRange(a, b, c, e, out, { mask });
      pMapRange(t, sp.n - 1, 2, c, e, p);
    }
    parentPort!.postMessage(tested);
  });
}

/** Voxels per t-test work item (even, so every chunk starts 8-byte aligned for the zero scan). */
const T_CHUNK = 1 << 16;

class TTestPool {
  private workers: Worker[];
  constructor(private shared: SharedPaired) {
    this.workers = [0, 1].map(() => startWorker({ role: 'ttest', shared }));
  }

  /**
   * t and p of all voxels. The workers take alternate chunks (even starts), so each gets about
   * as much brain as the other: halves by position would give one the sparse bottom slices.
   */
  async run(): Promise<{ t: Float32Array; p: Float32Array; tested: number }> {
    const { nVox } = this.shared;
    const ranges: [number, number][][] = [[], []];
    for (let c = 0, k = 0; c < nVox; c += T_CHUNK, k++) ranges[k % 2].push([c, Math.min(nVox, c + T_CHUNK)]);
    const tested = await Promise.all(
      this.workers.map((wk, w) => new Promise<number>((resolve) => {
        wk.once('message', resolve);
        wk.postMessage(ranges[w]);
      })),
    );
    return { t: new Float32Array(this.shared.t), p: new Float32Array(this.shared.p), tested: tested[0] + tested[1] };
  }

  close(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function shareMaps(a: Float32Array[], b: Float32Array[]): SharedPaired {
  const nVox = a[0].length;
  const stride = nVox + (nVox & 1);
  const maps = new SharedArrayBuffer((a.length + b.length) * stride * 4);
  [...a, ...b].forEach((m, k) => new Float32Array(maps, k * stride * 4, nVox).set(m));
  const mask = new SharedArrayBuffer(nVox);
  new Uint8Array(mask).set(anyNonZero([...a, ...b]));
  return { maps, n: a.length, nVox, stride, t: new SharedArrayBuffer(nVox * 4), p: new SharedArrayBuffer(nVox * 4), mask };
}

class LoaderPool {
  private workers = [0, 1].map(() => startWorker({ role: 'loader' }));

  /** Loads files with both cores: worker w takes files w, w+2, ...; results in input order. */
  async load(files: string[]): Promise<Float32Array[]> {
    const shares = this.workers.map((_, w) => files.filter((_, i) => i % this.workers.length === w));
    const parts = await Promise.all(
      this.workers.map((wk, w) => new Promise<Float32Array[]>((resolve) => {
        wk.once('message', resolve);
        wk.postMessage(shares[w]);
      })),
    );
    return files.map((_, i) => parts[i % this.workers.length][Math.floor(i / this.workers.length)]);
  }

  close(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

// ----------------------------------------------------------------------------- operations
interface Op {
  setup(): Promise<void> | void;
  /** Untimed, before every run (e.g. fresh inputs an operation consumes). */
  prepare?(): void;
  run(): Promise<unknown> | unknown;
  teardown?(): Promise<unknown> | void;
  /** Long operations (permutations): this warm-up instead of a full first run, then fixedRuns timed runs. */
  warmup?(): Promise<unknown>;
  fixedRuns?: number;
}

function makeOp(name: OpName, inputs: string, scratch: string): Op {
  const stat1 = join(inputs, 'stat_1mm.nii');
  if ((PERM_OPS as readonly string[]).includes(name)) return makePermOp(name as PermOpName, inputs);
  switch (name) {
    case 'load_1mm_gz': {
      const path = join(inputs, 'stat_1mm.nii.gz');
      return { setup() {}, run: () => load(path) };
    }
    case 'load_group_48': {
      let pool: LoaderPool;
      const a = groupFiles(inputs, 'MDMA');
      const b = groupFiles(inputs, 'placebo');
      return {
        setup() {
          pool = new LoaderPool();
        },
        async run() {
          const all = await pool.load([...a, ...b]);
          return { MDMA: all.slice(0, a.length), placebo: all.slice(a.length) };
        },
        teardown: () => pool.close(),
      };
    }
    case 'ttest_numpy': {
      // reference.py's ttest_numpy computes t and p only, so no per-condition maps. The maps are
      // loaded into shared memory with their non-zero mask (untimed: that is loading) and two
      // worker threads compute alternate chunks of voxels.
      let pool: TTestPool;
      return {
        setup() {
          const a = groupFiles(inputs, 'MDMA').map((f) => load(f).data);
          const b = groupFiles(inputs, 'placebo').map((f) => load(f).data);
          pool = new TTestPool(shareMaps(a, b));
        },
        run: () => pool.run(),
        teardown: () => pool.close(),
      };
    }
    case 'fdr_bh': {
      let p: Float32Array = new Float32Array(0);
      return {
        setup() {
          const r = pairedT(groupFiles(inputs, 'MDMA').map((f) => load(f).data), groupFiles(inputs, 'placebo').map((f) => load(f).data), {
            conditionMaps: false,
          });
          p = pMap(r.t, r.dof, 2);
        },
        run: () => fdrBH(p),
      };
    }
    case 'cluster_label_26': {
      let img: ReturnType<typeof load>;
      // As the viewer relabels on every threshold change: full-size buffers are reused between runs.
      const workspace: ClusterWorkspace = {};
      return {
        setup() {
          img = load(stat1);
        },
        run: () => labelThreshold(img.data, img.grid, { threshold: 3, twoSided: true, connectivity: 26, workspace }),
      };
    }
    case 'cluster_table': {
      let img: ReturnType<typeof load>;
      let comps: ReturnType<typeof labelThreshold>;
      return {
        setup() {
          img = load(stat1);
        },
        // clusterTable renumbers the label map in place, so each run gets fresh labels (untimed).
        prepare() {
          comps = labelThreshold(img.data, img.grid, { threshold: 3, twoSided: true, connectivity: 26 });
        },
        run: () => clusterTable(img.data, img.grid, comps),
      };
    }
    case 'parcel_mean_100': {
      let t: Float32Array = new Float32Array(0);
      let atlas: Float32Array = new Float32Array(0);
      return {
        setup() {
          t = load(stat1).data;
          atlas = load(join(inputs, 'atlas_1mm.nii')).data;
        },
        run: () => labelMeans(t, atlas, 100),
      };
    }
    case 'write_1mm_gz': {
      let img: ReturnType<typeof load>;
      const dst = join(scratch, 'written_stat_1mm.nii.gz');
      return {
        setup() {
          img = load(stat1);
        },
        // As nibabel.save: gzip level 1, plain write (no fsync), so the rows compare like for like.
        run() {
          const bytes = writeNifti(
            { dims: [...img.grid.dims], affine: img.grid.affine, data: img.data },
            { gzip: true, level: 1, deflate: (raw, level) => gzipSync(raw, { level }), deflateParts: nodeGzipParts },
          );
          writeFileSync(dst, bytes);
        },
      };
    }
    // Not in reference.py (nilearn is not installed here): our own budget rows from the issue.
    case 'atlas_plane_outlines': {
      // The three per-plane outline orientations of the bundled 1 mm AAL atlas (7.1 M voxels).
      const res = join(fileURLToPath(new URL('..', import.meta.url)), 'resources');
      let aal: ReturnType<typeof load>;
      return {
        setup() {
          aal = load(join(res, 'atlas_aal.nii.gz'));
        },
        run: () => planeOutlineMask(aal.data, aal.grid.dims),
      };
    }
    case 'surface_build_both': {
      const res = join(fileURLToPath(new URL('..', import.meta.url)), 'resources');
      let t1: ReturnType<typeof load>;
      let aal: ReturnType<typeof load>;
      return {
        setup() {
          t1 = load(join(res, 'template_ch2bet.nii.gz'));
          aal = load(join(res, 'atlas_aal.nii.gz'));
        },
        run: () => cortexSurfaces(t1.data, aal.data, t1.grid.dims, t1.grid.affine),
      };
    }
    case 'surface_project_2mm': {
      const res = join(fileURLToPath(new URL('..', import.meta.url)), 'resources');
      let hemis: { mesh: Mesh; normals: Float32Array }[] = [];
      let map: ReturnType<typeof load>;
      return {
        setup() {
          const t1 = load(join(res, 'template_ch2bet.nii.gz'));
          const aal = load(join(res, 'atlas_aal.nii.gz'));
          const both = cortexSurfaces(t1.data, aal.data, t1.grid.dims, t1.grid.affine);
          hemis = [both.left, both.right].map((mesh) => ({ mesh, normals: vertexNormals(mesh) }));
          map = load(join(inputs, 'stat_2mm.nii.gz'));
        },
        run: () => hemis.map((h) => projectToSurface(h.mesh.positions, h.normals, map.grid, map.data)),
      };
    }
    case 'load_conn_csv_48': {
      const dir = join(inputs, 'group', 'connectivity');
      const files = (cond: string) => readdirSync(dir).filter((f) => f.endsWith(`_cond-${cond}_connectivity.csv`)).sort().map((f) => join(dir, f));
      const a = files('MDMA');
      const b = files('placebo');
      return {
        setup() {},
        run() {
          const parse = (f: string) => parseMatrix(readFileSync(f, 'utf8'), f);
          return edgewisePaired(a.map(parse), b.map(parse), { fisher: true });
        },
      };
    }
    default:
      throw new Error(`unknown operation ${name}`);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function runWorker(name: OpName, inputs: string, scratch: string, runs: number): Promise<void> {
  const op = makeOp(name, inputs, scratch);
  await op.setup();
  const times: number[] = [];
  // No forced collection between runs (reference.py calls gc.collect()): V8's full GC also throws
  // away optimised code and type feedback, so every run after it would be partly a warm-up again.
  if (op.warmup) await op.warmup();
  const first = op.warmup ? 1 : 0;
  for (let i = first; i < (op.fixedRuns ?? runs) + 1; i++) {
    op.prepare?.();
    const t0 = performance.now();
    await op.run();
    const dt = (performance.now() - t0) / 1000;
    if (i > 0) times.push(dt);
  }
  await op.teardown?.();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ name, median_s: median(times), times, peak_rss_mb: Math.round(peakRssMb * 10) / 10 }) + '\n');
}

function parseArgs(argv: string[]) {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    inputs: get('--inputs') ?? '/tmp/bench-inputs',
    json: get('--json'),
    only: (get('--only') ?? '').split(',').filter(Boolean),
    runs: Number(get('--runs') ?? 5),
    repeats: Math.max(1, Number(get('--repeats') ?? 3)),
    worker: get('--worker') as OpName | undefined,
    reference: get('--reference'),
    /** also time perm_reference.py on this many flips per permutation row (0 = not) */
    permReference: Number(get('--perm-reference') ?? 0),
    scratch: get('--scratch') ?? join(tmpdir(), 'contrastscope-bench-out'),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(args.scratch, { recursive: true });
  if (args.worker) {
    await runWorker(args.worker, args.inputs, args.scratch, args.runs);
    return;
  }
  const ops = OPS.filter((o) => args.only.length === 0 || args.only.includes(o));
  const rows: { name: string; median_s: number; peak_rss_mb: number }[] = [];
  console.log(`${'operation'.padEnd(20)} ${'median s'.padStart(10)} ${'peak RSS MB'.padStart(12)}`);
  for (const name of ops) {
    // As reference.py: --repeats fresh processes, each a median of --runs; the row is the median of those.
    const isPerm = (PERM_OPS as readonly string[]).includes(name);
    const reps = Array.from({ length: isPerm ? 1 : args.repeats }, () => {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', SELF, '--worker', name, '--inputs', args.inputs, '--scratch', args.scratch, '--runs', String(args.runs)],
        { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { name: string; median_s: number; peak_rss_mb: number };
    });
    const r = { name, median_s: median(reps.map((x) => x.median_s)), peak_rss_mb: Math.max(...reps.map((x) => x.peak_rss_mb)) };
    rows.push(r);
    console.log(`${name.padEnd(20)} ${r.median_s.toFixed(4).padStart(10)} ${String(r.peak_rss_mb).padStart(12)}`);
  }
  const permRef: { name: string; ours_s: number; reference_flips: number; reference_per_flip_s: number; reference_est_5000_s: number; ratio: number }[] = [];
  if (args.permReference > 1) {
    console.log(`\nperm_reference.py (--jobs 2) on ${args.permReference} flips, extrapolated per flip to 5000:`);
    console.log('| operation | ours s (5000 flips) | reference s per flip | reference s, 5000 flips (extrapolated) | reference / ours |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of rows.filter((x) => (PERM_OPS as readonly string[]).includes(x.name))) {
      const ref = timePermReference(r.name as PermOpName, args.inputs, args.scratch, args.permReference);
      const ratio = ref.est5000S / r.median_s;
      permRef.push({ name: r.name, ours_s: r.median_s, reference_flips: ref.flips, reference_per_flip_s: ref.perFlipS, reference_est_5000_s: ref.est5000S, ratio });
      console.log(`| ${r.name} | ${r.median_s.toFixed(2)} | ${ref.perFlipS.toFixed(4)} | ${ref.est5000S.toFixed(0)} | ${ratio.toFixed(0)}x |`);
    }
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ ops: rows, perm_reference: permRef }, null, 1) + '\n');
  if (args.reference) console.log('\n' + ratioTable(rows, JSON.parse(readFileSync(args.reference, 'utf8'))));
}

/** Budget (ours / reference at most) per operation, from issue 3; the rest must not be slower. */
const BUDGET: Partial<Record<OpName, number>> = { ttest_numpy: 0.2, cluster_label_26: 0.3, load_group_48: 0.5, parcel_mean_100: 0.3 };
/** Where reference.py times two implementations, the faster one is the yardstick. */
const ALTERNATIVE: Partial<Record<OpName, string>> = { cluster_table: 'cluster_table_numpy', parcel_mean_100: 'parcel_mean_bincount' };

/** reference.py --json-out: {"ops": [{"name", "median" (s), "min", "peak_rss", "summary", "error"}]}. */
function referenceTimes(ref: unknown): Map<string, number> {
  const rows = ((ref as { ops?: unknown[] })?.ops ?? []) as { name?: string; median?: number | null; median_s?: number }[];
  const out = new Map<string, number>();
  for (const r of rows) {
    const s = r.median ?? r.median_s;
    if (r.name && typeof s === 'number') out.set(r.name, s);
  }
  return out;
}

function ratioTable(rows: { name: string; median_s: number }[], ref: unknown): string {
  const times = referenceTimes(ref);
  const lines = ['| operation | ours s | reference s | ours / reference | budget | within |', '|---|---:|---:|---:|---:|:---:|'];
  for (const r of rows) {
    const op = r.name as OpName;
    const candidates = [op, ALTERNATIVE[op]].filter((n): n is string => !!n && times.has(n));
    if (candidates.length === 0) {
      lines.push(`| ${op} | ${r.median_s.toFixed(4)} | (not in reference) | | | |`);
      continue;
    }
    const refName = candidates.reduce((x, y) => (times.get(y)! < times.get(x)! ? y : x));
    const refS = times.get(refName)!;
    const ratio = r.median_s / refS;
    const budget = BUDGET[op] ?? 1;
    const label = refName === op ? op : `${op} (vs ${refName})`;
    lines.push(`| ${label} | ${r.median_s.toFixed(4)} | ${refS.toFixed(4)} | ${ratio.toFixed(2)}x | <= ${budget}x | ${ratio <= budget ? 'yes' : 'NO'} |`);
  }
  return lines.join('\n');
}

if (isMainThread) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
