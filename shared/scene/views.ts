/**
 * Saved views: named snapshots of what the screen shows (workspace, slice view and crosshair, and
 * in Compare the measure, contrast, statistic, threshold, layout and ROIs), kept in the Scene so
 * a saved scene file carries them. Stepping through them is how a lab meeting is presented.
 */
import { STATISTICS, type Direction, type Statistic, type ThresholdSpec } from '../compare';
import type { Scene, SliceType, ViewState } from './types';
import { SLICE_TYPES } from './view';

export type ViewWorkspace = 'viewer' | 'compare' | 'connectivity';

/** Where an ROI comes from; its mask is rebuilt from this on the grid in use. */
export type RoiSource =
  | { type: 'preset'; preset: string }
  /** `atlasId`: the atlas layer the label belongs to; absent = the bundled AAL. */
  | { type: 'label'; index: number; atlasId?: string }
  | { type: 'sphere'; centerMm: [number, number, number]; radiusMm: number }
  | { type: 'mask'; layerId: string };

export interface RoiDef {
  id: string;
  name: string;
  source: RoiSource;
}

export interface SavedCompare {
  measureId: string | null;
  conditionA: string | null;
  conditionB: string | null;
  direction: Direction;
  statistic: Statistic;
  threshold: ThresholdSpec;
  layout: 'row' | 'contrast';
  /** a niivue slice type, or 'surface' for the cortical surface grid */
  paneView: SliceType | 'surface';
  clip: boolean;
  dualCoding: boolean;
  rois: RoiDef[];
  /** FWE (permutation) inference when the view used it; `caption` names it as shown */
  fwe?: { method: 'max-t' | 'cluster-extent' | 'cluster-mass' | 'tfce'; nPerm: number; clusterP: number; alpha: number; seed: number; caption: string | null };
}

export interface SavedView {
  id: string;
  name: string;
  workspace: ViewWorkspace;
  view: ViewState;
  compare: SavedCompare | null;
  connectivityView: 'matrix' | '3d' | null;
}

export type NewView = Omit<SavedView, 'id' | 'name'> & { name?: string };

const MAX_NAME = 120;

/** Adds a view at the end; a missing or taken name becomes "View N". Returns the new scene and the view. */
export function addSavedView(scene: Scene, v: NewView): { scene: Scene; view: SavedView } {
  const views = scene.views;
  let k = views.length + 1;
  const ids = new Set(views.map((x) => x.id));
  while (ids.has(`v${k}`)) k++;
  const names = new Set(views.map((x) => x.name));
  let name = (v.name ?? '').trim().slice(0, MAX_NAME);
  if (!name || names.has(name)) {
    const stem = name || 'View';
    let n = name ? 2 : views.length + 1;
    while (names.has(`${stem} ${n}`)) n++;
    name = `${stem} ${n}`;
  }
  const view: SavedView = { ...structuredCloneView(v), id: `v${k}`, name };
  return { scene: { ...scene, views: [...views, view] }, view };
}

export function removeSavedView(scene: Scene, id: string): Scene {
  if (!scene.views.some((v) => v.id === id)) return scene;
  return { ...scene, views: scene.views.filter((v) => v.id !== id) };
}

export function renameSavedView(scene: Scene, id: string, name: string): Scene {
  const clean = name.trim().slice(0, MAX_NAME);
  if (!clean) throw new Error('A view needs a name');
  if (scene.views.some((v) => v.id !== id && v.name === clean)) throw new Error(`There is already a view called "${clean}"`);
  return { ...scene, views: scene.views.map((v) => (v.id === id ? { ...v, name: clean } : v)) };
}

/** Moves a view up (-1) or down (+1) in the list; the order is the presentation order. */
export function moveSavedView(scene: Scene, id: string, delta: -1 | 1): Scene {
  const i = scene.views.findIndex((v) => v.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= scene.views.length) return scene;
  const views = [...scene.views];
  [views[i], views[j]] = [views[j], views[i]];
  return { ...scene, views };
}

/** The view after (+1) or before (-1) `currentId`, stopping at the ends; the first view when none is current. */
export function neighbourView(scene: Scene, currentId: string | null, delta: -1 | 1): SavedView | null {
  const views = scene.views;
  if (!views.length) return null;
  const i = currentId ? views.findIndex((v) => v.id === currentId) : -1;
  if (i < 0) return delta > 0 ? views[0] : views[views.length - 1];
  return views[Math.min(views.length - 1, Math.max(0, i + delta))];
}

