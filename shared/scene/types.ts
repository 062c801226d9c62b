/**
 * The Scene: the one document the app edits, saves and reloads.
 * Plain serialisable data only (no buffers, no class instances): voxel data lives in the
 * renderer's volume cache, keyed by layer id.
 */
import type { Grid } from '../spaces/types';
import type { SavedView } from './views';
import type { Figure } from '../figure/schema';
import type { CompareSettings } from './compare';

/**
 * 2: figures for papers (scene.figures), and file sources may keep `relPath`, the path relative
 * to the scene file. Version-1 files are read with no figures (see migrate.ts).
 * 3: the Compare settings (scene.compare, shared/scene/compare.ts), and saved views keep the same
 * settings whole. Version-2 files are read with default settings (see migrate.ts).
 */
export const SCENE_VERSION = 3;

export type LayerKind = 'template' | 'atlas' | 'stat' | 'map' | 'roi';
export type SliceType = 'axial' | 'coronal' | 'sagittal' | 'multiplanar' | 'render3d';
export type Vec3 = [number, number, number];

/** Where a layer's bytes came from, so a saved scene can be reopened. */
export type LayerSource =
  | { type: 'bundled'; url: string }
  /** `labelsPath`: an atlas opened with its label table names the table too, so the scene reopens both. */
  | { type: 'file'; path: string; relPath?: string; labelsPath?: string }
  | { type: 'derived'; description: string };

/**
 * Display thresholds. Positive values >= pos are coloured with `colormap`; negative values
 * <= neg (a negative number, e.g. -3.1) with `colormapNeg`. null hides that side.
 */
export interface Thresholds {
  pos: number | null;
  neg: number | null;
}

export interface Layer {
  id: string;
  name: string;
  source: LayerSource;
  kind: LayerKind;
  visible: boolean;
  /** 0..1 */
  opacity: number;
  colormap: string;
  /** Colormap for negative values; null for one-sided display. */
  colormapNeg: string | null;
  thresholds: Thresholds;
  /** Colour saturation: positive colours run thresholds.pos..range.max, negative thresholds.neg..range.min. */
  range: { min: number; max: number };
  /** 4D files: which 3D frame is shown (0-based). */
  frame: number;
  nFrames: number;
  /** The grid the file is on (needed to say when and why it is resampled). */
  grid: Grid;
  /** True when the layer's grid differs from the template's and is resampled for display. */
  resampled: boolean;
  /** Plain-words notes shown under the layer, e.g. 'resampled from 1.5 mm LAS grid for display'. */
  notes: string[];
  /** Warnings shown in amber, e.g. 'not marked as a standard space'. */
  warnings: string[];
  /** Degrees of freedom for t maps, when known (from the header or the user). */
  dof: number | null;
  /** Value range of the data (all frames, finite values only). */
  dataRange: { min: number; max: number };
}

export interface ViewState {
  sliceType: SliceType;
  /** false = neurological (left on the left). */
  radiological: boolean;
  crosshairMm: Vec3;
  zoom: number;
  /** Atlas drawn as outlines (true) or filled labels (false). */
  atlasOutline: boolean;
}

export interface Scene {
  version: number;
  layers: Layer[];
  view: ViewState;
  /** Saved views in presentation order (absent in files saved before views existed). */
  views: SavedView[];
  /** Figures for papers, each a page of lettered panels (absent before version 2). */
  figures: Figure[];
  /** What the user chose in the compare workspace (absent before version 3: defaults). */
  compare: CompareSettings;
}
