/**
 * The template's two cortical hemispheres, built in a worker the first time and kept in
 * IndexedDB, shared by every surface view. The build is deterministic, so the stored copy is
 * valid while the template, the atlas and the builder are the same: it is stamped with a
 * SHA-256 of both bundled files and CORTEX_BUILDER_VERSION, and rebuilt when the stamp differs.
 */
import { CORTEX_BUILDER_VERSION } from '../../../shared/mesh/cortex';
import { idbDelete, idbGet, idbPut } from '../../host/idb';
import type { CortexHemisphere, CortexRequest, CortexResponse } from '../../workers/cortex.worker';

export type { CortexHemisphere };
export interface Cortex {
  left: CortexHemisphere;
  right: CortexHemisphere;
  /** time the worker took to build them (0 when read from the cache) */
  buildMs: number;
  /** read from IndexedDB rather than built */
  cached?: boolean;
  /** time from asking to having the meshes in the page (hashing, cache read or build) */
  readyMs?: number;
}

interface Stored extends Cortex {
  stamp: string;
}

let pending: Promise<Cortex> | null = null;
const CACHE_KEY = 'cortex-surfaces';
/** The key of the first version, which had no stamp: removed so it does not sit in the user's storage. */
const OLD_KEY = 'cortex-surfaces-ch2bet-v1';

async function bytes(name: string): Promise<Uint8Array> {
  const url = new URL(`./${name}`, location.href).href;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${name}: the bundled file is missing (HTTP ${r.status})`);
  return new Uint8Array(await r.arrayBuffer());
}

async function stampOf(template: Uint8Array, atlas: Uint8Array): Promise<string> {
  const hex = async (b: Uint8Array) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>))].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `v${CORTEX_BUILDER_VERSION}:${await hex(template)}:${await hex(atlas)}`;
}

function valid(hit: Stored | null, stamp: string): hit is Stored {
  const ok = (h: CortexHemisphere | undefined) => h?.positions instanceof Float32Array && h.sulc instanceof Float32Array && h.coarse instanceof Uint32Array && h.medialWall instanceof Uint8Array;
  return !!hit && hit.stamp === stamp && ok(hit.left) && ok(hit.right);
}

export function cortexMeshes(): Promise<Cortex> {
  pending ??= (async () => {
    const t0 = performance.now();
    const [template, atlas] = await Promise.all([bytes('template_ch2bet.nii.gz'), bytes('atlas_aal.nii.gz')]);
    const stamp = await stampOf(template, atlas);
    const hit = await idbGet<Stored>(CACHE_KEY).catch(() => null);
    if (valid(hit, stamp)) return { left: hit.left, right: hit.right, buildMs: 0, cached: true, readyMs: performance.now() - t0 };
    const built = await build({ template, atlas });
    // A full or missing IndexedDB only costs the next session a rebuild.
    void idbPut(CACHE_KEY, { ...built, stamp } satisfies Stored).catch(() => undefined);
    void idbDelete(OLD_KEY).catch(() => undefined);
    return { ...built, cached: false, readyMs: performance.now() - t0 };
  })();
  // A failed build may be retried by the next view that asks.
  pending.catch(() => (pending = null));
  return pending;
}

function build(request: CortexRequest): Promise<Cortex> {
  return new Promise<Cortex>((resolve, reject) => {
    const w = new Worker(new URL('../../workers/cortex.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<CortexResponse>) => {
      w.terminate();
      if (e.data.ok) resolve({ left: e.data.left, right: e.data.right, buildMs: e.data.buildMs });
      else reject(new Error(`cortical surfaces: ${e.data.message}`));
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      reject(new Error(`cortical surfaces: ${e.message || 'the worker stopped'}`));
    };
    w.postMessage(request, [request.template.buffer as ArrayBuffer, request.atlas.buffer as ArrayBuffer]);
  });
}
