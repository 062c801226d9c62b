/**
 * The simulated demo study the app opens on: the cached copy when there is one (Electron's
 * user-data folder, IndexedDB in the browser), else generated in two workers from the bundled
 * template and atlas, cached, and imported through the same path as a user's folder. In the
 * browser the study opens as soon as the measure Compare shows first has been generated; the
 * other measures stream in behind it (see demoStream.ts).
 */
import type { FolderListing, HostApi } from '../../shared/ipc/host';
import { importFolder, type ImportResult } from '../../shared/study';
import { actions, type AppStore } from '../store';
import { generateDemoFiles, streamDemoStudy } from './demoStream';
import { loadActive, studyDataOf, type StudyOpenContext } from './studyOpen';

const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function importListing(listing: FolderListing, host: HostApi): Promise<ImportResult> {
  const decoder = new TextDecoder();
  return importFolder(listing, async (p) => decoder.decode(await host.readFile(p)));
}

/**
 * The cached demo; else in the browser the demo streamed (open once its first measure is in),
 * and in Electron the whole demo generated and written to the user-data folder first.
 */
async function demoStudy(store: AppStore, host: HostApi): Promise<{ listing: FolderListing; result: ImportResult; resume?: () => void }> {
  const cached = await host.loadDemo().catch(() => null);
  if (cached && cached.files.length > 0) return { listing: cached, result: await importListing(cached, host) };
  store.setState({ demoState: 'generating' });
  if (host.streamDemo) return streamDemoStudy(store, host, host.streamDemo.bind(host));
  const listing = await host.storeDemo(await generateDemoFiles(store));
  return { listing, result: await importListing(listing, host) };
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
  // A streamed demo's workers wait while the first measure is read (the cores are few).
  let heldWorkers: (() => void) | undefined;
  try {
    const { listing, result, resume } = await demoStudy(store, host);
    heldWorkers = resume;
    studyDataOf(ctx).openStudy(result, { kind: 'demo', path: listing.root, label: result.study.name });
    // A streamed demo is 'ready' once its last measure is in.
    if (store.getState().demoState !== 'generating') store.setState({ demoState: 'ready' });
    console.info(`demo study open in ${seconds(performance.now() - t0)} s`);
    await firstFrameDrawn(store);
    await loadActive(ctx);
  } catch (e) {
    store.setState({ demoState: 'failed' });
    actions.reportError(store, 'Demo study', e instanceof Error ? e.message : String(e));
  } finally {
    heldWorkers?.();
    if (store.getState().progress?.label.includes('demo')) actions.setProgress(store, null);
  }
}
