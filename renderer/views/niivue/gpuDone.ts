/**
 * WebGL only queues work: a draw call returns long before the GPU (with software GL, the GPU
 * process on the same cores) has executed it. A fence says when it has.
 */

/** Resolves once `gl` has executed everything issued so far, or after `maxMs` (a lost context, a stuck driver). */
export function gpuDone(gl: WebGL2RenderingContext, maxMs = 5000): Promise<void> {
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!sync) return Promise.resolve();
  gl.flush();
  const t0 = performance.now();
  return new Promise((resolve) => {
    const poll = () => {
      const done = gl.isContextLost() || gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED;
      if (done || performance.now() - t0 > maxMs) {
        if (!gl.isContextLost()) gl.deleteSync(sync);
        resolve();
      } else setTimeout(poll, 20);
    };
    poll();
  });
}

/** After the next animation frame: niivue's draws are coalesced to one per frame (createNiivue). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
