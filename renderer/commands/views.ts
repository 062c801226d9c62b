/**
 * Saved views: keep what the screen shows under a name, and step through the list to present
 * (PageDown / PageUp, which presentation clickers send). The views live in the Scene, so Save
 * scene keeps them and saving, renaming or deleting one can be undone.
 */
import { addSavedView, moveSavedView, neighbourView, removeSavedView, renameSavedView, type NewView, type SavedView } from '../../shared/scene';
import { actions, type AppState, type AppStore } from '../store';
import { conditionsOf } from '../store/compare';
import type { Command } from './types';

function thresholdText(s: AppState): string {
  const t = s.compare.threshold;
  if (s.compare.fwe.on) return s.compare.perm.caption ?? `FWE (${s.compare.fwe.method}), not run`;
  const base = t.mode === 'p-unc' ? `p < ${t.value}` : t.mode === 'fdr-q' ? `FDR q < ${t.value}` : `|value| > ${t.value}`;
  return `${base}${t.sided === 1 ? ' one-sided' : ''}${t.minExtentVoxels > 0 ? `, ≥ ${t.minExtentVoxels} voxels` : ''}`;
}

/** A name that says what the view shows, e.g. "CBF · MDMA − placebo · FDR q < 0.05". */
function defaultName(s: AppState): string {
  const [x, y, z] = s.scene.view.crosshairMm.map((v) => Math.round(v));
  if (s.workspace === 'compare' && s.study && !s.compare.groupMap) {
    const measure = s.study.measures.find((m) => m.id === s.activeMeasureId);
    const [a, b] = conditionsOf(s);
    const [first, second] = s.compare.direction === 'A-B' ? [a, b] : [b, a];
    return `${measure?.label ?? 'measure'} · ${first} − ${second} · ${thresholdText(s)}`;
  }
  if (s.workspace === 'connectivity') return `Connectivity · ${s.connectivityView === '3d' ? '3D' : 'matrices'}`;
  return `Viewer · ${s.scene.view.sliceType} at ${x}, ${y}, ${z}`;
}

/** What the screen shows now, as a view to keep. */
export function captureView(s: AppState, name?: string): NewView {
  const c = s.compare;
  const [a, b] = conditionsOf(s);
  return {
    name: name ?? defaultName(s),
    workspace: s.workspace === 'figure' ? 'viewer' : s.workspace,
    view: s.scene.view,
    compare:
      s.workspace === 'compare' && !c.groupMap
        ? { measureId: s.activeMeasureId, conditionA: a, conditionB: b, direction: c.direction, statistic: c.statistic, threshold: { ...c.threshold }, layout: c.layout, paneView: c.paneView, clip: c.clip, dualCoding: c.dualCoding, rois: c.rois, ...(c.fwe.on ? { fwe: { method: c.fwe.method, nPerm: c.fwe.nPerm, clusterP: c.fwe.clusterP, alpha: c.fwe.alpha, seed: c.fwe.seed, caption: c.perm.caption } } : {}) }
        : null,
    connectivityView: s.workspace === 'connectivity' ? s.connectivityView : null,
  };
}

/** Shows a saved view: workspace, slices and crosshair, and in Compare the contrast, threshold and ROIs. */
export function applyView(store: AppStore, v: SavedView): void {
  const s = store.getState();
  const patch: Partial<AppState> = { workspace: v.workspace, activeViewId: v.id };
  const missing: string[] = [];
  if (v.compare) {
    const sc = v.compare;
    const measureOk = !!sc.measureId && !!s.study?.measures.some((m) => m.id === sc.measureId);
    if (sc.measureId && !measureOk) missing.push(`measure "${sc.measureId}"`);
    const conds = s.study?.conditions ?? [];
    const condsOk = !!sc.conditionA && !!sc.conditionB && conds.includes(sc.conditionA) && conds.includes(sc.conditionB);
    if (sc.conditionA && sc.conditionB && !condsOk) missing.push(`conditions ${sc.conditionA} and ${sc.conditionB}`);
    if (measureOk) patch.activeMeasureId = sc.measureId;
    patch.compare = {
      ...s.compare,
      groupMap: null,
      ...(condsOk ? { conditionA: sc.conditionA, conditionB: sc.conditionB } : {}),
      direction: sc.direction,
      statistic: sc.statistic,
      threshold: { ...sc.threshold },
      layout: sc.layout,
      paneView: sc.paneView,
      clip: sc.clip,
      dualCoding: sc.dualCoding,
      fwe: sc.fwe ? { on: true, method: sc.fwe.method, nPerm: sc.fwe.nPerm, clusterP: sc.fwe.clusterP, alpha: sc.fwe.alpha, seed: sc.fwe.seed } : { ...s.compare.fwe, on: false },
      rois: sc.rois.map((r) => ({ ...r })),
      activeCluster: -1,
    };
  }
  if (v.connectivityView) patch.connectivityView = v.connectivityView;
  // One update, so views and the compare controller never see half a view.
  patch.scene = { ...s.scene, view: { ...v.view, crosshairMm: [...v.view.crosshairMm] } };
  store.setState(patch);
  if (missing.length) actions.notify(store, `“${v.name}”: the open study has no ${missing.join(' and ')}; the rest of the view is shown`);
}

