/// <reference lib="webworker" />
// Surface meshes for 3D scenes, off the UI thread; the geometry lives in shared/mesh (tested in Node).
import { brainShell } from '../../shared/mesh';
import type { Mat4 } from '../../shared/spaces/types';

export interface MeshRequest {
  labels: Float32Array;
  dims: [number, number, number];
  affine: Mat4;
  targetMm: number;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<MeshRequest>) => {
  try {
    const { labels, dims, affine, targetMm } = e.data;
    const mesh = brainShell(labels, dims, affine, targetMm);
    scope.postMessage({ ok: true, positions: mesh.positions, indices: mesh.indices }, [mesh.positions.buffer, mesh.indices.buffer]);
  } catch (err) {
    scope.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
