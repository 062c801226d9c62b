/** The voxel buffers by layer id (engine/volumeCache.ts), made once in main.tsx. */
import { createContext, useContext } from 'react';
import type { CachedVolume, VolumeCache } from '../engine/volumeCache';

export type { CachedVolume, VolumeCache };
export const VolumesContext = createContext<VolumeCache | null>(null);

export function useVolumes(): VolumeCache {
  const v = useContext(VolumesContext);
  if (!v) throw new Error('useVolumes outside the app');
  return v;
}
