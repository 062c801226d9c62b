/// <reference lib="webworker" />
// Untrusted bytes are parsed here, off the UI thread, by the one shared parser.
import { writeNifti, type NiftiImage } from '../../shared/nifti';
import { pool, readNiftiFast, SCRATCH_BUFFERS } from './readNiftiFast';
import type { ParseRequest, ParseResponse, ParsedVolume } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<ParseRequest>) => {
  const { id, name, bytes, wantDisplay } = e.data;
  try {
    const image = await readNiftiFast(new Uint8Array(bytes), name);
    const volume = summarise(image, wantDisplay);
    const transfer: Transferable[] = [image.data.buffer as ArrayBuffer];
    if (volume.displayBytes) transfer.push(volume.displayBytes);
    scope.postMessage({ id, ok: true, volume } satisfies ParseResponse, transfer);
  } catch (err) {
    const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'unreadable';
    const raw = err instanceof Error ? err.message : String(err);
    // Parser errors already name the file; anything unexpected gets the name added.
    const message = raw.includes(name) ? raw : `${name}: could not be read (${raw})`;
    scope.postMessage({ id, ok: false, error: { code, message } } satisfies ParseResponse);
  } finally {
    // Files of every size pass through here: keep only a little scratch between them.
    pool.trim(SCRATCH_BUFFERS);
  }
};

function summarise(image: NiftiImage, wantDisplay: boolean): ParsedVolume {
  const d = image.data;
  let min = Infinity;
  let max = -Infinity;
  let isInteger = true;
  let nonFinite = 0;
  const clean = wantDisplay ? new Float32Array(d.length) : null;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (isInteger && v !== Math.round(v)) isInteger = false;
    if (clean) clean[i] = v;
  }
  if (min > max) min = max = 0;
  let displayBytes: ArrayBuffer | null = null;
  if (clean) {
    const dims = image.nFrames > 1 ? [...image.grid.dims, image.nFrames] : [...image.grid.dims];
    const bytes = writeNifti({ dims, affine: image.grid.affine, data: clean, intentCode: image.header.intentCode, descrip: image.header.descrip.slice(0, 79) });
    displayBytes = bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  }
  return { image, displayBytes, min, max, isInteger, nonFinite };
}
