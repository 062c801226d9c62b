/**
 * The simulated demo study the app opens on: the cached copy when there is one (Electron's
 * user-data folder, IndexedDB in the browser), else generated in two workers from the bundled
 * template and atlas, cached, and imported through the same path as a user's folder.
 */
import type { DemoFile, FolderListing, HostApi } from '../../shared/ipc/host';
import { importFolder } from '../../shared/study';
import { actions, type AppStore } from '../store';
import type { DemoRequest, DemoResponse } from './studyProtocol';
import { loadActive, studyDataOf, type StudyOpenContext } from './studyOpen';

const DEMO_INPUTS = { template: 'template_ch2bet.nii.gz', atlas: 'atlas_aal.nii.gz', labels: 'atlas_aal.txt' };
const WORKERS = 2;

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: the bundled file is missing (HTTP ${r.status})`);
  return r.arrayBuffer();
}

/** Generate the demo in `WORKERS` shares at once; progress is files done over all shares. */
export async function generateDemoFiles(onProgress: (done: number, total: number) => void): Promise<DemoFile[]> {
  const [template, atlas, labels] = await Promise.all([
    fetchBytes(`./${DEMO_INPUTS.template}`),
    fetchBytes(`./${DEMO_INPUTS.atlas}`),
    fetchBytes(`./${DEMO_INPUTS.labels}`).then((b) => new TextDecoder().decode(b)),
  ]);
  const done = new Array<number>(WORKERS).fill(0);
  const totals = new Array<number>(WORKERS).fill(0);
  const shares = Array.from({ length: WORKERS }, (_, index) => {
    const w = new Worker(new URL('../workers/demo.worker.ts', import.meta.url), { type: 'module' });
    return new Promise<DemoFile[]>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<DemoResponse>) => {
        const m = e.data;
        if (m.type === 'progress') {
          done[index] = m.done;
          totals[index] = m.total;
          onProgress(done.reduce((a, b) => a + b, 0), totals.every((t) => t > 0) ? totals.reduce((a, b) => a + b, 0) : 0);
          return;
        }
        w.terminate();
        if (m.type === 'done') resolve(m.files);
        else reject(new Error(`The demo study could not be generated: ${m.message}`));
      };
      w.onerror = (e) => {
        e.preventDefault();
        w.terminate();
        reject(new Error(`The demo study could not be generated: ${e.message || 'the generator stopped (out of memory?)'}`));
      };
      // Each worker gets its own copy of the inputs (small: a few MB).
      const req: DemoRequest = {
        template: template.slice(0),
        templateName: DEMO_INPUTS.template,
        atlas: atlas.slice(0),
        atlasName: DEMO_INPUTS.atlas,
        labels,
        labelsName: DEMO_INPUTS.labels,
        part: { index, of: WORKERS },
      };
      w.postMessage(req, [req.template, req.atlas]);
    });
  });
  const parts = await Promise.all(shares);
  return parts.flat();
}

async function demoListing(store: AppStore, host: HostApi): Promise<FolderListing> {
  const cached = await host.loadDemo().catch(() => null);
  if (cached && cached.files.length > 0) return cached;
  store.setState({ demoState: 'generating' });
  const t0 = performance.now();
  actions.setProgress(store, { label: 'Generating the simulated demo study', fraction: 0 });
  const files = await generateDemoFiles((done, total) => {
    actions.setProgress(store, { label: `Generating the simulated demo study: ${done} of ${total || '…'} files`, fraction: total ? done / total : 0 });
  });
  console.info(`demo study generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${files.length} files)`);
  actions.setProgress(store, { label: 'Saving the demo study for later starts', fraction: null });
  return host.storeDemo(files);
}

/**
 * The start screen's first picture, or `maxMs`: the first measure's maps are read after it, so
 * the two do not share the cores (the viewer does not draw subject maps; Compare waits for them).
 */
function firstFrameDrawn(store: AppStore, maxMs = 4000): Promise<void> {
  const st = store.getState();
  // Nothing to wait for without a template, or when another workspace is shown.
  if (st.firstFrame || !st.ready || st.workspace !== 'viewer') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    const unsubscribe = store.subscribe((st) => {
      if (st.firstFrame) done();
    });
  });
}

/** Open the demo study (first start generates it). Failures become a banner; the viewer still works. */
export async function openDemoStudy(ctx: StudyOpenContext): Promise<void> {
  const { store, host } = ctx;
  if (!host) return;
  const t0 = performance.now();
  try {
    const listing = await demoListing(store, host);
    const t1 = performance.now();
    actions.setProgress(store, { label: 'Reading the demo study', fraction: null });
    const decoder = new TextDecoder();
    const result = await importFolder(listing, async (p) => decoder.decode(await host.readFile(p)));
    studyDataOf(ctx).openStudy(result, { kind: 'demo', path: listing.root, label: result.study.name });
    store.setState({ demoState: 'ready' });
    const s = (ms: number) => (ms / 1000).toFixed(1);
    console.info(`demo study open in ${s(performance.now() - t0)} s (files ready after ${s(t1 - t0)} s, import ${s(performance.now() - t1)} s)`);
    await firstFrameDrawn(store);
    await loadActive(ctx);
  } catch (e) {
    store.setState({ demoState: 'failed' });
    actions.reportError(store, 'Demo study', e instanceof Error ? e.message : String(e));
  } finally {
    if (store.getState().progress?.label.includes('demo')) actions.setProgress(store, null);
  }
}
