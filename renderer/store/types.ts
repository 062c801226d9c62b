import type { EdgeThreshold } from '../../shared/connectivity';
import type { Scene } from '../../shared/scene';
import type { StudySlice } from './study';
import type { CompareSlice } from './compare';

export interface AppError {
  id: number;
  /** The file (or 'Scene', 'Export'...) the problem is about. */
  subject: string;
  message: string;
}

export interface Progress {
  label: string;
  /** 0..1, or null when unknown. */
  fraction: number | null;
}

export type Workspace = 'viewer' | 'compare' | 'connectivity' | 'figure';

export interface SceneSlice {
  scene: Scene;
  /** Undo/redo stacks of whole scene snapshots; scenes are small (no voxel data). */
  past: Scene[];
  future: Scene[];
}

export interface SelectionSlice {
  selectedLayerId: string | null;
}

export interface UiSlice {
  errors: AppError[];
  /** Files an opened or recovered scene names that could not be read; each can be located by hand. */
  missingFiles: import('../../shared/scene').Layer[];
  notices: { id: number; message: string }[];
  progress: Progress | null;
  paletteOpen: boolean;
  workspace: Workspace;
  /** Connectivity workspace: which edges count as passing (the heatmap fades the rest, the table lists them). */
  edgeThreshold: EdgeThreshold;
  /** Connectivity workspace: the matrices as heatmaps, or the passing edges in a 3D scene. */
  connectivityView: 'matrix' | '3d';
  /** The saved view applied last: next and previous step from it. */
  activeViewId: string | null;
  /** Presenting: side panels and the top bar hidden, the panes fill the screen, a caption names the view. */
  presenting: boolean;
  /** The figure the Figure workspace shows and Add to figure adds to. */
  activeFigureId: string | null;
  /** The Figure workspace's export format. */
  figureFormat: 'png' | 'tiff' | 'svg' | 'pdf';
}

export interface SessionSlice {
  /** True once the template and atlas are loaded and parsed. */
  ready: boolean;
  /** True once the viewer's first picture with the template is drawn (by the GPU, not only queued). */
  firstFrame: boolean;
  templateId: string | null;
  atlasId: string | null;
  /** The folder of the last opened study (compare workspace uses it). */
  studyRoot: string | null;
}

export type AppState = SceneSlice & SelectionSlice & UiSlice & SessionSlice & StudySlice & CompareSlice;
