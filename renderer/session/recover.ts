/**
 * Crash recovery at start: read what the last (unclean) run autosaved, before this run's autosave
 * can overwrite it, then start autosaving. Accepting re-opens the files that can still be read
 * and lays the saved scene over them; the ones that cannot are listed.
 */
import { clockTime, fileLayers, mergeSavedScene, parseAutosave, type Autosave } from '../../shared/scene';
import type { FileRef, HostApi } from '../../shared/ipc/host';
import { actions, type AppStore } from '../store';
import { startAutosave, type AutosaveHandle } from './autosave';

export interface Recovery extends Autosave {
  /** "14:32", for "Recover unsaved work from 14:32?". */
  time: string;
}

export interface SessionStart {
  recovery: Recovery | null;
  autosave: AutosaveHandle | null;
}

export async function startSession(store: AppStore, host: HostApi, options: { delayMs?: number } = {}): Promise<SessionStart> {
  let recovery: Recovery | null = null;
  const text = await host.recoverAutosave?.().catch(() => null);
  if (text) {
    const r = parseAutosave(text);
    if (r.ok) recovery = { ...r.autosave, time: clockTime(r.autosave.savedAt) };
    else actions.notify(store, `The work autosaved before the last unclean exit could not be recovered: ${r.message}`);
  }
  const write = host.autosave?.bind(host);
  const autosave = write ? startAutosave(store, write, { delayMs: options.delayMs, onError: (m) => actions.notify(store, m) }) : null;
  return { recovery, autosave };
}

export interface MissingFile {
  name: string;
  path: string;
}

/**
 * Restores a recovered scene. `engine` re-opens files (it reports each one that fails);
 * returns the files that did not come back.
 */
export async function applyRecovery(store: AppStore, engine: { start(): Promise<void>; openFiles(refs: FileRef[]): Promise<void> } | null, recovery: Autosave): Promise<MissingFile[]> {
  await engine?.start();
  const saved = recovery.scene;
  const openPaths = () => new Set(fileLayers(store.getState().scene).map((l) => l.source.path));
  const toOpen = fileLayers(saved).filter((l) => !openPaths().has(l.source.path));
  const ref = (path: string) => ({ path, name: fileName(path), size: 0 });
  // An atlas opened with its label table is opened with it, on its own (so the two pair whatever their names).
  const withLabels = toOpen.filter((l) => l.kind === 'atlas' && l.source.labelsPath);
  const plain = toOpen.filter((l) => !withLabels.includes(l));
  if (engine && plain.length) await engine.openFiles(plain.map((l) => ref(l.source.path)));
  for (const l of withLabels) await engine?.openFiles([ref(l.source.path), ref(l.source.labelsPath!)]);
  const before = store.getState().scene;
  const { scene, missing } = mergeSavedScene(before, saved);
  actions.setScene(store, () => scene);
  // Recovering is one step the user can undo.
  actions.pushUndo(store, before);
  store.setState({ activeViewId: null, missingFiles: missing });
  return missing.map((l) => ({ name: l.name, path: l.source.type === 'file' ? l.source.path : l.name }));
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
