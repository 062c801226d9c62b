// The study slice and the loader behind it, with a host serving in-memory files and the
// reader run in-thread (the browser runs the same readNifti in workers).
import { beforeEach, describe, expect, it } from 'vitest';
import type { FileRef, FolderListing, HostApi } from '../../shared/ipc/host';
import { writeNifti, readNifti } from '../../shared/nifti';
import type { Mat4 } from '../../shared/spaces/types';
import { importFolder } from '../../shared/study';
import { createAppStore, shownMeasureId, type AppStore } from '../../renderer/store';
import { editPendingRow, pendingFrom, renameCondition } from '../../renderer/store/study';
import { confirmedImport } from '../../renderer/engine/studyImport';
import { openRecentItem } from '../../renderer/engine/studyOpen';
import { StudyData, type StudyDataOptions } from '../../renderer/engine/studyData';
import type { MapReader } from '../../renderer/engine/studyReaders';
import { BufferPool } from '../../renderer/workers/bufferPool';

// Each case makes a fresh StudyData (the app makes one in main.tsx); these name its methods.
let data: StudyData;
function initStudyData(options: StudyDataOptions): StudyData {
  data = new StudyData(options);
  return data;
}
const openStudy = (...a: Parameters<StudyData['openStudy']>) => data.openStudy(...a);
const loadMeasure = (...a: Parameters<StudyData['loadMeasure']>) => data.loadMeasure(...a);
const loadMatrices = (id: string) => data.loadMatrices(id);
const loadedMeasure = (id: string) => data.loadedMeasure(id);
const unloadMeasure = (id: string) => data.unloadMeasure(id);
const studyBrainMask = (...a: Parameters<StudyData['studyBrainMask']>) => data.studyBrainMask(...a);
/** What commands hand the study functions: the engine carries the study data. */
const engineOf = () => ({ openFiles: async () => undefined, study: data });

const GRID_2MM: Mat4 = [2, 0, 0, -4, 0, 2, 0, -4, 0, 0, 2, -4, 0, 0, 0, 1];
const GRID_4MM: Mat4 = [4, 0, 0, -4, 0, 4, 0, -4, 0, 0, 4, -4, 0, 0, 0, 1];

/** A 4x4x4 map at 2 mm holding `value` everywhere except voxel 0 (zero: outside the "brain"). */
function map2mm(value: number): Uint8Array {
  const data = new Float32Array(64).fill(value);
  data[0] = 0;
  return writeNifti({ dims: [4, 4, 4], affine: GRID_2MM, data }, { gzip: true });
}

function fakeHost(files: Map<string, Uint8Array | string>, recent?: Map<string, FolderListing>): HostApi {
  const enc = new TextEncoder();
  return {
    kind: recent ? 'electron' : 'web',
    async readFile(path) {
      const f = files.get(path);
      if (f === undefined) throw new Error(`${path.split('/').pop()}: this file was not opened in this session; open it again`);
      const bytes = typeof f === 'string' ? enc.encode(f) : f;
      return bytes.slice().buffer;
    },
    openFiles: async () => [],
    openFolder: async () => null,
    saveFile: async () => ({ saved: false }),
    getRecent: async () => [],
    addRecent: async () => undefined,
    // Electron's main answers from its own recent list; the browser cannot reopen by path.
    async reopenRecent(path) {
      if (!recent) return null;
      const l = recent.get(path);
      if (!l) throw new Error(`${path.split('/').pop()} is not on the recent list`);
      return l;
    },
    loadDemo: async () => null,
    storeDemo: async () => ({ root: '/', files: [] }),
    onCommand: () => () => undefined,
    onOpenPaths: () => () => undefined,
  };
}

const inThread: MapReader = async (name, bytes) => {
  const img = readNifti(new Uint8Array(bytes instanceof Blob ? await bytes.arrayBuffer() : bytes), name);
  return { grid: img.grid, data: img.data, warnings: img.warnings };
};

