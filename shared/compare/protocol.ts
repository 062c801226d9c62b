// Messages between the compare UI and its worker. The worker computes a measure's contrast
// once ('compute-contrast', with progress); thresholds, cluster tables and ROI values are
// then answered from its cache, so dragging a threshold never recomputes the t map.

import type { AtlasLike } from '../clusters';
import type { Grid } from '../spaces/types';
import type { ClusterRow } from './clusterTable';
import type { RoiSummary } from './roiValues';
import type { SignFlipP } from '../stats/permutation/roi';
import type { ResolvedThreshold, ThresholdNames, ThresholdSpec } from './threshold';
import type { ContrastMaps, Design, Direction, Statistic } from './types';

export interface ComputeContrastRequest {
  type: 'compute-contrast';
  measureId: string;
  a: Float32Array[];
  b: Float32Array[];
  mask?: Uint8Array;
  design: Design;
}

/** A group-level t map opened on its own (SPM/FSL/AFNI), with the dof the user gave. */
export interface GroupMapRequest {
  type: 'group-map';
  measureId: string;
  t: Float32Array;
  dof: number;
  mask?: Uint8Array;
}

export interface ThresholdRequest {
  type: 'threshold';
  requestId: number;
  measureId: string;
  statistic: Statistic;
  direction: Direction;
  threshold: ThresholdSpec;
  names?: ThresholdNames;
}

export interface ClustersRequest {
  type: 'clusters';
  requestId: number;
  measureId: string;
  statistic: Statistic;
  direction: Direction;
  threshold: ThresholdSpec;
  grid: Grid;
  connectivity?: 6 | 18 | 26;
  /** an atlas sent before with 'set-atlas' */
  atlasId?: string;
  names?: ThresholdNames;
}

export interface RoiRequest {
  type: 'roi';
  requestId: number;
  measureId: string;
  direction: Direction;
  rois: { roi: string; mask: Uint8Array }[];
}

export interface SetAtlasRequest {
  type: 'set-atlas';
  atlasId: string;
  atlas: AtlasLike;
}

/** Drops one measure's cached maps (or all, without measureId). */
export interface ForgetRequest {
  type: 'forget';
  measureId?: string;
}

/** One copy of the contrast's subject maps (A - B direction) for a permutation run; the worker keeps its own. */
export interface SubjectMapsRequest {
  type: 'subject-maps';
  requestId: number;
  measureId: string;
}

export type CompareRequest = ComputeContrastRequest | GroupMapRequest | ThresholdRequest | ClustersRequest | RoiRequest | SetAtlasRequest | ForgetRequest | SubjectMapsRequest;

export interface ProgressMessage {
  type: 'progress';
  measureId: string;
  done: number;
  total: number;
}

/** The maps are copies whose buffers are in the transfer list; the worker keeps its own. */
export interface ContrastReadyMessage {
  type: 'contrast-ready';
  measureId: string;
  maps: ContrastMaps;
}

export interface ThresholdReadyMessage {
  type: 'threshold-ready';
  requestId: number;
  measureId: string;
  resolved: ResolvedThreshold;
}

export interface ClustersReadyMessage {
  type: 'clusters-ready';
  requestId: number;
  measureId: string;
  resolved: ResolvedThreshold;
  rows: ClusterRow[];
  /** 0 = no cluster, k = the row with id k (transferred) */
  labels: Int32Array;
  /** milliseconds spent in the worker */
  elapsedMs: number;
}

export interface RoiReadyMessage {
  type: 'roi-ready';
  requestId: number;
  measureId: string;
  /** per ROI: subject values (a, b in subject order) and summary; group maps: values of the t map in `group` */
  results: { roi: string; a: number[]; b: number[]; summary: RoiSummary | null; group: { mean: number; sd: number; n: number } | null; signFlip?: SignFlipP | null }[];
}

export interface ErrorMessage {
  type: 'error';
  requestId?: number;
  measureId?: string;
  message: string;
  /** true when the message is meant for the user as it is */
  userFacing: boolean;
}

/**
 * The subject maps of the contrast the worker dropped (it keeps only the one in use), handed back
 * (transferred) so the next contrast's copies can reuse their memory.
 */
export interface ReleasedMessage {
  type: 'released';
  buffers: ArrayBuffer[];
}

/** The copies asked for with 'subject-maps' (transferred); mask = the tested voxels of the contrast. */
export interface SubjectMapsMessage {
  type: 'subject-maps';
  requestId: number;
  measureId: string;
  a: Float32Array[];
  b: Float32Array[];
  design: Design;
}

export type CompareResponse = SubjectMapsMessage | ProgressMessage | ContrastReadyMessage | ThresholdReadyMessage | ClustersReadyMessage | RoiReadyMessage | ErrorMessage | ReleasedMessage;

/** postMessage with a transfer list of buffers. */
export type PostCompare = (message: CompareResponse, transfer?: ArrayBuffer[]) => void;
