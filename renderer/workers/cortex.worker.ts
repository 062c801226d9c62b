/// <reference lib="webworker" />
// The template's cortical surfaces, built off the UI thread from the bundled ch2bet and AAL
// (the geometry lives in shared/mesh and is tested in Node).
import { clusterTriangles, cortexSurfaces, inflate, vertexNormals, type Mesh } from '../../shared/mesh';
import { readNifti } from '../../shared/nifti';

export interface CortexRequest {
  /** the bundled template and atlas files' bytes (the page read them to hash them for the cache) */
  template: Uint8Array;
  atlas: Uint8Array;
}

/** (Changing what this worker makes: bump CORTEX_BUILDER_VERSION in shared/mesh/cortex.ts.) Cube size of the coarse triangle list drawn while the camera moves (about 7x fewer triangles). */
const COARSE_CELL_MM = 2.5;

export interface CortexHemisphere {
  positions: Float32Array;
  indices: Uint32Array;
  normals: Float32Array;
  /** sulcal depth proxy: > 0 on gyral crowns, < 0 in sulci (offset from a smoothed copy along the normal) */
  sulc: Float32Array;
  /** 1 on the medial wall: the flat cut at x = 0 where the hemispheres were joined (|x| < 0.75 mm) */
  medialWall: Uint8Array;
  /** a coarse triangle list over the same vertices, drawn while the camera moves */
  coarse: Uint32Array;
}

function withShading(m: Mesh): CortexHemisphere {
  const normals = vertexNormals(m);
  const smooth = inflate(m, 20).positions;
  const p = m.positions;
  const sulc = new Float32Array(p.length / 3);
  for (let v = 0; v < sulc.length; v++) sulc[v] = (p[3 * v] - smooth[3 * v]) * normals[3 * v] + (p[3 * v + 1] - smooth[3 * v + 1]) * normals[3 * v + 1] + (p[3 * v + 2] - smooth[3 * v + 2]) * normals[3 * v + 2];
  const medialWall = new Uint8Array(sulc.length);
  // The cut's vertices sit at x = ±0.5 mm (between the voxel centres either side of the
  // excluded x = 0 plane); the nearest real cortex is a millimetre further out.
  for (let v = 0; v < sulc.length; v++) medialWall[v] = Math.abs(p[3 * v]) < 0.75 ? 1 : 0;
  return { ...m, normals, sulc, medialWall, coarse: clusterTriangles(m.positions, m.indices, COARSE_CELL_MM) };
}

export type CortexResponse = { ok: true; left: CortexHemisphere; right: CortexHemisphere; buildMs: number } | { ok: false; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<CortexRequest>) => {
  try {
    const t1 = readNifti(e.data.template, 'template_ch2bet.nii.gz');
    const aal = readNifti(e.data.atlas, 'atlas_aal.nii.gz');
    const t0 = performance.now();
    const both = cortexSurfaces(t1.data, aal.data, t1.grid.dims, t1.grid.affine);
    const left = withShading(both.left);
    const right = withShading(both.right);
    const buildMs = performance.now() - t0;
    const msg: CortexResponse = { ok: true, left, right, buildMs };
    scope.postMessage(msg, [left, right].flatMap((h) => [h.positions, h.indices, h.normals, h.sulc, h.medialWall, h.coarse]).map((a) => a.buffer as ArrayBuffer));
  } catch (err) {
    scope.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) } satisfies CortexResponse);
  }
};
