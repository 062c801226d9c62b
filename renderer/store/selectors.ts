import type { Layer } from '../../shared/scene';
import type { AppState } from './types';
import type { CompareState } from './compare';

export const selectLayers = (s: AppState): Layer[] => s.scene.layers;
export const selectView = (s: AppState) => s.scene.view;
export const selectCrosshair = (s: AppState) => s.scene.view.crosshairMm;
export const selectSelectedLayer = (s: AppState): Layer | undefined => s.scene.layers.find((l) => l.id === s.selectedLayerId);
export const selectAtlasVisible = (s: AppState): boolean => s.scene.layers.some((l) => l.kind === 'atlas' && l.visible);
export const canUndo = (s: AppState): boolean => s.past.length > 0;
export const canRedo = (s: AppState): boolean => s.future.length > 0;

/**
 * The compare workspace's settings (threshold, conditions, statistic, ROIs, layout, pane view, …),
 * as opposed to the results the compare client writes next to them. Code outside the store reads
 * the settings only through this, so where they live can change in one place.
 */
export type CompareSettings = Pick<
  CompareState,
  'conditionA' | 'conditionB' | 'direction' | 'statistic' | 'threshold' | 'dualCoding' | 'layout' | 'paneView' | 'clip' | 'clusterSort' | 'activeCluster' | 'rois' | 'colourBy' | 'groupMap' | 'figureScale' | 'fwe'
>;
export const compareSettings = (s: AppState): CompareSettings => s.compare;
