/**
 * The template's two cortical hemispheres, built in a worker the first time and kept in
 * IndexedDB (the build is deterministic: bump CACHE_KEY when shared/mesh/cortex.ts changes what
 * it makes), shared by every surface view.
 */
import { idbGet, idbPut } from '../../host/idb';
import type { CortexHemisphere, CortexRequest, CortexResponse } from '../../workers/cortex.worker';

export type { CortexHemisphere };
export interface Cortex {
  left: CortexHemisphere;
  right: CortexHemisphere;
  buildMs: number;
  /** read from IndexedDB rather than built */
  cached?: boolean;
}

let pending: Promise<Cortex> | null = null;
const CACHE_KEY = 'cortex-surfaces-ch2bet-v1';

export function cortexMeshes(): Promise<Cortex> {
  pending ??= idbGet<Cortex>(CACHE_KEY)
    .catch(() => null)
    .then((hit) => {
      if (hit && hit.left?.positions instanceof Float32Array && hit.right?.sulc instanceof Float32Array) return { ...hit, cached: true };
      return build().then((c) => {
        // A full or missing IndexedDB only costs the next session a rebuild.
        void idbPut(CACHE_KEY, c).catch(() => undefined);
        return c;
      });
    });
  // A failed build may be retried by the next view that asks.
  pending.catch(() => (pending = null));
  return pending;
}

function build(): Promise<Cortex> {
  return new Promise<Cortex>((resolve, reject) => {
    const w = new Worker(new URL('../../workers/cortex.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<CortexResponse>) => {
      w.terminate();
      if (e.data.ok) resolve(e.data);
      else reject(new Error(`cortical surfaces: ${e.data.message}`));
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      reject(new Error(`cortical surfaces: ${e.message || 'the worker stopped'}`));
    };
    const request: CortexRequest = { templateUrl: new URL('./template_ch2bet.nii.gz', location.href).href, atlasUrl: new URL('./atlas_aal.nii.gz', location.href).href };
    w.postMessage(request);
  });
}
