import type { Grid } from '../../shared/spaces/types';
import type { DemoFile } from '../../shared/ipc/host';
import type { Inflater } from '../workers/readNiftiFast';

/** To a map reader: read one file, take back unloaded maps' buffers, free all but its scratch, or get ready to read. */
export type StudyWorkerMessage = StudyReadRequest | { recycle: ArrayBuffer[] } | { trim: true } | { warm: true };

export interface StudyReadRequest {
  id: number;
  name: string;
  /** The file's bytes, or (browser) its Blob, read in the worker. */
  bytes: ArrayBuffer | Blob;
  /** Which 3D frame to keep (AFNI sub-bricks); 0 for ordinary maps. */
  frame: number;
}

export type StudyReadResponse =
  | { id: number; ok: true; grid: Grid; data: Float32Array; warnings: string[]; nFrames: number; /** Time spent reading in the worker. */ ms: number; inflater: Inflater }
  | { id: number; ok: false; message: string };

export interface DemoRequest {
  template: ArrayBuffer;
  templateName: string;
  atlas: ArrayBuffer;
  atlasName: string;
  labels: string;
  labelsName: string;
  part: { index: number; of: number };
  /**
   * Wait after the first measure's batch until the page sends DemoResume (it reads that measure
   * meanwhile, and on two cores the generator would slow it down).
   */
  holdAfterFirstMeasure?: boolean;
}

export interface DemoResume {
  type: 'resume';
}

/** Where one demo worker's time went (logged by the page). */
export interface DemoTiming {
  /** Starting the deflater and reading the template and atlas. */
  setupMs: number;
  /** Generating its share, gzip included. */
  generateMs: number;
  deflateMs: number;
  deflater: 'wasm' | 'fflate';
  /** When each batch of files was handed over, from the worker's start. */
  batchesMs: number[];
  /** Waiting for the page to read the first measure (not in generateMs). */
  heldMs: number;
}

export type DemoResponse =
  | { type: 'progress'; done: number; total: number }
  /** A batch of finished files (buffers transferred). */
  | { type: 'files'; files: DemoFile[] }
  | { type: 'done'; timing: DemoTiming }
  | { type: 'error'; message: string };
