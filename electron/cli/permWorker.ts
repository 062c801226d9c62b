// A worker thread of the permutation pool: builds its own engine over the shared data and runs
// the rows it is sent (chunks from permPool's queue), posting each chunk's null statistics back.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, nullColumns, runRows, type PermData, type PermOptions } from '../../shared/stats/permutation/index';

interface Init {
  role: 'perm';
  data: Omit<PermData, 'y' | 'voxels'> & { y: SharedArrayBuffer; voxels: SharedArrayBuffer };
  rows: SharedArrayBuffer;
  opts: PermOptions;
}

const init = workerData as Init;
const data: PermData = { ...init.data, y: new Float64Array(init.data.y), voxels: new Int32Array(init.data.voxels) };
const rows = new Int8Array(init.rows);
const engine = createEngine(data, init.opts);

parentPort!.on('message', (msg: { r0: number; r1: number }) => {
  try {
    const out = nullColumns(msg.r1 - msg.r0, init.opts);
    runRows(engine, rows, msg.r0, msg.r1, out, 0);
    parentPort!.postMessage({ r0: msg.r0, r1: msg.r1, out });
  } catch (err) {
    const e = err as { message?: string; userFacing?: boolean };
    parentPort!.postMessage({ error: e?.message ?? String(err), userFacing: e?.userFacing === true });
  }
});
