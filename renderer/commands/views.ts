/**
 * Saved views: keep what the screen shows under a name, and step through the list to present
 * (PageDown / PageUp, which presentation clickers send). The views live in the Scene, so Save
 * scene keeps them and saving, renaming or deleting one can be undone.
 */
import { addSavedView, moveSavedView, neighbourView, removeSavedView, renameSavedView, type NewView, type SavedView } from '../../shared/scene';
import { actions, compareSettings, shownMeasureId, type AppState, type AppStore } from '../store';
import { conditionsOf } from '../store/compare';
import type { Command, Patch } from './types';

function thresholdText(s: AppState): string {
  const c = compareSettings(s);
  const t = c.threshold;
  if (c.fwe.on) return s.compare.perm.caption ?? `FWE (${c.fwe.method}), not run`;
  const base = t.mode === 'p-unc' ? `p < ${t.value}` : t.mode === 'fdr-q' ? `FDR q < ${t.value}` : `|value| > ${t.value}`;
  return `${base}${t.sided === 1 ? ' one-sided' : ''}${t.minExtentVoxels > 0 ? `, ≥ ${t.minExtentVoxels} voxels` : ''}`;
}

/** A name that says what the view shows, e.g. "CBF · MDMA − placebo · FDR q < 0.05". */
function defaultName(s: AppState): string {
  const [x, y, z] = s.scene.view.crosshairMm.map((v) => Math.round(v));
  const c = compareSettings(s);
  if (s.workspace === 'compare' && s.study && !c.groupMap) {
    const measure = s.study.measures.find((m) => m.id === shownMeasureId(s));
    const [a, b] = conditionsOf(s);
    const [first, second] = c.direction === 'A-B' ? [a, b] : [b, a];
    return `${measure?.label ?? 'measure'} · ${first} − ${second} · ${thresholdText(s)}`;
  }
  if (s.workspace === 'connectivity') return `Connectivity · ${s.connectivityView === '3d' ? '3D' : 'matrices'}`;
  return `Viewer · ${s.scene.view.sliceType} at ${x}, ${y}, ${z}`;
}

/** What the screen shows now, as a view to keep: in Compare, the Compare settings whole (the measure and conditions as shown). */
export function captureView(s: AppState, name?: string): NewView {
  const c = compareSettings(s);
  const [a, b] = conditionsOf(s);
  return {
    name: name ?? defaultName(s),
    workspace: s.workspace === 'figure' ? 'viewer' : s.workspace,
    view: s.scene.view,
    compare: s.workspace === 'compare' && !c.groupMap ? { ...c, measureId: shownMeasureId(s), conditionA: a, conditionB: b } : null,
    connectivityView: s.workspace === 'connectivity' ? s.connectivityView : null,
  };
}

/**
 * Going to a saved view: workspace, slices and crosshair, and in Compare its settings. A measure or
 * conditions the open study lacks keep the ones shown now (and a notice says so).
 */
export function showSavedView(store: AppStore, v: SavedView): Patch {
  const s = store.getState();
  const state: Patch['state'] = { workspace: v.workspace, activeViewId: v.id };
  const missing: string[] = [];
  let compare = s.scene.compare;
  if (v.compare) {
    const sc = v.compare;
    const measureOk = !!sc.measureId && !!s.study?.measures.some((m) => m.id === sc.measureId);
    if (sc.measureId && !measureOk) missing.push(`measure "${sc.measureId}"`);
    const conds = s.study?.conditions ?? [];
    const condsOk = !!sc.conditionA && !!sc.conditionB && conds.includes(sc.conditionA) && conds.includes(sc.conditionB);
    if (sc.conditionA && sc.conditionB && !condsOk) missing.push(`conditions ${sc.conditionA} and ${sc.conditionB}`);
    const cur = s.scene.compare;
    compare = {
      ...structuredClone(sc),
      groupMap: null,
      measureId: measureOk ? sc.measureId : cur.measureId,
      conditionA: condsOk ? sc.conditionA : cur.conditionA,
      conditionB: condsOk ? sc.conditionB : cur.conditionB,
    };
    state.compare = { ...s.compare, activeCluster: -1 };
  }
  if (v.connectivityView) state.connectivityView = v.connectivityView;
  const notice = missing.length ? `“${v.name}”: the open study has no ${missing.join(' and ')}; the rest of the view is shown` : null;
  // One update, so views and the compare controller never see half a view.
  return {
    scene: (scene) => ({ ...scene, compare, view: { ...v.view, crosshairMm: [...v.view.crosshairMm] } }),
    state,
    after: notice ? () => actions.notify(store, notice) : undefined,
  };
}

function viewById(s: AppState, id: unknown): SavedView {
  const v = s.scene.views.find((x) => x.id === id);
  if (!v) throw new Error('There is no such saved view');
  return v;
}

function step(store: AppStore, delta: -1 | 1): Patch | undefined {
  const s = store.getState();
  const v = neighbourView(s.scene, s.activeViewId, delta);
  return v ? showSavedView(store, v) : undefined;
}

const hasViews = (s: AppState) => s.scene.views.length > 0;

export const viewsCommands: Command[] = [
  {
    id: 'views.save',
    title: 'Views: Save what is shown as a view',
    keybinding: 'Mod+Shift+s',
    capture: 'now',
    perform: ({ store }, args) => {
      const name = (args as { name?: string } | undefined)?.name;
      const s = store.getState();
      const r = addSavedView(s.scene, captureView(s, name));
      return { scene: () => r.scene, state: { activeViewId: r.view.id } };
    },
  },
  {
    id: 'views.apply',
    title: 'Views: Show a saved view',
    palette: false,
    // Going to a view is navigation, as stepping through slides: not an undo step.
    perform: ({ store }, args) => showSavedView(store, viewById(store.getState(), (args as { id?: string } | undefined)?.id)),
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
      if (!s.activeViewId && s.scene.views.length) {
        const p = showSavedView(store, s.scene.views[0]);
        return { ...p, state: { ...p.state, presenting: true } };
      }
      return { state: { presenting: true } };
    },
  },
  {
    id: 'views.endPresent',
    title: 'Views: End presenting',
    keybinding: 'Escape',
    when: (s) => s.presenting,
    perform: () => ({ state: { presenting: false } }),
  },
  {
    id: 'views.rename',
    capture: 'now',
    title: 'Views: Rename a saved view',
    palette: false,
    perform: ({ store }, args) => {
      const { id, name } = (args ?? {}) as { id?: string; name?: string };
      viewById(store.getState(), id);
      return { scene: (scene) => renameSavedView(scene, id!, name ?? '') };
    },
  },
  {
    id: 'views.move',
    capture: 'now',
    title: 'Views: Move a saved view up or down',
    palette: false,
    perform: ({ store }, args) => {
      const { id, delta } = (args ?? {}) as { id?: string; delta?: -1 | 1 };
      viewById(store.getState(), id);
      return { scene: (scene) => moveSavedView(scene, id!, delta === -1 ? -1 : 1) };
    },
  },
  {
    id: 'views.delete',
    capture: 'now',
    title: 'Views: Delete a saved view',
    palette: false,
    perform: ({ store }, args) => {
      const id = (args as { id?: string } | undefined)?.id;
      viewById(store.getState(), id);
      return { scene: (scene) => removeSavedView(scene, id!), ...(store.getState().activeViewId === id ? { state: { activeViewId: null } } : {}) };
    },
  },
];
