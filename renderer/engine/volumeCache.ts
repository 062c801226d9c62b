/**
 * Voxel buffers by layer id. The store only holds ids; views and the readout read here.
 * Entries stay while a layer is in the scene or its undo/redo history (so undoing a removal works).
 * One instance per app, made in main.tsx (tests make their own) and handed down through context.
 */
import type { NiftiImage } from '../../shared/nifti/types';
import type { Atlas } from '../../shared/atlas';

export interface CachedVolume {
  image: NiftiImage;
  /** What niivue loads: the bundled file as-is, or a sanitised float32 NIfTI. */
  displayBytes: ArrayBuffer;
  displayName: string;
}

export class VolumeCache {
  private volumes = new Map<string, CachedVolume>();
  private bundledAtlas: Atlas | null = null;
  /** Every atlas layer's labels (the bundled ones and those opened with a label table), by layer id. */
  private atlases = new Map<string, Atlas>();

  get(id: string): CachedVolume | undefined {
    return this.volumes.get(id);
  }

  set(id: string, v: CachedVolume): void {
    this.volumes.set(id, v);
  }

  has(id: string): boolean {
    return this.volumes.has(id);
  }

  ids(): string[] {
    return [...this.volumes.keys()];
  }

  /** Drops every entry whose id is not in `keep`. */
  prune(keep: Set<string>): void {
    for (const id of this.volumes.keys()) if (!keep.has(id)) this.volumes.delete(id);
    for (const id of this.atlases.keys()) if (!keep.has(id)) this.atlases.delete(id);
  }

  /** The bundled AAL atlas (the default for presets, seeds and cluster labels), once the engine has read it. */
  setAtlas(a: Atlas | null): void {
    this.bundledAtlas = a;
  }

  atlas(): Atlas | null {
    return this.bundledAtlas;
  }

  setAtlasFor(id: string, a: Atlas): void {
    this.atlases.set(id, a);
  }

  /** The atlas of an atlas layer, or null for other layers. */
  atlasFor(id: string): Atlas | null {
    return this.atlases.get(id) ?? null;
  }
}