/** A clock for the loader's progress timers that moves only when the test advances it. */
function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  // Real macrotask turn, not a sleep: lets the loader's promise chains run between clock steps.
  const settle = () => new Promise<void>((r) => setImmediate(r));
  return {
    now: () => now,
    setTimeout(fn: () => void, ms: number) {
      timers.set(nextId, { at: now + ms, fn });
      return nextId++;
    },
    clearTimeout: (h: unknown) => void timers.delete(h as number),
    sleep(ms: number) {
      return new Promise<void>((r) => this.setTimeout(r, ms));
    },
    /** Fires due timers in time order, 100 ms at a time, until `until` settles; returns its value. */
    async run<T>(until: Promise<T>): Promise<T> {
      let finished = false;
      void until.then(() => (finished = true), () => (finished = true));
      for (let i = 0; i < 20 && !finished; i++) await settle();
      while (!finished) {
        if (now > 60_000) throw new Error('the load never finished on the test clock');
        now += 100;
        for (const [id, t] of [...timers].sort((x, y) => x[1].at - y[1].at)) {
          if (t.at > now) continue;
          timers.delete(id);
          t.fn();
        }
        for (let i = 0; i < 20 && !finished; i++) await settle();
      }
      return until;
    },
  };
}

/** 3 subjects x MDMA/placebo of BOLD maps (value = subject + 10 under MDMA), plus 3x3 matrices. */
function studyFiles(): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>();
  for (let s = 1; s <= 3; s++) {
    for (const cond of ['MDMA', 'placebo']) {
      files.set(`/st/sub-0${s}_ses-${cond}_task-faces_stat-effect_statmap.nii.gz`, map2mm(s + (cond === 'MDMA' ? 10 : 0)));
      const r = cond === 'MDMA' ? 0.5 + s / 10 : 0.2;
      files.set(`/st/sub-0${s}_ses-${cond}_task-rest_desc-fisherz_connectivity.tsv`, `0\t${r}\t0.1\n${r}\t0\t0.3\n0.1\t0.3\t0\n`);
    }
  }
  files.set('/st/nodes.tsv', 'name\tx\ty\tz\nAmygdala_L\t-24\t-4\t-18\nHippocampus_L\t-26\t-20\t-10\nThalamus_L\t-10\t-18\t8\n');
  return files;
}

function listing(files: Map<string, unknown>): FolderListing {
  const refs: FileRef[] = [...files.keys()].map((path) => ({ path, name: path.split('/').pop()!, size: 1 }));
  return { root: '/st', files: refs };
}

/** The measure Compare shows is a Compare setting (scene.compare.measureId). */
function chooseMeasure(store: AppStore, id: string): void {
  const { scene } = store.getState();
  store.setState({ scene: { ...scene, compare: { ...scene.compare, measureId: id } } });
}

async function open(store: AppStore, files: Map<string, Uint8Array | string>) {
  const host = fakeHost(files);
  initStudyData({ store, host, reader: inThread });
  const dec = new TextDecoder();
  const result = await importFolder(listing(files), async (p) => dec.decode(await host.readFile(p)));
  openStudy(result);
  return result;
}

const BOLD = 'task-faces_stat-effect_statmap';
const MATRIX = 'task-rest_desc-fisherz_connectivity';

