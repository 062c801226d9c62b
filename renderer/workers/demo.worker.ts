/// <reference lib="webworker" />
// Generates one share of the simulated demo study (generateDemoStudy's `part`), so two of these
// split the work across both cores. Files go back a batch at a time (the study files, then one
// measure after another, the BOLD one first), with their buffers transferred, so the page can
// open the study on its first measure while the rest is generated.
import { makeAtlas, parseLabelTable } from '../../shared/atlas';
import { readNifti } from '../../shared/nifti';
import { demoStudyBatches } from '../../shared/study';
import type { DemoFile } from '../../shared/ipc/host';
import type { DemoRequest, DemoResponse, DemoResume } from '../engine/studyProtocol';
import { wasmGunzipper, wasmGzipper } from './gzipWasm';

/**
 * The page keeps the demo only in its own storage, so it gzips for speed: level 1 is three times
 * faster than the CLI's level 4 for 10 % more bytes (about 66 MB instead of 61 MB). The voxels are
 * the same; only the compressed bytes differ from `contrastscope demo-data`'s.
 */
const PAGE_GZIP_LEVEL = 1;

const scope = self as unknown as DedicatedWorkerGlobalScope;

let resumed = false;
let onResume: (() => void) | null = null;

scope.onmessage = (e: MessageEvent<DemoRequest | DemoResume>) => {
  const m = e.data;
  if ('type' in m) {
    resumed = true;
    onResume?.();
    return;
  }
  void generate(m);
};

/** After the first measure: carry on at once, or when the page has read that measure. */
function held(r: DemoRequest): Promise<void> {
  if (!r.holdAfterFirstMeasure || resumed) return Promise.resolve();
  return new Promise((resolve) => (onResume = resolve));
}

async function generate(r: DemoRequest): Promise<void> {
  try {
    const t0 = performance.now();
    const gzipper = await wasmGzipper(PAGE_GZIP_LEVEL);
    let deflateMs = 0;
    const deflate = gzipper
      ? (raw: Uint8Array) => {
          const a = performance.now();
          const out = gzipper(raw);
          deflateMs += performance.now() - a;
          return out;
        }
      : undefined;
    // The bundled inputs inflate in WebAssembly too (fflate took most of the set-up).
    const inflate = (await wasmGunzipper()) ?? undefined;
    const template = readNifti(new Uint8Array(r.template), r.templateName, { inflate });
    const atlasImage = readNifti(new Uint8Array(r.atlas), r.atlasName, { inflate });
    const atlas = makeAtlas(atlasImage, parseLabelTable(r.labels, r.labelsName));
    const t1 = performance.now();
    let last = 0;
    let heldMs = 0;
    const batchesMs: number[] = [];
    const batches = demoStudyBatches({
      template,
      atlas,
      part: r.part,
      deflate,
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - last < 100 && done < total) return;
        last = now;
        scope.postMessage({ type: 'progress', done, total } satisfies DemoResponse);
      },
    });
    let maps = 0;
    for (const files of batches) {
      // Each file must own its buffer to be transferred; copy the rare view into a buffer of its own.
      const owned: DemoFile[] = files.map((f) => ({ relPath: f.relPath, bytes: f.bytes.byteLength === f.bytes.buffer.byteLength ? f.bytes : f.bytes.slice() }));
      const transfer = [...new Set(owned.map((f) => f.bytes.buffer as ArrayBuffer))];
      scope.postMessage({ type: 'files', files: owned } satisfies DemoResponse, transfer);
      batchesMs.push(performance.now() - t0);
      if (files.some((f) => f.relPath.endsWith('.nii.gz')) && ++maps === 1) {
        const a = performance.now();
        await held(r);
        heldMs = performance.now() - a;
      }
    }
    const timing = { batchesMs, heldMs, setupMs: t1 - t0, generateMs: performance.now() - t1 - heldMs, deflateMs, deflater: gzipper ? ('wasm' as const) : ('fflate' as const) };
    scope.postMessage({ type: 'done', timing } satisfies DemoResponse);
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies DemoResponse);
  }
}
