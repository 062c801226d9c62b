/// <reference lib="webworker" />
// Generates one share of the simulated demo study (generateDemoStudy's `part`), so two of these
// split the work across both cores. Files go back with their buffers transferred.
import { makeAtlas, parseLabelTable } from '../../shared/atlas';
import { readNifti } from '../../shared/nifti';
import { generateDemoStudy } from '../../shared/study';
import type { DemoFile } from '../../shared/ipc/host';
import type { DemoRequest, DemoResponse } from '../engine/studyProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<DemoRequest>) => {
  const r = e.data;
  try {
    const template = readNifti(new Uint8Array(r.template), r.templateName);
    const atlasImage = readNifti(new Uint8Array(r.atlas), r.atlasName);
    const atlas = makeAtlas(atlasImage, parseLabelTable(r.labels, r.labelsName));
    let last = 0;
    const files = generateDemoStudy({
      template,
      atlas,
      part: r.part,
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - last < 100 && done < total) return;
        last = now;
        scope.postMessage({ type: 'progress', done, total } satisfies DemoResponse);
      },
    });
    // Each file must own its buffer to be transferred; copy the rare view into a shared one.
    const owned: DemoFile[] = files.map((f) => ({ relPath: f.relPath, bytes: f.bytes.byteLength === f.bytes.buffer.byteLength ? f.bytes : f.bytes.slice() }));
    const transfer = [...new Set(owned.map((f) => f.bytes.buffer as ArrayBuffer))];
    scope.postMessage({ type: 'done', files: owned } satisfies DemoResponse, transfer);
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies DemoResponse);
  }
};
