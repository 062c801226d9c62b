/** Pure edits of the view state. */
import type { Scene, SliceType, Vec3, ViewState } from './types';

export const SLICE_TYPES: readonly SliceType[] = ['axial', 'coronal', 'sagittal', 'multiplanar', 'render3d'];

export function setView(scene: Scene, patch: Partial<ViewState>): Scene {
  return { ...scene, view: { ...scene.view, ...patch } };
}

export function setCrosshair(scene: Scene, mm: Vec3): Scene {
  if (!mm.every(Number.isFinite)) return scene;
  const [x, y, z] = scene.view.crosshairMm;
  if (x === mm[0] && y === mm[1] && z === mm[2]) return scene;
  return setView(scene, { crosshairMm: [mm[0], mm[1], mm[2]] });
}

export function setSliceType(scene: Scene, sliceType: SliceType): Scene {
  return scene.view.sliceType === sliceType ? scene : setView(scene, { sliceType });
}

export function toggleRadiological(scene: Scene): Scene {
  return setView(scene, { radiological: !scene.view.radiological });
}
