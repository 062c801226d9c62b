/**
 * Voxel buffers by layer id. The store only holds ids; views and the readout read here.
 * Entries stay while a layer is in the scene or its undo/redo history (so undoing a removal works).
 */
import type { NiftiImage } from '../../shared/nifti/types';
import type { Atlas } from '../../shared/atlas';

export interface CachedVolume {
  image: NiftiImage;
  /** What niivue loads: the bundled file as-is, or a sanitised float32 NIfTI. */
  displayBytes: ArrayBuffer;
  displayName: string;
}

const volumes = new Map<string, CachedVolume>();
let atlas: Atlas | null = null;
/** Every atlas layer's labels (the bundled ones and those opened with a label table), by layer id. */
const atlases = new Map<string, Atlas>();

export const volumeCache = {
  get: (id: string): CachedVolume | undefined => volumes.get(id),
  set: (id: string, v: CachedVolume): void => void volumes.set(id, v),
  has: (id: string): boolean => volumes.has(id),
  ids: (): string[] => [...volumes.keys()],
  /** Drops every entry whose id is not in `keep`. */
  prune(keep: Set<string>): void {
    for (const id of volumes.keys()) if (!keep.has(id)) volumes.delete(id);
    for (const id of atlases.keys()) if (!keep.has(id)) atlases.delete(id);
  },
  setAtlas(a: Atlas | null): void {
    atlas = a;
  },
  /** The bundled AAL atlas (the default for presets, seeds and cluster labels). */
  atlas: (): Atlas | null => atlas,
  setAtlasFor(id: string, a: Atlas): void {
    atlases.set(id, a);
  },
  /** The atlas of an atlas layer, or null for other layers. */
  atlasFor: (id: string): Atlas | null => atlases.get(id) ?? null,
};
