/** Scene files parsed in a worker (where the page has Workers; Node tests parse in place). */
import { MAX_SCENE_BYTES, readSceneText, type SceneCheck } from '../../shared/scene';

export function parseSceneFile(bytes: ArrayBuffer, name: string): Promise<SceneCheck> {
  if (typeof Worker === 'undefined') {
    if (bytes.byteLength > MAX_SCENE_BYTES) return Promise.resolve({ ok: false, message: `${name}: the scene file is too large (${(bytes.byteLength / 1024 ** 2).toFixed(1)} MiB; a scene is at most ${MAX_SCENE_BYTES / 1024 ** 2} MiB)` });
    return Promise.resolve(readSceneText(new TextDecoder().decode(bytes), name));
  }
  return new Promise((resolve) => {
    const w = new Worker(new URL('../workers/scene.worker.ts', import.meta.url), { type: 'module' });
    const done = (r: SceneCheck) => {
      w.terminate();
      resolve(r);
    };
    w.onmessage = (e: MessageEvent<SceneCheck>) => done(e.data);
    w.onerror = () => done({ ok: false, message: `${name}: the scene file could not be read (the reader stopped)` });
    w.postMessage({ bytes, name }, [bytes]);
  });
}