describe('study loader', () => {
  let store: AppStore;
  beforeEach(() => {
    store = createAppStore();
  });

  /** Loads BOLD with `readers` readers, each file taking 600 ms on a test clock: what the bar showed. */
  async function slowLoad(readers: number) {
    store = createAppStore();
    await open(store, studyFiles());
    const clock = manualClock();
    let inFlight = 0;
    let maxInFlight = 0;
    initStudyData({ store, host: fakeHost(studyFiles()), poolSize: readers, clock, reader: async (name, bytes, frame) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await clock.sleep(600);
      inFlight--;
      return inThread(name, bytes, frame);
    } });
    const shown: string[] = [];
    const off = store.subscribe((st) => {
      if (st.progress && shown[shown.length - 1] !== st.progress.label) shown.push(st.progress.label);
    });
    await clock.run(loadMeasure(BOLD));
    off();
    expect(store.getState().measureStatus[BOLD]).toMatchObject({ state: 'loaded', done: 6, total: 6 });
    return { shown, maxInFlight, finishedAt: clock.now() };
  }

  it('opens a study with its first map measure active and no problems', async () => {
    await open(store, studyFiles());
    const s = store.getState();
    expect(s.study?.subjects).toEqual(['sub-01', 'sub-02', 'sub-03']);
    expect(s.study?.conditions).toEqual(['MDMA', 'placebo']);
    expect(shownMeasureId(s)).toBe(BOLD);
    expect(s.studyProblems).toEqual([]);
  });

  it('loads maps aligned with subjects per condition, with progress counts', async () => {
    await open(store, studyFiles());
    const seen: string[] = [];
    const d = await loadMeasure(BOLD, (done, total) => seen.push(`${done}/${total}`));
    expect(seen[0]).toBe('0/6');
    expect(seen[seen.length - 1]).toBe('6/6');
    expect(d.subjects).toEqual(['sub-01', 'sub-02', 'sub-03']);
    expect(d.maps.MDMA.map((m) => m![5])).toEqual([11, 12, 13]);
    expect(d.maps.placebo.map((m) => m![5])).toEqual([1, 2, 3]);
    expect(d.resampled).toBe(false);
    expect(d.grid.dims).toEqual([4, 4, 4]);
    expect(store.getState().measureStatus[BOLD]).toMatchObject({ state: 'loaded', done: 6, total: 6 });
    expect(store.getState().progress).toBeNull();
    // A second call returns the same data without reading again.
    expect(await loadMeasure(BOLD)).toBe(d);
    expect(loadedMeasure(BOLD)).toBe(d);
  });

  it('shows the progress bar (files done of total) only for a load that outlasts 1 s', async () => {
    const labels = (run: () => Promise<unknown>) => {
      const seen: string[] = [];
      const off = store.subscribe((st) => {
        if (st.progress && seen[seen.length - 1] !== st.progress.label) seen.push(st.progress.label);
      });
      return run().then(() => {
        off();
        return seen;
      });
    };
    await open(store, studyFiles());
    // Instant reads: no bar flashes up (each repaint would recomposite the WebGL views).
    expect(await labels(() => loadMeasure(BOLD))).toEqual([]);
    // 600 ms per file on a clock the test advances, 2 readers so 4 files in flight: the first 4
    // finish at 600 ms, the last 2 at 1200 ms, so the bar shows once, at 1 s, with 4 of 6 done.
    const slow = await slowLoad(2);
    expect(slow.maxInFlight).toBe(4);
    expect(slow.finishedAt).toBe(1200);
    expect(slow.shown).toEqual(['Loading faces effect (BOLD): 4 of 6 files']);
    expect(store.getState().progress).toBeNull();
  });

  it('with 3 readers all 6 files are in flight at once, the load ends at 600 ms and no bar shows', async () => {
    const fast = await slowLoad(3);
    expect(fast.maxInFlight).toBe(6);
    expect(fast.finishedAt).toBe(600);
    expect(fast.shown).toEqual([]);
  });

  it('a switch hands the old measure\'s buffers to the readers, whose next maps reuse them with the right values', async () => {
    const files = studyFiles();
    // Maps as int16 with scl_slope 0.5 (as the demo writes them), so voxels are decoded into the
    // reader's buffers rather than viewed in the inflated file.
    const int16File = (v: number) => writeNifti({ dims: [4, 4, 4], affine: GRID_2MM, data: new Int16Array(64).fill(v * 2), sclSlope: 0.5 }, { gzip: true });
    for (let s = 1; s <= 3; s++) {
      for (const cond of ['MDMA', 'placebo']) {
        files.set(`/st/sub-0${s}_ses-${cond}_task-faces_stat-effect_statmap.nii.gz`, int16File(s + (cond === 'MDMA' ? 10 : 0)));
        files.set(`/st/sub-0${s}_ses-${cond}_cbf.nii.gz`, int16File(50 + s + (cond === 'MDMA' ? 0.5 : 0)));
      }
    }
    await open(store, files);
    // A reader like the worker pool: buffers it is given are transferred to it (detached here) and decoded into.
    const pool = new BufferPool();
    let trims = 0;
    let reused = 0;
    const pooled: MapReader = Object.assign(
      async (name: string, bytes: ArrayBuffer | Blob) => {
        const raw = new Uint8Array(bytes instanceof Blob ? await bytes.arrayBuffer() : bytes);
        const output = (n: number) => {
          const before = pool.size;
          const buf = pool.take(n * 4);
          if (pool.size < before) reused++;
          return new Float32Array(buf, 0, n);
        };
        const img = readNifti(raw, name, { output });
        return { grid: img.grid, data: img.data, warnings: img.warnings };
      },
      {
        recycle: (buffers: ArrayBuffer[]) => structuredClone(buffers, { transfer: buffers }).forEach((b) => pool.give(b)),
        trim: () => {
          trims++;
          pool.trim(0);
        },
      },
    );
    initStudyData({ store, host: fakeHost(files), reader: pooled });
    const bold = await loadMeasure(BOLD);
    expect(bold.maps.MDMA.map((m) => m![5])).toEqual([11, 12, 13]);
    expect(reused).toBe(0);
    expect(trims).toBe(1);
    chooseMeasure(store, 'cbf');
    const cbf = await loadMeasure('cbf');
    // Every CBF map was decoded into a buffer that held a BOLD map, and holds CBF values.
    expect(reused).toBe(6);
    expect(cbf.maps.MDMA.map((m) => m![5])).toEqual([51.5, 52.5, 53.5]);
    expect(cbf.maps.placebo.map((m) => [m![0], m![63], m!.length])).toEqual([[51, 51, 64], [52, 52, 64], [53, 53, 64]]);
    // The BOLD maps are gone from the loader and their old views are detached, not silently rewritten.
    expect(loadedMeasure(BOLD)).toBeUndefined();
    expect(bold.maps.MDMA[0]!.length).toBe(0);
    expect(trims).toBe(2);
    expect(pool.size).toBe(0);
  });

  it('opening another study hands the open study\'s map buffers to the readers and starts them', async () => {
    const files = studyFiles();
    await open(store, files);
    const given: ArrayBuffer[] = [];
    let warmed = 0;
    const reader: MapReader = Object.assign(
      async (name: string, bytes: ArrayBuffer | Blob) => {
        const img = readNifti(new Uint8Array(bytes instanceof Blob ? await bytes.arrayBuffer() : bytes), name);
        return { grid: img.grid, data: img.data, warnings: img.warnings };
      },
      {
        recycle: (buffers: ArrayBuffer[]) => given.push(...buffers),
        warm: () => warmed++,
      },
    );
    initStudyData({ store, host: fakeHost(files), reader });
    const bold = await loadMeasure(BOLD);
    const buffers = new Set(Object.values(bold.maps).flat().map((m) => m!.buffer));
    expect(buffers.size).toBe(6);
    const dec = new TextDecoder();
    openStudy(await importFolder(listing(files), async (p) => dec.decode(await fakeHost(files).readFile(p))));
    // Each of the six maps' buffers once, and the readers were told to start.
    expect(given).toHaveLength(6);
    expect(new Set(given)).toEqual(buffers);
    expect(warmed).toBe(1);
    expect(loadedMeasure(BOLD)).toBeUndefined();
  });

  it('resamples a map on another grid to the first map\'s grid and says so', async () => {
    const files = studyFiles();
    // sub-02 placebo at 4 mm over the same field of view: value 2 everywhere.
    files.set('/st/sub-02_ses-placebo_task-faces_stat-effect_statmap.nii.gz', writeNifti({ dims: [2, 2, 2], affine: GRID_4MM, data: new Float32Array(8).fill(2) }, { gzip: true }));
    await open(store, files);
    const d = await loadMeasure(BOLD);
    expect(d.resampled).toBe(true);
    expect(d.note).toBe('faces effect (BOLD): 1 of 6 maps were resampled (trilinear) to 4x4x4 at 2 mm, the first map\'s grid.');
    const m = d.maps.placebo[1]!;
    expect(m.length).toBe(64);
    // Voxel (1,1,1) = -2 mm lies inside the 4 mm grid: trilinear of a constant 2 is 2.
    expect(m[1 + 4 + 16]).toBeCloseTo(2, 6);
    const problems = store.getState().studyProblems;
    expect(problems).toHaveLength(1);
    expect(problems[0].kind).toBe('grid-mismatch');
    expect(problems[0].message).toContain('sub-02 placebo (sub-02_ses-placebo_task-faces_stat-effect_statmap.nii.gz) 2x2x2 at 4 mm');
  });

  it('a file that cannot be read becomes null and a problem naming it; the rest load', async () => {
    const files = studyFiles();
    files.set('/st/sub-03_ses-MDMA_task-faces_stat-effect_statmap.nii.gz', new Uint8Array([1, 2, 3, 4]));
    await open(store, files);
    const d = await loadMeasure(BOLD);
    expect(d.maps.MDMA[2]).toBeNull();
    expect(d.maps.MDMA[0]![5]).toBe(11);
    const p = store.getState().studyProblems.find((x) => x.kind === 'missing-file');
    expect(p?.message).toContain('sub-03_ses-MDMA_task-faces_stat-effect_statmap.nii.gz');
  });

  it('keeps only the maps of the measure being loaded and the active one', async () => {
    const files = studyFiles();
    for (let s = 1; s <= 3; s++) {
      for (const cond of ['MDMA', 'placebo']) {
        files.set(`/st/sub-0${s}_ses-${cond}_cbf.nii.gz`, map2mm(50 + s));
        files.set(`/st/sub-0${s}_ses-${cond}_task-rest_seed-mPFC_desc-fisherz_statmap.nii.gz`, map2mm(s / 10));
      }
    }
    await open(store, files);
    await loadMeasure(BOLD);
    await loadMeasure('cbf');
    chooseMeasure(store, 'cbf');
    await loadMeasure('task-rest_seed-mPFC_desc-fisherz_statmap');
    expect(loadedMeasure('cbf')).toBeDefined();
    expect(loadedMeasure('task-rest_seed-mPFC_desc-fisherz_statmap')).toBeDefined();
    expect(loadedMeasure(BOLD)).toBeUndefined();
    unloadMeasure('cbf');
    expect(loadedMeasure('cbf')).toBeUndefined();
  });

  it('brain mask: nonzero in some loaded map (zero everywhere = outside); all voxels without maps or atlas', async () => {
    await open(store, studyFiles());
    const d = await loadMeasure(BOLD);
    const mask = studyBrainMask(d.grid);
    expect(mask[0]).toBe(0);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(63);
    unloadMeasure(BOLD);
    expect(studyBrainMask(d.grid).reduce((a, b) => a + b, 0)).toBe(64);
  });

  it('loads matrices with the node table and records their sizes', async () => {
    await open(store, studyFiles());
    const { nodes, matrices } = await loadMatrices(MATRIX);
    expect(nodes.map((n) => n.name)).toEqual(['Amygdala_L', 'Hippocampus_L', 'Thalamus_L']);
    expect(nodes[0]).toMatchObject({ x: -24, y: -4, z: -18 });
    expect(matrices.MDMA.map((m) => m!.values[1])).toEqual([0.6, 0.7, 0.8]);
    expect(matrices.placebo[0]!.n).toBe(3);
  });

  it('reports matrices of different sizes', async () => {
    const files = studyFiles();
    files.set(`/st/sub-02_ses-MDMA_task-rest_desc-fisherz_connectivity.tsv`, '0\t0.5\n0.5\t0\n');
    await open(store, files);
    await loadMatrices(MATRIX);
    const p = store.getState().studyProblems.find((x) => x.kind === 'matrix-size-mismatch');
    expect(p?.message).toContain('sub-02 MDMA (sub-02_ses-MDMA_task-rest_desc-fisherz_connectivity.tsv) is 2x2');
  });

  it('rejects a measure the study does not have, in plain words', async () => {
    await open(store, studyFiles());
    await expect(loadMeasure('nope')).rejects.toThrow('The open study has no measure "nope"');
    await expect(loadMeasure(MATRIX)).rejects.toThrow('holds matrices, not maps');
  });
});

