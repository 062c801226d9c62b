/** Copies one layer's display settings from the scene onto its niivue volume. */
import type { NVImage } from '@niivue/niivue';
import type { Layer } from '../../../shared/scene';
import type { Atlas } from '../../../shared/atlas';
import { atlasColormap } from './atlasLut';

const atlasMode = new WeakMap<NVImage, number>();

/** Outline: borders only (fill alpha 0). Filled: translucent regions with opaque borders. */
function applyAtlas(vol: NVImage, layer: Layer, outline: boolean, atlas: Atlas | null): void {
  const fill = !layer.visible ? 0 : outline ? 0 : Math.round(110 * layer.opacity);
  if (atlasMode.get(vol) === fill) return;

  if (!atlas) return;
  vol.setColormapLabel(atlasColormap(atlas.table, fill));
  atlasMode.set(vol, fill);
}

/** `atlas`: the atlas layer's own labels (an opened atlas carries its table; else the bundled one), for its colours. */
export function applyLayer(vol: NVImage, layer: Layer, atlasOutline: boolean, atlas: Atlas | null): void {
  vol.opacity = layer.visible ? layer.opacity : 0;
  if (layer.kind === 'atlas') return applyAtlas(vol, layer, atlasOutline, atlas);
  // The colormap setter recomputes niivue's own window, so set it first and only on change.
  if (vol.colormap !== layer.colormap) vol.colormap = layer.colormap;
  if (layer.kind === 'template') {
    vol.cal_min = layer.range.min;
    vol.cal_max = layer.range.max;
    return;
  }
  const { pos, neg } = layer.thresholds;
  // A hidden side gets a window no value reaches.
  const top = Math.max(layer.range.max, layer.dataRange.max);
  vol.cal_min = pos ?? top + 1;
  vol.cal_max = pos === null ? top + 2 : Math.max(layer.range.max, pos + 1e-6);
  if (layer.colormapNeg && neg !== null) {
    vol.colormapNegative = layer.colormapNeg;
    // niivue wants both negative bounds as negative numbers, set after loading.
    vol.cal_minNeg = Math.min(layer.range.min, neg - 1e-6);
    vol.cal_maxNeg = neg;
  } else {
    vol.colormapNegative = '';
    vol.cal_minNeg = NaN;
    vol.cal_maxNeg = NaN;
  }
  if (vol.nFrame4D && vol.nFrame4D > 1) vol.frame4D = Math.min(layer.frame, vol.nFrame4D - 1);
}
