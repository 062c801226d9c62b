import type { Niivue } from '@niivue/niivue';

/**
 * Re-blend the overlay layers only. niivue's updateGLVolume also re-uploads the background
 * (a 1 mm template: 7 M voxels) and recomputes its gradient texture, which is most of the cost
 * of a threshold step; when only overlay values or colours changed that work is wasted.
 * Layers keep niivue's numbering (visible volumes in order), so layer 1 restarts the blend.
 */
export function refreshOverlays(nv: Niivue): void {
  if (!nv.gl || nv.volumes.length < 2 || !nv.volumes[0].toRAS) {
    nv.updateGLVolume();
    return;
  }
  let layer = 0;
  for (const v of nv.volumes) {
    if (!v.toRAS) continue;
    if (layer > 0) nv.refreshLayers(v, layer);
    layer++;
  }
  nv.drawScene();
}

/**
 * Runs `change` (addVolume, removeVolume, setVolume... each of which makes niivue rebuild every
 * layer's textures at once) with those rebuilds held back, and reports whether any was asked
 * for. The caller then rebuilds once: loading a template and an atlas used to rebuild three
 * times, removing and adding a pane's overlays six.
 */
export function batchVolumeChanges(nv: Niivue, change: () => void): boolean {
  const own = Object.prototype.hasOwnProperty.call(nv, 'updateGLVolume');
  const real = nv.updateGLVolume;
  let asked = false;
  nv.updateGLVolume = () => {
    asked = true;
  };
  try {
    change();
  } finally {
    if (own) nv.updateGLVolume = real;
    else delete (nv as { updateGLVolume?: unknown }).updateGLVolume;
  }
  return asked;
}