describe('confirming the inferred table', () => {

  async function pending() {
    const files = studyFiles();
    const host = fakeHost(files);
    const dec = new TextDecoder();
    const result = await importFolder(listing(files), async (p) => dec.decode(await host.readFile(p)));
    return pendingFrom(result, { kind: 'folder', path: '/st', label: 'st' });
  }

  it('unchanged rows give back the importer\'s study', async () => {
    const p = await pending();
    expect(p.rows).toHaveLength(12);
    expect(confirmedImport(p)).toBe(p.result);
  });

  it('excluding a row leaves that subject without a pair, and says so', async () => {
    let p = await pending();
    const i = p.rows.findIndex((r) => r.subject === 'sub-02' && r.condition === 'placebo' && r.kind === 'bold');
    p = editPendingRow(p, i, { include: false });
    const r = confirmedImport(p);
    const bold = r.study.measures.find((m) => m.id === BOLD)!;
    expect(bold.files).toHaveLength(5);
    expect(r.problems.map((x) => x.message)).toContain('faces effect (BOLD): sub-02 has no placebo file, so that subject is left out of the paired test.');
    // The node table found by the importer stays with the matrix measure.
    expect(r.study.measures.find((m) => m.id === MATRIX)?.nodes).toBe('/st/nodes.tsv');
  });

  it('renaming a condition everywhere keeps the contrast order and the pairs', async () => {
    const p = renameCondition(await pending(), 'placebo', 'PLA');
    const r = confirmedImport(p);
    expect(r.study.conditions).toEqual(['MDMA', 'PLA']);
    expect(r.problems).toEqual([]);
    expect(r.study.design).toBe('paired');
  });

  it('renaming one row\'s measure makes a new measure with the same kind', async () => {
    let p = await pending();
    const i = p.rows.findIndex((r) => r.kind === 'bold');
    p = editPendingRow(p, i, { measure: 'faces retest' });
    expect(editPendingRow(p, i, { measure: '   ' }).rows[i].measure).toBe('faces retest');
    const r = confirmedImport(p);
    const m = r.study.measures.find((x) => x.label === 'faces retest')!;
    expect(m).toMatchObject({ id: 'faces-retest', kind: 'bold', units: 'a.u.' });
    expect(m.files).toHaveLength(1);
  });
});

