/**
 * The app store: a vanilla zustand store (usable in Node tests) built from four slices.
 * Voxel buffers never go in here; only ids and metadata.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { emptyScene, type Scene } from '../../shared/scene';
import type { AppState, Progress, Workspace } from './types';
import { initialStudyState } from './study';
import { initialCompareState } from './compare';

export type AppStore = StoreApi<AppState>;

const UNDO_LIMIT = 100;

export function initialState(): AppState {
  return {
    scene: emptyScene(),
    past: [],
    future: [],
    selectedLayerId: null,
    errors: [],
    missingFiles: [],
    notices: [],
    progress: null,
    paletteOpen: false,
    workspace: 'viewer',
    edgeThreshold: { mode: 'fdr-q', value: 0.05 },
    connectivityView: 'matrix',
    activeViewId: null,
    presenting: false,
    activeFigureId: null,
    figureFormat: 'png',
    ready: false,
    firstFrame: false,
    templateId: null,
    atlasId: null,
    studyRoot: null,
    ...initialStudyState(),
    ...initialCompareState(),
  };
}

export function createAppStore(): AppStore {
  return createStore<AppState>()(() => initialState());
}

let nextMessageId = 1;

/** Plain actions on a store; commands and the engine call these. */
export const actions = {
  /** Replace the scene without touching undo (crosshair moves, engine bookkeeping). */
  setScene(store: AppStore, fn: (s: Scene) => Scene): void {
    const cur = store.getState().scene;
    const next = fn(cur);
    if (next !== cur) store.setState({ scene: next });
  },
  /** Record the current scene for undo, then apply. */
  editScene(store: AppStore, fn: (s: Scene) => Scene): void {
    const { scene, past } = store.getState();
    const next = fn(scene);
    if (next === scene) return;
    store.setState({ scene: next, past: [...past, scene].slice(-UNDO_LIMIT), future: [] });
  },
  pushUndo(store: AppStore, before: Scene): void {
    const { scene, past } = store.getState();
    if (before === scene) return;
    store.setState({ past: [...past, before].slice(-UNDO_LIMIT), future: [] });
  },
  undo(store: AppStore): boolean {
    const { scene, past, future } = store.getState();
    if (past.length === 0) return false;
    store.setState({ scene: keepLoaded(past[past.length - 1], scene), past: past.slice(0, -1), future: [scene, ...future] });
    return true;
  },
  redo(store: AppStore): boolean {
    const { scene, past, future } = store.getState();
    if (future.length === 0) return false;
    store.setState({ scene: keepLoaded(future[0], scene), past: [...past, scene], future: future.slice(1) });
    return true;
  },
  reportError(store: AppStore, subject: string, message: string): void {
    const id = nextMessageId++;
    store.setState({ errors: [...store.getState().errors, { id, subject, message }].slice(-8) });
  },
  dismissError(store: AppStore, id: number): void {
    store.setState({ errors: store.getState().errors.filter((e) => e.id !== id) });
  },
  notify(store: AppStore, message: string): void {
    const id = nextMessageId++;
    store.setState({ notices: [...store.getState().notices, { id, message }].slice(-4) });
  },
  dismissNotice(store: AppStore, id: number): void {
    store.setState({ notices: store.getState().notices.filter((n) => n.id !== id) });
  },
  setProgress(store: AppStore, progress: Progress | null): void {
    store.setState({ progress });
  },
  select(store: AppStore, id: string | null): void {
    store.setState({ selectedLayerId: id });
  },
  setPaletteOpen(store: AppStore, open: boolean): void {
    store.setState({ paletteOpen: open });
  },
  setWorkspace(store: AppStore, workspace: Workspace): void {
    store.setState({ workspace });
  },
};

/**
 * Undo restores display settings, not a file's presence that the cache no longer has:
 * a snapshot keeps the crosshair the user is at now, so undoing a colormap does not jump, and a
 * snapshot from before a study was opened (no measure chosen) keeps the measure shown now, so
 * undoing a threshold never unloads the study's maps.
 */
function keepLoaded(target: Scene, current: Scene): Scene {
  const compare = target.compare.measureId === null && current.compare.measureId !== null ? { ...target.compare, measureId: current.compare.measureId } : target.compare;
  return { ...target, compare, view: { ...target.view, crosshairMm: current.view.crosshairMm } };
}