function structuredCloneView(v: NewView): Omit<SavedView, 'id' | 'name'> {
  return JSON.parse(JSON.stringify({ workspace: v.workspace, view: v.view, compare: v.compare, connectivityView: v.connectivityView }));
}

const WORKSPACES: readonly ViewWorkspace[] = ['viewer', 'compare', 'connectivity'];

/** Why a saved view read from a file cannot be used, or null. */
export function savedViewProblem(x: unknown, viewProblem: (v: unknown) => string | null): string | null {
  if (!isObj(x)) return 'is not an object';
  if (typeof x.id !== 'string' || !x.id) return 'has no id';
  if (typeof x.name !== 'string' || !x.name.trim()) return 'has no name';
  if (!WORKSPACES.includes(x.workspace as ViewWorkspace)) return `has an unknown workspace "${String(x.workspace)}"`;
  const vp = viewProblem(x.view);
  if (vp) return vp;
  if (x.connectivityView !== null && x.connectivityView !== 'matrix' && x.connectivityView !== '3d') return 'connectivityView must be "matrix", "3d" or null';
  if (x.compare === null) return null;
  const c = x.compare;
  if (!isObj(c)) return 'compare must be an object or null';
  if (!isStrOrNull(c.measureId) || !isStrOrNull(c.conditionA) || !isStrOrNull(c.conditionB)) return 'compare: measure and conditions must be names or null';
  if (c.direction !== 'A-B' && c.direction !== 'B-A') return 'compare.direction must be "A-B" or "B-A"';
  if (!STATISTICS.includes(c.statistic as Statistic)) return `compare: unknown statistic "${String(c.statistic)}"`;
  if (c.fwe !== undefined) {
    const f = c.fwe;
    if (!isObj(f) || !['max-t', 'cluster-extent', 'cluster-mass', 'tfce'].includes(f.method as string)) return 'compare.fwe has an unknown inference';
    if (!Number.isInteger(f.nPerm) || (f.nPerm as number) < 2) return 'compare.fwe.nPerm must be a whole number of at least 2';
    for (const k of ['clusterP', 'alpha'] as const) if (typeof f[k] !== 'number' || !((f[k] as number) > 0 && (f[k] as number) <= 1)) return `compare.fwe.${k} must lie between 0 and 1`;
    if (!Number.isInteger(f.seed)) return 'compare.fwe.seed must be a whole number';
  }
  const t = c.threshold;
  if (!isObj(t) || !['p-unc', 'fdr-q', 'raw'].includes(t.mode as string)) return 'compare.threshold has an unknown mode';
  if (typeof t.value !== 'number' || !Number.isFinite(t.value) || t.value < 0) return 'compare.threshold.value must be a number of at least 0';
  if ((t.mode === 'p-unc' || t.mode === 'fdr-q') && !(t.value > 0 && t.value < 1)) return 'compare.threshold: p and q must lie between 0 and 1';
  if (t.sided !== 1 && t.sided !== 2) return 'compare.threshold.sided must be 1 or 2';
  if (!Number.isInteger(t.minExtentVoxels) || (t.minExtentVoxels as number) < 0) return 'compare.threshold.minExtentVoxels must be a whole number of at least 0';
  if (c.layout !== 'row' && c.layout !== 'contrast') return 'compare.layout must be "row" or "contrast"';
  if (!SLICE_TYPES.includes(c.paneView as SliceType) && c.paneView !== 'surface') return `compare: unknown pane view "${String(c.paneView)}"`;
  if (typeof c.clip !== 'boolean' || typeof c.dualCoding !== 'boolean') return 'compare.clip and compare.dualCoding must be true or false';
  if (!Array.isArray(c.rois)) return 'compare.rois must be a list';
  for (const r of c.rois) {
    if (!isObj(r) || typeof r.id !== 'string' || typeof r.name !== 'string' || !isObj(r.source)) return 'compare.rois: each needs an id, a name and a source';
    const s = r.source;
    const ok =
      (s.type === 'preset' && typeof s.preset === 'string') ||
      (s.type === 'label' && Number.isInteger(s.index) && (s.atlasId === undefined || typeof s.atlasId === 'string')) ||
      (s.type === 'sphere' && Array.isArray(s.centerMm) && s.centerMm.length === 3 && s.centerMm.every((n) => typeof n === 'number' && Number.isFinite(n)) && typeof s.radiusMm === 'number' && s.radiusMm > 0) ||
      (s.type === 'mask' && typeof s.layerId === 'string');
    if (!ok) return `compare.rois: "${r.name}" has an unusable source`;
  }
  return null;
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isStrOrNull(x: unknown): boolean {
  return x === null || typeof x === 'string';
}
