/** The template's two cortical hemispheres, built once a session in a worker and shared by every surface view. */
import type { CortexHemisphere, CortexRequest, CortexResponse } from '../../workers/cortex.worker';

export type { CortexHemisphere };
export interface Cortex {
  left: CortexHemisphere;
  right: CortexHemisphere;
  buildMs: number;
}

let pending: Promise<Cortex> | null = null;

export function cortexMeshes(): Promise<Cortex> {
  pending ??= new Promise<Cortex>((resolve, reject) => {
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
  // A failed build may be retried by the next view that asks.
  pending.catch(() => (pending = null));
  return pending;
}
