import type { Layer } from '../../shared/scene';
import type { AppState } from './types';

export const selectLayers = (s: AppState): Layer[] => s.scene.layers;
export const selectView = (s: AppState) => s.scene.view;
export const selectCrosshair = (s: AppState) => s.scene.view.crosshairMm;
export const selectSelectedLayer = (s: AppState): Layer | undefined => s.scene.layers.find((l) => l.id === s.selectedLayerId);
export const selectAtlasVisible = (s: AppState): boolean => s.scene.layers.some((l) => l.kind === 'atlas' && l.visible);
export const canUndo = (s: AppState): boolean => s.past.length > 0;
export const canRedo = (s: AppState): boolean => s.future.length > 0;