function viewById(s: AppState, id: unknown): SavedView {
  const v = s.scene.views.find((x) => x.id === id);
  if (!v) throw new Error('There is no such saved view');
  return v;
}

function step(store: AppStore, delta: -1 | 1): void {
  const s = store.getState();
  const v = neighbourView(s.scene, s.activeViewId, delta);
  if (v) applyView(store, v);
}

const hasViews = (s: AppState) => s.scene.views.length > 0;

export const viewsCommands: Command[] = [
  {
    id: 'views.save',
    title: 'Views: Save what is shown as a view',
    keybinding: 'Mod+Shift+s',
    undoable: true,
    perform: ({ store }, args) => {
      const name = (args as { name?: string } | undefined)?.name;
      const s = store.getState();
      const r = addSavedView(s.scene, captureView(s, name));
      store.setState({ scene: r.scene, activeViewId: r.view.id });
    },
  },
  {
    id: 'views.apply',
    title: 'Views: Show a saved view',
    palette: false,
    perform: ({ store }, args) => applyView(store, viewById(store.getState(), (args as { id?: string } | undefined)?.id)),
  },
  {
    id: 'views.next',
    title: 'Views: Next saved view',
    keybinding: 'PageDown',
    when: hasViews,
    perform: ({ store }) => step(store, 1),
  },
  {
    id: 'views.previous',
    title: 'Views: Previous saved view',
    keybinding: 'PageUp',
    when: hasViews,
    perform: ({ store }) => step(store, -1),
  },
  {
    id: 'views.present',
    title: 'Views: Present (panes fill the screen; PageDown / PageUp step through the views; Esc ends)',
    keybinding: 'F5',
    perform: ({ store }) => {
      const s = store.getState();
      store.setState({ presenting: true });
      if (!s.activeViewId && s.scene.views.length) applyView(store, s.scene.views[0]);
    },
  },
  {
    id: 'views.endPresent',
    title: 'Views: End presenting',
    keybinding: 'Escape',
    when: (s) => s.presenting,
    perform: ({ store }) => store.setState({ presenting: false }),
  },
  {
    id: 'views.rename',
    undoable: true,
    title: 'Views: Rename a saved view',
    palette: false,
    perform: ({ store }, args) => {
      const { id, name } = (args ?? {}) as { id?: string; name?: string };
      viewById(store.getState(), id);
      actions.setScene(store, (scene) => renameSavedView(scene, id!, name ?? ''));
    },
  },
  {
    id: 'views.move',
    undoable: true,
    title: 'Views: Move a saved view up or down',
    palette: false,
    perform: ({ store }, args) => {
      const { id, delta } = (args ?? {}) as { id?: string; delta?: -1 | 1 };
      viewById(store.getState(), id);
      actions.setScene(store, (scene) => moveSavedView(scene, id!, delta === -1 ? -1 : 1));
    },
  },
  {
    id: 'views.delete',
    undoable: true,
    title: 'Views: Delete a saved view',
    palette: false,
    perform: ({ store }, args) => {
      const id = (args as { id?: string } | undefined)?.id;
      viewById(store.getState(), id);
      actions.setScene(store, (scene) => removeSavedView(scene, id!));
      if (store.getState().activeViewId === id) store.setState({ activeViewId: null });
    },
  },
];
