/// <reference lib="webworker" />
// The template's cortical surfaces, built off the UI thread from the bundled ch2bet and AAL
// (the geometry lives in shared/mesh and is tested in Node).
import { cortexSurfaces, inflate, vertexNormals, type Mesh } from '../../shared/mesh';
import { readNifti } from '../../shared/nifti';

export interface CortexRequest {
  templateUrl: string;
  atlasUrl: string;
}

export interface CortexHemisphere {
  positions: Float32Array;
  indices: Uint32Array;
  normals: Float32Array;
  /** sulcal depth proxy: > 0 on gyral crowns, < 0 in sulci (offset from a smoothed copy along the normal) */
  sulc: Float32Array;
}

function withShading(m: Mesh): CortexHemisphere {
  const normals = vertexNormals(m);
  const smooth = inflate(m, 20).positions;
  const p = m.positions;
  const sulc = new Float32Array(p.length / 3);
  for (let v = 0; v < sulc.length; v++) sulc[v] = (p[3 * v] - smooth[3 * v]) * normals[3 * v] + (p[3 * v + 1] - smooth[3 * v + 1]) * normals[3 * v + 1] + (p[3 * v + 2] - smooth[3 * v + 2]) * normals[3 * v + 2];
  return { ...m, normals, sulc };
}

export type CortexResponse = { ok: true; left: CortexHemisphere; right: CortexHemisphere; buildMs: number } | { ok: false; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function bytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: the bundled file is missing (HTTP ${r.status})`);
  return new Uint8Array(await r.arrayBuffer());
}

scope.onmessage = async (e: MessageEvent<CortexRequest>) => {
  try {
    const [t1b, aalb] = await Promise.all([bytes(e.data.templateUrl), bytes(e.data.atlasUrl)]);
    const t1 = readNifti(t1b, 'template_ch2bet.nii.gz');
    const aal = readNifti(aalb, 'atlas_aal.nii.gz');
    const t0 = performance.now();
    const both = cortexSurfaces(t1.data, aal.data, t1.grid.dims, t1.grid.affine);
    const left = withShading(both.left);
    const right = withShading(both.right);
    const buildMs = performance.now() - t0;
    const msg: CortexResponse = { ok: true, left, right, buildMs };
    scope.postMessage(msg, [left.positions, left.indices, left.normals, left.sulc, right.positions, right.indices, right.normals, right.sulc].map((a) => a.buffer as ArrayBuffer));
  } catch (err) {
    scope.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) } satisfies CortexResponse);
  }
};
