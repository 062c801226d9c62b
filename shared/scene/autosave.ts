/**
 * The autosave document: the Scene plus when it was written, so the recovery banner can say
 * "Recover unsaved work from 14:32?". Pure functions; the renderer decides when and where to write.
 */
import type { Layer, Scene } from './types';
import { validateScene } from './validate';

export const AUTOSAVE_KIND = 'contrastscope.autosave';

export interface Autosave {
  savedAt: string;
  scene: Scene;
}

export function autosaveText(scene: Scene, savedAt: Date): string {
  return JSON.stringify({ kind: AUTOSAVE_KIND, savedAt: savedAt.toISOString(), scene });
}

/** Reads an autosave back; a damaged one (disk full, half-written) says why instead of throwing. */
export function parseAutosave(text: string): { ok: true; autosave: Autosave } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the autosaved work is damaged (not valid JSON)' };
  }
  const o = json as { kind?: unknown; savedAt?: unknown; scene?: unknown };
  if (!o || typeof o !== 'object' || o.kind !== AUTOSAVE_KIND || typeof o.savedAt !== 'string' || Number.isNaN(Date.parse(o.savedAt))) {
    return { ok: false, message: 'the autosaved work is damaged (not an autosave)' };
  }
  const r = validateScene(o.scene, 'the autosaved work');
  return r.ok ? { ok: true, autosave: { savedAt: o.savedAt, scene: r.scene } } : { ok: false, message: r.message };
}

/** "14:32" in the user's own clock. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Layers whose bytes come from a user's file (bundled and derived layers are rebuilt by the app). */
export function fileLayers(scene: Scene): (Layer & { source: { type: 'file'; path: string } })[] {
  return scene.layers.filter((l): l is Layer & { source: { type: 'file'; path: string } } => l.source.type === 'file');
}

const sourceKey = (l: Layer): string => (l.source.type === 'file' ? `file:${l.source.path}` : JSON.stringify(l.source));

/**
 * A saved scene laid over the open one: the display settings of layers that are open (same
 * source) come back, with the view and saved views; `missing` names saved layers not open.
 */
export function mergeSavedScene(current: Scene, saved: Scene): { scene: Scene; missing: Layer[] } {
  const bySource = new Map(saved.layers.map((l) => [sourceKey(l), l]));
  const layers = current.layers.map((l) => {
    const s = bySource.get(sourceKey(l));
    return s ? { ...l, visible: s.visible, opacity: s.opacity, colormap: s.colormap, colormapNeg: s.colormapNeg, thresholds: s.thresholds, range: s.range, frame: Math.min(s.frame, l.nFrames - 1), dof: s.dof } : l;
  });
  const open = new Set(current.layers.map(sourceKey));
  const missing = saved.layers.filter((l) => !open.has(sourceKey(l)));
  return { scene: { ...current, layers, view: saved.view, views: saved.views, figures: saved.figures, compare: withLayerIds(saved.compare, saved.layers, current.layers) }, missing };
}

/** The Compare settings name layers by id; the open layers keep their own ids, matched by source. */
function withLayerIds(c: Scene['compare'], savedLayers: Layer[], open: Layer[]): Scene['compare'] {
  const openBySource = new Map(open.map((l) => [sourceKey(l), l.id]));
  const idOf = (savedId: string) => {
    const l = savedLayers.find((x) => x.id === savedId);
    return (l && openBySource.get(sourceKey(l))) ?? savedId;
  };
  return {
    ...c,
    groupMap: c.groupMap ? { ...c.groupMap, layerId: idOf(c.groupMap.layerId) } : null,
    rois: c.rois.map((r) => (r.source.type === 'mask' ? { ...r, source: { ...r.source, layerId: idOf(r.source.layerId) } } : r)),
  };
}
