/**
 * The demo study's generator workers: the bundled template and atlas go to two workers, each
 * generating one share of the subjects, and their files come back in batches (study files, then
 * one measure after another) as each is finished.
 */
import type { DemoFile } from '../../shared/ipc/host';
import type { DemoRequest, DemoResponse, DemoResume, DemoTiming } from './studyProtocol';

const DEMO_INPUTS = { template: 'template_ch2bet.nii.gz', atlas: 'atlas_aal.nii.gz', labels: 'atlas_aal.txt' };
/** Shares, one worker each: the machine this must be quick on has two cores. */
export const DEMO_SHARES = 2;

export interface DemoWorkerEvents {
  /** A batch from share `share`. */
  onFiles(files: DemoFile[], share: number): void;
  /** Files done over all shares (total 0 until every share has said its own). */
  onProgress(done: number, total: number): void;
  onTiming?(timing: DemoTiming, share: number): void;
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: the bundled file is missing (HTTP ${r.status})`);
  return r.arrayBuffer();
}

export interface DemoRun {
  /** Resolves when every share is done, rejects on the first failure. */
  done: Promise<void>;
  /** Let held workers go on past the first measure. */
  resume(): void;
}

/**
 * Generates the whole demo. With `hold`, each worker stops after its share of the first measure
 * until `resume()`, so the page can read that measure without the generator on the same cores.
 */
export function startDemoWorkers(events: DemoWorkerEvents, options: { hold?: boolean } = {}): DemoRun {
  const workers: Worker[] = [];
  let resumed = false;
  // A resume before the workers start means they need not hold at all.
  const done = runWorkers(events, workers, () => options.hold === true && !resumed);
  return {
    done,
    resume() {
      if (resumed) return;
      resumed = true;
      for (const w of workers) w.postMessage({ type: 'resume' } satisfies DemoResume);
    },
  };
}

async function runWorkers(events: DemoWorkerEvents, workers: Worker[], hold: () => boolean): Promise<void> {
  const [template, atlas, labels] = await Promise.all([
    fetchBytes(`./${DEMO_INPUTS.template}`),
    fetchBytes(`./${DEMO_INPUTS.atlas}`),
    fetchBytes(`./${DEMO_INPUTS.labels}`).then((b) => new TextDecoder().decode(b)),
  ]);
  const done = new Array<number>(DEMO_SHARES).fill(0);
  const totals = new Array<number>(DEMO_SHARES).fill(0);
  const shares = Array.from({ length: DEMO_SHARES }, (_, index) => {
    const w = new Worker(new URL('../workers/demo.worker.ts', import.meta.url), { type: 'module' });
    workers.push(w);
    return new Promise<void>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<DemoResponse>) => {
        const m = e.data;
        if (m.type === 'progress') {
          done[index] = m.done;
          totals[index] = m.total;
          events.onProgress(done.reduce((a, b) => a + b, 0), totals.every((t) => t > 0) ? totals.reduce((a, b) => a + b, 0) : 0);
          return;
        }
        if (m.type === 'files') {
          events.onFiles(m.files, index);
          return;
        }
        w.terminate();
        if (m.type === 'done') {
          events.onTiming?.(m.timing, index);
          resolve();
        } else reject(new Error(`The demo study could not be generated: ${m.message}`));
      };
      w.onerror = (e) => {
        e.preventDefault();
        w.terminate();
        reject(new Error(`The demo study could not be generated: ${e.message || 'the generator stopped (out of memory?)'}`));
      };
      // Each worker gets its own copy of the inputs (small: a few MB).
      const req: DemoRequest = {
        template: template.slice(0),
        templateName: DEMO_INPUTS.template,
        atlas: atlas.slice(0),
        atlasName: DEMO_INPUTS.atlas,
        labels,
        labelsName: DEMO_INPUTS.labels,
        part: { index, of: DEMO_SHARES },
        holdAfterFirstMeasure: hold(),
      };
      w.postMessage(req, [req.template, req.atlas]);
    });
  });
  try {
    await Promise.all(shares);
  } finally {
    for (const w of workers) w.terminate();
  }
}
