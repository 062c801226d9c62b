/// <reference lib="webworker" />
// Scene files are parsed and checked off the page's thread: a hostile one (huge, deeply nested)
// then costs a worker, never a frozen window. The checks live in shared/scene (tested in Node).
import { readSceneText, MAX_SCENE_BYTES } from '../../shared/scene';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<{ bytes: ArrayBuffer; name: string }>) => {
  const { bytes, name } = e.data;
  if (bytes.byteLength > MAX_SCENE_BYTES) {
    scope.postMessage({ ok: false, message: `${name}: the scene file is too large (${(bytes.byteLength / 1024 ** 2).toFixed(1)} MiB; a scene is at most ${MAX_SCENE_BYTES / 1024 ** 2} MiB)` });
    return;
  }
  try {
    scope.postMessage(readSceneText(new TextDecoder().decode(bytes), name));
  } catch (err) {
    scope.postMessage({ ok: false, message: `${name}: the scene file could not be read (${err instanceof Error ? err.message : String(err)})` });
  }
};
