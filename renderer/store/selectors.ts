import type { CompareSettings, Layer } from '../../shared/scene';
import type { AppState } from './types';
import { firstMapMeasure } from './study';

export const selectLayers = (s: AppState): Layer[] => s.scene.layers;
export const selectView = (s: AppState) => s.scene.view;
export const selectCrosshair = (s: AppState) => s.scene.view.crosshairMm;
export const selectSelectedLayer = (s: AppState): Layer | undefined => s.scene.layers.find((l) => l.id === s.selectedLayerId);
export const selectAtlasVisible = (s: AppState): boolean => s.scene.layers.some((l) => l.kind === 'atlas' && l.visible);
export const canUndo = (s: AppState): boolean => s.past.length > 0;
export const canRedo = (s: AppState): boolean => s.future.length > 0;

/** THE way to read the Compare settings (contrast, threshold, ROIs, layout...): they are part of the Scene. */
export const compareSettings = (s: AppState): CompareSettings => s.scene.compare;

/**
 * The measure Compare shows: the chosen one while the open study has it, else the study's first
 * map measure (a new study, or a scene saved with another study).
 */
export function shownMeasureId(s: AppState): string | null {
  const study = s.study;
  if (!study) return null;
  const id = s.scene.compare.measureId;
  if (id && study.measures.some((m) => m.id === id)) return id;
  return firstMapMeasure(study);
}
