/** The atlas's glass-brain surface, built once in a worker and shared by every 3D scene. */
import type { Mesh } from '../../../shared/mesh';
import type { Atlas } from '../../../shared/atlas';
import type { MeshRequest } from '../../workers/mesh.worker';

let pending: Promise<Mesh | null> | null = null;

/** Null when no atlas is loaded (the scene then shows nodes and edges alone). */
export function brainShellMesh(atlas: Atlas | null): Promise<Mesh | null> {
  if (!atlas) return Promise.resolve(null);
  pending ??= new Promise<Mesh | null>((resolve) => {
    const w = new Worker(new URL('../../workers/mesh.worker.ts', import.meta.url), { type: 'module' });
    const done = (m: Mesh | null) => {
      w.terminate();
      resolve(m);
    };
    w.onmessage = (e: MessageEvent<{ ok: true; positions: Float32Array; indices: Uint32Array } | { ok: false; message: string }>) => {
      if (e.data.ok) done({ positions: e.data.positions, indices: e.data.indices });
      else {
        console.warn(`glass brain: ${e.data.message}`);
        done(null);
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      console.warn(`glass brain: ${e.message}`);
      done(null);
    };
    const request: MeshRequest = { labels: atlas.data.slice(), dims: [...atlas.grid.dims] as [number, number, number], affine: [...atlas.grid.affine], targetMm: 3 };
    w.postMessage(request, [request.labels.buffer]);
  });
  return pending;
}
