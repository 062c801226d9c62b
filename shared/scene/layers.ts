/** Pure edits of the layer list. layers[0] is drawn first (bottom); the last layer is on top. */
import type { Layer, Scene } from './types';

export function findLayer(scene: Scene, id: string): Layer | undefined {
  return scene.layers.find((l) => l.id === id);
}

export function addLayer(scene: Scene, layer: Layer): Scene {
  if (findLayer(scene, layer.id)) throw new Error(`A layer with id ${layer.id} already exists`);
  return { ...scene, layers: [...scene.layers, layer] };
}

export function removeLayer(scene: Scene, id: string): Scene {
  const layers = scene.layers.filter((l) => l.id !== id);
  return layers.length === scene.layers.length ? scene : { ...scene, layers };
}

/** Editable display fields; id, source, grid and kind never change after a layer is added. */
export type LayerPatch = Partial<Pick<Layer, 'name' | 'visible' | 'opacity' | 'colormap' | 'colormapNeg' | 'thresholds' | 'range' | 'frame' | 'dof' | 'notes' | 'warnings'>>;

export function updateLayer(scene: Scene, id: string, patch: LayerPatch): Scene {
  const i = scene.layers.findIndex((l) => l.id === id);
  if (i < 0) return scene;
  const old = scene.layers[i];
  const next: Layer = { ...old, ...patch };
  next.opacity = clamp(next.opacity, 0, 1);
  next.frame = Math.round(clamp(next.frame, 0, Math.max(0, old.nFrames - 1)));
  const layers = scene.layers.slice();
  layers[i] = next;
  return { ...scene, layers };
}

/**
 * 'up' moves a layer towards the top of the drawing order (later in the array).
 * The template stays at the bottom: nothing moves below it.
 */
export function moveLayer(scene: Scene, id: string, direction: 'up' | 'down'): Scene {
  const i = scene.layers.findIndex((l) => l.id === id);
  if (i < 0) return scene;
  const j = direction === 'up' ? i + 1 : i - 1;
  if (j < 0 || j >= scene.layers.length) return scene;
  if (scene.layers[i].kind === 'template' || scene.layers[j].kind === 'template') return scene;
  const layers = scene.layers.slice();
  [layers[i], layers[j]] = [layers[j], layers[i]];
  return { ...scene, layers };
}

export function templateLayer(scene: Scene): Layer | undefined {
  return scene.layers.find((l) => l.kind === 'template');
}

export function atlasLayer(scene: Scene): Layer | undefined {
  return scene.layers.find((l) => l.kind === 'atlas');
}

function clamp(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return lo;
  return Math.min(hi, Math.max(lo, v));
}
