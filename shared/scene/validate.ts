/** Checks a scene read from a JSON file before the app trusts it. */
import type { Layer, LayerKind, Scene, SliceType, ViewState } from './types';
import { parseSavedView, type SavedView } from './views';
import { parseCompareSettings } from './compare';
import { SCENE_VERSION } from './types';
import { SLICE_TYPES } from './view';
import { migrateScene } from './migrate';
import { parseFigures } from '../figure/schema';

export type SceneCheck = { ok: true; scene: Scene } | { ok: false; message: string };

const KINDS: readonly LayerKind[] = ['template', 'atlas', 'stat', 'map', 'roi'];

/** Parse and validate scene JSON text. `fileName` goes into every message. */
export function parseSceneJson(text: string, fileName: string): SceneCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `${fileName}: not a scene file (the text is not valid JSON)` };
  }
  return validateScene(json, fileName);
}

export function validateScene(json: unknown, fileName = 'scene'): SceneCheck {
  const fail = (why: string): SceneCheck => ({ ok: false, message: `${fileName}: ${why}` });
  if (!isObj(json)) return fail('not a scene file (expected a JSON object)');
  if (typeof json.version !== 'number' || !Number.isInteger(json.version) || json.version < 1) return fail('not a scene file (no version number)');
  if (json.version > SCENE_VERSION) return fail(`was saved by a newer ContrastScope (scene version ${json.version}; this version reads up to ${SCENE_VERSION})`);
  json = migrateScene(json);
  if (!isObj(json)) return fail('not a scene file');
  if (!Array.isArray(json.layers)) return fail('has no layer list');
  const v = json.view;
  const vp = viewProblem(v);
  if (vp) return fail(vp);
  const ids = new Set<string>();
  for (let i = 0; i < json.layers.length; i++) {
    const why = layerProblem(json.layers[i]);
    if (why) return fail(`layer ${i + 1}: ${why}`);
    const id = (json.layers[i] as Layer).id;
    if (ids.has(id)) return fail(`layer ${i + 1}: id "${id}" is used twice`);
    ids.add(id);
  }
  const rawViews = json.views ?? [];
  if (!Array.isArray(rawViews)) return fail('views must be a list');
  const viewIds = new Set<string>();
  const views: SavedView[] = [];
  for (let i = 0; i < rawViews.length; i++) {
    const r = parseSavedView(rawViews[i], viewProblem);
    if (!r.ok) return fail(`saved view ${i + 1}: ${r.message}`);
    const id = r.view.id;
    if (viewIds.has(id)) return fail(`saved view ${i + 1}: id "${id}" is used twice`);
    viewIds.add(id);
    views.push({ ...r.view, view: cleanView(r.view.view as Record<string, unknown>) });
  }
  const figs = parseFigures(json.figures ?? []);
  if (!figs.ok) return fail(figs.message);
  const compare = parseCompareSettings(json.compare);
  if (!compare.ok) return fail(compare.message);
  const scene: Scene = {
    version: SCENE_VERSION,
    layers: json.layers as Layer[],
    view: cleanView(v as Record<string, unknown>),
    views,
    figures: figs.figures,
    compare: compare.settings,
  };
  return { ok: true, scene };
}

function viewProblem(v: unknown): string | null {
  if (!isObj(v)) return 'has no view settings';
  if (!SLICE_TYPES.includes(v.sliceType as SliceType)) return `has an unknown view type "${String(v.sliceType)}"`;
  if (typeof v.radiological !== 'boolean') return 'view.radiological must be true or false';
  if (!isVec3(v.crosshairMm)) return 'view.crosshairMm must be three numbers';
  if (!isNum(v.zoom) || v.zoom <= 0) return 'view.zoom must be a positive number';
  return null;
}

function cleanView(v: Record<string, unknown>): ViewState {
  return {
    sliceType: v.sliceType as SliceType,
    radiological: v.radiological as boolean,
    crosshairMm: [...(v.crosshairMm as number[])] as [number, number, number],
    zoom: v.zoom as number,
    atlasOutline: typeof v.atlasOutline === 'boolean' ? v.atlasOutline : true,
  };
}

function layerProblem(l: unknown): string | null {
  if (!isObj(l)) return 'is not an object';
  if (typeof l.id !== 'string' || l.id === '') return 'has no id';
  if (typeof l.name !== 'string') return 'has no name';
  if (!KINDS.includes(l.kind as LayerKind)) return `has an unknown kind "${String(l.kind)}"`;
  if (!isObj(l.source) || !['bundled', 'file', 'derived'].includes(String(l.source.type))) return 'has no usable source';
  if (typeof l.visible !== 'boolean') return 'visible must be true or false';
  if (!isNum(l.opacity) || l.opacity < 0 || l.opacity > 1) return 'opacity must be between 0 and 1';
  if (typeof l.colormap !== 'string') return 'has no colormap';
  if (l.colormapNeg !== null && typeof l.colormapNeg !== 'string') return 'colormapNeg must be a name or null';
  if (!isObj(l.thresholds) || !isNumOrNull(l.thresholds.pos) || !isNumOrNull(l.thresholds.neg)) return 'thresholds must be numbers or null';
  if (!isObj(l.range) || !isNum(l.range.min) || !isNum(l.range.max)) return 'range must be two numbers';
  if (!Number.isInteger(l.frame) || !Number.isInteger(l.nFrames) || (l.frame as number) < 0 || (l.frame as number) >= (l.nFrames as number)) return 'frame is outside the file';
  if (!isObj(l.grid) || !Array.isArray(l.grid.dims) || l.grid.dims.length !== 3 || !Array.isArray(l.grid.affine) || l.grid.affine.length !== 16) return 'has no usable grid';
  if (!Array.isArray(l.notes) || !Array.isArray(l.warnings)) return 'notes and warnings must be lists';
  if (typeof l.resampled !== 'boolean') return 'resampled must be true or false';
  if (!isNumOrNull(l.dof)) return 'dof must be a number or null';
  if (!isObj(l.dataRange) || !isNum(l.dataRange.min) || !isNum(l.dataRange.max)) return 'dataRange must be two numbers';
  return null;
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
function isNumOrNull(x: unknown): boolean {
  return x === null || isNum(x);
}
function isVec3(x: unknown): boolean {
  return Array.isArray(x) && x.length === 3 && x.every(isNum);
}
