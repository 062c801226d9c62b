/**
 * Saved views: named snapshots of what the screen shows (workspace, slice view and crosshair, and
 * in Compare the measure, contrast, statistic, threshold, layout and ROIs), kept in the Scene so
 * a saved scene file carries them. Stepping through them is how a lab meeting is presented.
 */
import { z } from 'zod';
import { parseCompareSettings, type CompareSettings } from './compare';
import type { Scene, ViewState } from './types';

export type { RoiDef, RoiSource } from './compare';

export type ViewWorkspace = 'viewer' | 'compare' | 'connectivity';

/** A saved view's Compare part is the Scene's Compare settings, as they were (same schema). */
export type SavedCompare = CompareSettings;

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

const WORKSPACES = ['viewer', 'compare', 'connectivity'] as const;

/** A saved view as read from a file; `view` is checked by the scene's view checker, `compare` by the Compare schema. */
const savedViewSchema = z.object({
  id: z.string().min(1, 'has no id'),
  name: z.string({ error: 'has no name' }).refine((n) => n.trim() !== '', 'has no name'),
  workspace: z.enum(WORKSPACES, { error: (iss) => `has an unknown workspace "${String(iss.input)}"` }),
  view: z.unknown(),
  compare: z.unknown(),
  connectivityView: z.enum(['matrix', '3d'], { error: 'connectivityView must be "matrix", "3d" or null' }).nullable(),
});

/** A saved view read from a file, or why it cannot be used. */
export function parseSavedView(x: unknown, viewProblem: (v: unknown) => string | null): { ok: true; view: Omit<SavedView, 'view'> & { view: unknown } } | { ok: false; message: string } {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return { ok: false, message: 'is not an object' };
  const r = savedViewSchema.safeParse(x);
  if (!r.success) return { ok: false, message: r.error.issues[0].message };
  const vp = viewProblem(r.data.view);
  if (vp) return { ok: false, message: vp };
  let compare: SavedCompare | null = null;
  if (r.data.compare !== null && r.data.compare !== undefined) {
    const c = parseCompareSettings(r.data.compare);
    if (!c.ok) return c;
    compare = c.settings;
  }
  return { ok: true, view: { id: r.data.id, name: r.data.name, workspace: r.data.workspace, view: r.data.view, compare, connectivityView: r.data.connectivityView } };
}
