/** Every named label of every atlas layer, for ROI search; labels of the bundled AAL carry no atlasId. */
import type { Layer } from '../../../shared/scene';
import type { VolumeCache } from '../../context/volumes';

export interface AtlasLabel {
  key: string;
  index: number;
  name: string;
  atlasName: string;
  /** absent for the bundled AAL, so its ROIs stay as they were saved before other atlases existed */
  atlasId?: string;
}

export function atlasLabels(volumeCache: VolumeCache, layers: Layer[], bundledId: string | null): AtlasLabel[] {
  const out: AtlasLabel[] = [];
  const atlasLayers = layers.filter((l) => l.kind === 'atlas');
  if (!atlasLayers.some((l) => l.id === bundledId)) {
    const aal = volumeCache.atlas();
    for (const e of aal?.table.entries.values() ?? []) if (e.index > 0) out.push({ key: `aal:${e.index}`, index: e.index, name: e.name, atlasName: 'AAL' });
  }
  for (const l of atlasLayers) {
    const bundled = l.id === bundledId;
    const atlas = volumeCache.atlasFor(l.id) ?? (bundled ? volumeCache.atlas() : null);
    for (const e of atlas?.table.entries.values() ?? []) {
      if (e.index <= 0) continue;
      out.push(bundled ? { key: `aal:${e.index}`, index: e.index, name: e.name, atlasName: l.name } : { key: `${l.id}:${e.index}`, index: e.index, name: e.name, atlasName: l.name, atlasId: l.id });
    }
  }
  return out;
}

/** The ROI a search match adds: AAL labels keep their old ids (`label:41`). */
export function labelRoi(e: AtlasLabel) {
  return e.atlasId
    ? { id: `label:${e.atlasId}:${e.index}`, name: `${e.name} (${e.atlasName})`, source: { type: 'label' as const, index: e.index, atlasId: e.atlasId } }
    : { id: `label:${e.index}`, name: e.name, source: { type: 'label' as const, index: e.index } };
}
