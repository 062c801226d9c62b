/** Sends bytes to the NIfTI worker and gets parsed volumes back (buffers transferred, not copied). */
import type { ParsedVolume, ParseRequest, ParseResponse } from '../workers/protocol';

export class ParseError extends Error {
  readonly userFacing = true;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class ParseClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: ParsedVolume) => void; reject: (e: Error) => void; name: string }>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('../workers/nifti.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<ParseResponse>) => {
      const job = this.waiting.get(e.data.id);
      if (!job) return;
      this.waiting.delete(e.data.id);
      if (e.data.ok) job.resolve(e.data.volume);
      else job.reject(new ParseError(e.data.error.code, e.data.error.message));
    };
    // A crash (e.g. out of memory) fails every waiting file, then a fresh worker is made next time.
    w.onerror = (e) => {
      e.preventDefault();
      for (const [, job] of this.waiting) job.reject(new ParseError('worker-crashed', `${job.name}: the reader stopped unexpectedly (${e.message || 'out of memory?'})`));
      this.waiting.clear();
      w.terminate();
      this.worker = null;
    };
    this.worker = w;
    return w;
  }

  parse(name: string, bytes: ArrayBuffer, wantDisplay: boolean): Promise<ParsedVolume> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, name });
      this.ensure().postMessage({ id, name, bytes, wantDisplay } satisfies ParseRequest, [bytes]);
    });
  }
}
