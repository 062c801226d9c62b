/**
 * Generating the demo study on a first start. Browser mode streams it: the study is listed from
 * the generator's file names at once, imported as soon as its study files are in, and opened once
 * the files of the measure it opens on are in (both workers generate that measure first); the
 * other measures follow in the background and the whole set is saved for later starts.
 */
import type { DemoFile, DemoStream, FolderListing, HostApi } from '../../shared/ipc/host';
import { demoFileNames, importFolder, type ImportResult } from '../../shared/study';
import { actions, type AppStore } from '../store';
import { firstMapMeasure } from '../store/study';
import { DEMO_SHARES, startDemoWorkers, type DemoWorkerEvents } from './demoWorkers';
import type { DemoTiming } from './studyProtocol';

const seconds = (ms: number) => (ms / 1000).toFixed(1);

function timingText(t: DemoTiming, share: number): string {
  const batches = t.batchesMs.map((ms) => seconds(ms)).join(', ');
  return `share ${share}: set-up ${seconds(t.setupMs)} s, generating ${seconds(t.generateMs)} s of which gzip (${t.deflater}) ${seconds(t.deflateMs)} s, held ${seconds(t.heldMs)} s, batches at ${batches} s`;
}

function progressLabel(store: AppStore, done: number, total: number): void {
  actions.setProgress(store, { label: `Generating the simulated demo study: ${done} of ${total || '…'} files`, fraction: total ? done / total : 0 });
}

/** The whole demo, generated before anything opens (Electron writes it to disk first). */
export async function generateDemoFiles(store: AppStore): Promise<DemoFile[]> {
  const t0 = performance.now();
  const files: DemoFile[] = [];
  const timings: string[] = [];
  await startDemoWorkers({
    onFiles: (batch) => files.push(...batch),
    onProgress: (done, total) => progressLabel(store, done, total),
    onTiming: (t, share) => timings.push(timingText(t, share)),
  }).done;
  console.info(`demo study generated in ${seconds(performance.now() - t0)} s (${files.length} files; ${timings.join('; ')})`);
  return files;
}

/** Resolves once every path in `paths` has arrived (or at once); rejects when generation fails. */
class Arrivals {
  private readonly have = new Set<string>();
  private readonly waits: { paths: string[]; resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;

  add(paths: string[]): void {
    for (const p of paths) this.have.add(p);
    for (const w of [...this.waits]) {
      if (w.paths.every((p) => this.have.has(p))) {
        this.waits.splice(this.waits.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  fail(e: Error): void {
    this.failure = e;
    for (const w of this.waits.splice(0)) w.reject(e);
  }

  has(paths: string[]): boolean {
    return paths.every((p) => this.have.has(p));
  }

  all(paths: string[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.has(paths)) return Promise.resolve();
    return new Promise((resolve, reject) => this.waits.push({ paths, resolve, reject }));
  }
}

export interface StreamedDemo {
  listing: FolderListing;
  result: ImportResult;
  /** The workers wait after the first measure: call once it has been read (or given up on). */
  resume(): void;
}

/**
 * Browser mode's first start: returns the imported study once the measure it opens on is in.
 * Generation goes on after that; `demoState` becomes 'ready' (or 'failed') when it ends.
 */
export async function streamDemoStudy(store: AppStore, host: HostApi, streamDemo: (relPaths: string[]) => DemoStream): Promise<StreamedDemo> {
  const t0 = performance.now();
  const names = Array.from({ length: DEMO_SHARES }, (_, index) => demoFileNames({ index, of: DEMO_SHARES })).flat();
  const stream = streamDemo(names);
  const root = stream.listing.root;
  const arrivals = new Arrivals();
  const files: DemoFile[] = [];
  const timings: string[] = [];
  let opened = false;
  let firstMapBatches = 0;
  let needed: string[] | null = null;
  const events: DemoWorkerEvents = {
    onFiles(batch) {
      files.push(...batch);
      stream.add(batch);
      arrivals.add(batch.map((f) => `${root}/${f.relPath}`));
      if (batch.some((f) => f.relPath.endsWith('.nii.gz'))) firstMapBatches++;
      // Held workers have given all they will before resuming: if the study opens on another
      // measure than the generator's first, let them go on rather than wait for ever.
      if (firstMapBatches >= DEMO_SHARES && needed && !arrivals.has(needed)) run.resume();
    },
    onProgress(done, total) {
      if (!opened) progressLabel(store, done, total);
      else store.setState({ demoProgress: { done, total } });
    },
    onTiming: (t, share) => timings.push(timingText(t, share)),
  };
  const run = startDemoWorkers(events, { hold: true });
  const generated = run.done.then(
    async () => {
      console.info(`demo study generated in ${seconds(performance.now() - t0)} s (${files.length} files; ${timings.join('; ')})`);
      store.setState({ demoState: 'ready', demoProgress: null });
      await stream.save(files).catch((e: unknown) => console.warn(`the demo study was not saved for later starts: ${e instanceof Error ? e.message : String(e)}`));
    },
    (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      stream.fail(error.message);
      arrivals.fail(error);
      store.setState({ demoProgress: null });
      // Before the study opens the failure is the opening's; after, it is reported here.
      if (opened) {
        store.setState({ demoState: 'failed' });
        actions.reportError(store, 'Demo study', error.message);
      }
    },
  );
  void generated;

  try {
    const decoder = new TextDecoder();
    // The study files come in the first batch; reads of files not generated yet wait for them.
    const result = await importFolder(stream.listing, async (p) => decoder.decode(await host.readFile(p)));
    const first = result.study.measures.find((m) => m.id === firstMapMeasure(result.study));
    needed = first ? first.files.map((f) => f.path) : names.map((n) => `${root}/${n}`);
    if (firstMapBatches >= DEMO_SHARES && !arrivals.has(needed)) run.resume();
    await arrivals.all(needed);
    opened = true;
    actions.setProgress(store, null);
    console.info(`demo study: ${first?.label ?? 'every measure'} generated in ${seconds(performance.now() - t0)} s; the other measures follow`);
    return { listing: stream.listing, result, resume: run.resume };
  } catch (e) {
    run.resume();
    throw e;
  }
}
