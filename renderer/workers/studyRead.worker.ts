/// <reference lib="webworker" />
// One subject map per message: parse with the shared reader and send back one 3D frame.
// Several of these run side by side (see engine/studyReaders.ts); buffers are transferred, not copied.
import { pool, readNiftiFast, SCRATCH_BUFFERS, wasmReady } from './readNiftiFast';
import type { StudyReadResponse, StudyWorkerMessage } from '../engine/studyProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<StudyWorkerMessage>) => {
  if ('recycle' in e.data) {
    for (const b of e.data.recycle) pool.give(b);
    return;
  }
  if ('trim' in e.data) {
    pool.trim(SCRATCH_BUFFERS);
    return;
  }
  if ('warm' in e.data) {
    void wasmReady();
    return;
  }
  const { id, name, bytes, frame } = e.data;
  const t0 = performance.now();
  try {
    const image = await readNiftiFast(bytes instanceof Blob ? bytes : new Uint8Array(bytes), name);
    const nVox = image.grid.dims[0] * image.grid.dims[1] * image.grid.dims[2];
    const f = Math.min(Math.max(0, frame), image.nFrames - 1);
    // A single-frame file's data is the frame itself; otherwise copy out only the frame we need.
    const data = image.nFrames === 1 && image.data.length === nVox ? image.data : image.data.slice(f * nVox, (f + 1) * nVox);
    if (data !== image.data) pool.give(image.data.buffer as ArrayBuffer);
    const msg: StudyReadResponse = { id, ok: true, grid: image.grid, data, warnings: image.warnings, nFrames: image.nFrames, ms: performance.now() - t0, inflater: image.inflater };
    scope.postMessage(msg, [data.buffer as ArrayBuffer]);
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const message = raw.includes(name) ? raw : `${name}: could not be read (${raw})`;
    scope.postMessage({ id, ok: false, message } satisfies StudyReadResponse);
  }
};
