import type { Scene, ViewState } from './types';
import { SCENE_VERSION } from './types';
import { defaultCompareSettings } from './compare';

export const DEFAULT_VIEW: ViewState = {
  sliceType: 'multiplanar',
  radiological: false,
  crosshairMm: [0, 0, 0],
  zoom: 1,
  atlasOutline: true,
};

/** Used when nothing is known about the dof (|t| 3.1 is close to p < 0.001 one-sided for large dof). */
export const DEFAULT_STAT_THRESHOLD = 3.1;

export function emptyScene(): Scene {
  return { version: SCENE_VERSION, layers: [], view: { ...DEFAULT_VIEW, crosshairMm: [...DEFAULT_VIEW.crosshairMm] }, views: [], figures: [], compare: defaultCompareSettings() };
}
