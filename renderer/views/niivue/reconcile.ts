/**
 * Makes a Niivue instance show exactly the given layers, in order, with their display settings.
 * Loading is async; `loaded` maps layer id -> volume for what is already in niivue.
 */
import { NVImage, SLICE_TYPE, type Niivue } from '@niivue/niivue';
import type { Layer, ViewState } from '../../../shared/scene';
import type { VolumeCache } from '../../context/volumes';
import { applyLayer } from './applyLayer';
import { batchVolumeChanges, refreshOverlays } from './glUpdates';
import { NIIVUE_SLICE } from './sliceTypes';

export class PaneVolumes {
  private readonly loaded = new Map<string, NVImage>();
  private readonly loading = new Set<string>();
  private lastLayers: Layer[] = [];
  private atlasOutline = true;
  private atlasShown = false;
  /** The background layer as last drawn: unchanged means only overlays need re-blending. */
  private backKey = '';
  private disposed = false;

  constructor(
    private readonly nv: Niivue,
    private readonly volumes: Pick<VolumeCache, 'get' | 'has' | 'atlas' | 'atlasFor'>,
    private readonly onError: (subject: string, message: string) => void,
  ) {}

  dispose(): void {
    this.disposed = true;
  }

  /** After a change of view type: niivue's 3D outline on or off (see setAtlasOutline3D). */
  syncAtlasOutline(): void {
    if (setAtlasOutline3D(this.nv, this.atlasShown)) this.nv.updateGLVolume();
  }

  /** Sync niivue's volume list with `layers` (bottom first). Returns once loads started for new layers finish. */
  async setLayers(layers: Layer[], atlasOutline: boolean): Promise<void> {
    this.lastLayers = layers;
    this.atlasOutline = atlasOutline;
    const wanted = new Set(layers.map((l) => l.id));
    const gone = [...this.loaded].filter(([id]) => !wanted.has(id));
    for (const [id] of gone) this.loaded.delete(id);
    const missing = layers.filter((l) => !this.loaded.has(l.id) && !this.loading.has(l.id) && this.volumes.has(l.id));
    const fresh = await Promise.all(missing.map((l) => this.load(l)));
    if (this.disposed) return;
    this.applyAll(
      gone.map(([, v]) => v),
      fresh.filter((x): x is [string, NVImage] => x !== null),
    );
  }

  /** Parses a layer's display bytes into a niivue volume (not yet added: applyAll adds in one batch). */
  private async load(layer: Layer): Promise<[string, NVImage] | null> {
    const cached = this.volumes.get(layer.id);
    if (!cached) return null;
    this.loading.add(layer.id);
    try {
      const vol = await NVImage.loadFromUrl({ url: cached.displayBytes.slice(0), name: cached.displayName, colormap: layer.kind === 'atlas' ? '' : layer.colormap });
      return [layer.id, vol];
    } catch (e) {
      this.onError(layer.name, `${layer.name}: could not be drawn (${e instanceof Error ? e.message : String(e)})`);
      return null;
    } finally {
      this.loading.delete(layer.id);
    }
  }

  private applyAll(gone: NVImage[] = [], fresh: [string, NVImage][] = []): void {
    const nv = this.nv;
    let present: Layer[] = [];
    const changed = batchVolumeChanges(nv, () => {
      for (const vol of gone) if (nv.volumes.includes(vol)) nv.removeVolume(vol);
      for (const [id, vol] of fresh) {
        // Removed while it was loading: never shown.
        if (!this.lastLayers.some((l) => l.id === id) || this.loaded.has(id)) continue;
        nv.addVolume(vol);
        this.loaded.set(id, vol);
      }
      present = this.lastLayers.filter((l) => this.loaded.has(l.id));
      present.forEach((l, i) => {
        const vol = this.loaded.get(l.id)!;
        if (nv.volumes[i] !== vol) nv.setVolume(vol, i);
        applyLayer(vol, l, this.atlasOutline, this.volumes.atlasFor(l.id) ?? this.volumes.atlas()); // each atlas layer in its own label colours
      });
    });
    this.atlasShown = present.some((l) => l.kind === 'atlas' && l.visible && l.opacity > 0);
    const outlineChanged = setAtlasOutline3D(nv, this.atlasShown);
    if (!present.length) {
      if (changed || outlineChanged) nv.updateGLVolume();
      return;
    }
    // A change to overlays only (threshold, colours, opacity) leaves the background's texture as it is.
    const back = present[0];
    const backKey = JSON.stringify([back, nv.volumes.length]);
    if (!changed && !outlineChanged && backKey === this.backKey && nv.volumes[0] === this.loaded.get(back.id)) refreshOverlays(nv);
    else nv.updateGLVolume();
    this.backKey = backKey;
  }
}

/**
 * niivue's atlas outline is 3D (a slice along a region's face shows it filled), so slices get
 * per-plane outlines from planeOutlines.ts and niivue draws only the fill, if any. The 3D render
 * has no slice plane: there niivue's own outline stays (in multiplanar its 3D tile shares the
 * slices' texture, so it follows the slices). Returns whether the setting changed.
 */
function setAtlasOutline3D(nv: Niivue, atlasShown: boolean): boolean {
  const want = atlasShown && nv.opts.sliceType === SLICE_TYPE.RENDER ? 1 : 0;
  if (nv.opts.atlasOutline === want) return false;
  nv.opts.atlasOutline = want;
  return true;
}

/** View settings that do not depend on which volumes are loaded. */
export function syncNiivueView(nv: Niivue, view: ViewState): void {
  const st = NIIVUE_SLICE[view.sliceType];
  if (nv.opts.sliceType !== st) nv.setSliceType(st);
  if (nv.opts.isRadiologicalConvention !== view.radiological) nv.setRadiologicalConvention(view.radiological);
  moveCrosshair(nv, view.crosshairMm);
}

export function moveCrosshair(nv: Niivue, mm: [number, number, number]): void {
  if (!nv.volumes.length) return;
  const frac = nv.mm2frac([mm[0], mm[1], mm[2]]);
  const cur = nv.scene.crosshairPos;
  if (Math.abs(cur[0] - frac[0]) < 1e-6 && Math.abs(cur[1] - frac[1]) < 1e-6 && Math.abs(cur[2] - frac[2]) < 1e-6) return;
  nv.scene.crosshairPos = frac;
  nv.drawScene();
}