describe('reopening a recent study', () => {
  const item = (path: string) => ({ kind: 'study' as const, path, label: 'st', openedAt: '2026-11-27T08:00:00.000Z' });

  it('a folder the host lists again comes back as the table to confirm, without asking for the folder', async () => {
    const files = studyFiles();
    const store = createAppStore();
    const host = fakeHost(files, new Map([['/st', listing(files)]]));
    initStudyData({ store, host, reader: inThread });
    await openRecentItem({ store, host, engine: engineOf() }, item('/st'));
    const p = store.getState().pendingImport!;
    expect(p.rows).toHaveLength(12);
    expect(p.result.study.subjects).toEqual(['sub-01', 'sub-02', 'sub-03']);
  });

  it('a study table reopens through its own file', async () => {
    const files = studyFiles();
    const rows = ['subject\tcondition\tmeasure\tpath'];
    for (let s = 1; s <= 3; s++) for (const c of ['MDMA', 'placebo']) rows.push(`sub-0${s}\t${c}\tbold\tsub-0${s}_ses-${c}_task-faces_stat-effect_statmap.nii.gz`);
    files.set('/st/study.tsv', rows.join('\n') + '\n');
    const store = createAppStore();
    const table = { path: '/st/study.tsv', name: 'study.tsv', size: 1 };
    const host = fakeHost(files, new Map([['/st/study.tsv', { root: '/st', files: [table] }]]));
    initStudyData({ store, host, reader: inThread });
    await openRecentItem({ store, host, engine: engineOf() }, item('/st/study.tsv'));
    const p = store.getState().pendingImport!;
    expect(p.source.kind).toBe('table');
    expect(p.rows).toHaveLength(6);
  });

  it('in the browser (no access by path) it says to open the folder again', async () => {
    const store = createAppStore();
    const host = fakeHost(studyFiles());
    // (A path not opened in this session: /st is remembered from the tests above, as in a real session.)
    await expect(openRecentItem({ store, host, engine: engineOf() }, item('/elsewhere'))).rejects.toThrow('st: the browser no longer has access to /elsewhere; open the study folder again.');
    expect(store.getState().pendingImport).toBeNull();
  });
});
