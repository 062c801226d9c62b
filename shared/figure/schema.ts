/**
 * The figure document: pages for papers laid out as lettered panels. Plain data kept in the
 * Scene (scene.figures) and validated with zod when a scene file is read, so the app and
 * `contrastscope render` draw the same figure from the same file.
 */
import { z } from 'zod';
import { fweSchema, roiSourceSchema, thresholdSchema } from '../scene/compare';

// The threshold and ROI source are the Compare settings' own (one schema per thing).
export { roiSourceSchema, thresholdSchema };

/** Journal column widths in mm: Nature one/two columns, Elsevier one/two columns. */
export const WIDTH_PRESETS = [
  { mm: 89, label: 'Nature, one column (89 mm)' },
  { mm: 183, label: 'Nature, two columns (183 mm)' },
  { mm: 85, label: 'Elsevier, one column (85 mm)' },
  { mm: 174, label: 'Elsevier, two columns (174 mm)' },
] as const;

export const DPI_MIN = 150;
export const DPI_MAX = 1200;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** Which contrast a panel shows: the Compare state when the panel was added. */
export const contrastSpecSchema = z.object({
  measureId: z.string().min(1),
  conditionA: z.string().min(1),
  conditionB: z.string().min(1),
  direction: z.enum(['A-B', 'B-A']),
  statistic: z.enum(['paired-t', 'welch-t', 'mean-diff', 'percent-change', 'dz']),
  threshold: thresholdSchema,
  /** Cluster connectivity (6, 18 or 26 neighbours) used for the minimum extent and the table. */
  connectivity: z.union([z.literal(6), z.literal(18), z.literal(26)]).default(26),
  /**
   * FWE (permutation) inference as Compare ran it, without Compare's on/off; null: none. With it the
   * threshold is the cluster-forming (uncorrected) one the FWE map is cut from, as in Compare.
   */
  fwe: fweSchema.omit({ on: true }).nullable().default(null),
});

const panelBase = {
  id: z.string().min(1),
  /** Shown after the panel letter; empty uses a title made from the content. */
  title: z.string().max(200).default(''),
  /** Grid columns the panel spans. */
  span: z.number().int().min(1).max(6).default(1),
};

export const planeSchema = z.enum(['axial', 'coronal', 'sagittal']);

/** What a brain panel draws over the template. */
export const brainContentSchema = z.enum(['contrast', 'conditionA', 'conditionB', 'layers']);

export const slicesPanelSchema = z.object({
  ...panelBase,
  kind: z.literal('slices'),
  content: brainContentSchema,
  contrast: contrastSpecSchema.nullable(),
  /** Viewer layers drawn (content 'layers'), bottom first. */
  layerIds: z.array(z.string()).default([]),
  plane: planeSchema,
  /** One slice at `coords[0]`, or a mosaic: listed coordinates, or `count` spread over the brain. */
  mode: z.enum(['single', 'mosaic']),
  coords: z.array(finite).max(24).default([]),
  count: z.number().int().min(1).max(24).default(7),
  autoCoords: z.boolean().default(true),
  outlines: z.boolean().default(false),
  radiological: z.boolean().default(false),
});

export const glassPanelSchema = z.object({
  ...panelBase,
  kind: z.literal('glass'),
  content: brainContentSchema,
  contrast: contrastSpecSchema.nullable(),
  layerIds: z.array(z.string()).default([]),
  /** 'ortho': sagittal, coronal, axial; 'lyrz': left and right sagittal, coronal, axial (nilearn's names). */
  display: z.enum(['ortho', 'lyrz']).default('ortho'),
  radiological: z.boolean().default(false),
});

export const roiPanelSchema = z.object({
  ...panelBase,
  kind: z.literal('roi'),
  contrast: contrastSpecSchema,
  roi: z.object({ id: z.string(), name: z.string(), source: roiSourceSchema }),
});

export const clustersPanelSchema = z.object({
  ...panelBase,
  kind: z.literal('clusters'),
  contrast: contrastSpecSchema,
  maxRows: z.number().int().min(1).max(40).default(10),
});

export const matrixPanelSchema = z.object({
  ...panelBase,
  kind: z.literal('matrix'),
  measureId: z.string().min(1),
  conditionA: z.string().min(1),
  conditionB: z.string().min(1),
  /** The edgewise paired t of A − B, or the difference of the condition means (Fisher z). */
  show: z.enum(['t', 'difference']).default('t'),
});

export const colorbarPanelSchema = z.object({
  ...panelBase,
  kind: z.literal('colorbar'),
  /** The brain panel whose colours it explains; empty: the first brain panel. */
  forPanelId: z.string().default(''),
});

/** The surface views' names (renderer/views/three/surfaceScene.ts VIEWS), left to right in a row. */
export const surfaceViewSchema = z.enum(['left-lateral', 'left-medial', 'right-medial', 'right-lateral', 'dorsal', 'ventral', 'anterior', 'posterior']);

/**
 * A 3D panel of the cortical surfaces: what to draw (the contrast and its threshold, the rows,
 * the views and the shared camera), not pixels, so the app and `contrastscope render` draw it
 * again at the panel's size times the DPI.
 */
export const surfacePanelSchema = z.object({
  ...panelBase,
  kind: z.literal('surface'),
  contrast: contrastSpecSchema,
  /** Rows top to bottom: the thresholded contrast, or a condition's mean where the contrast survives. */
  rows: z.array(z.enum(['contrast', 'conditionA', 'conditionB'])).min(1).max(3).default(['contrast']),
  views: z.array(surfaceViewSchema).min(1).max(8).default(['left-lateral', 'left-medial', 'right-medial', 'right-lateral']),
  /** The linked orbit of the surface grid (radians, and a zoom factor). */
  camera: z.object({ yaw: finite.min(-10).max(10), pitch: finite.min(-1.6).max(1.6), zoom: finite.min(0.25).max(8) }).default({ yaw: 0, pitch: 0, zoom: 1 }),
});

/** niivue's render camera: azimuth and elevation in degrees, zoom its volScaleMultiplier. */
export const renderCameraSchema = z.object({ azimuth: finite.min(-720).max(720), elevation: finite.min(-90).max(90), zoom: finite.min(0.25).max(8) });
export const DEFAULT_RENDER_CAMERA = { azimuth: 110, elevation: 10, zoom: 1 } as const;

/**
 * A 3D panel of niivue's volume render: the template ray-cast with the panel's maps over it, from
 * the camera the user had in Compare or the Viewer (stored, so `render` draws it again).
 */
export const renderPanelSchema = z.object({
  ...panelBase,
  kind: z.literal('render'),
  content: brainContentSchema,
  contrast: contrastSpecSchema.nullable(),
  layerIds: z.array(z.string()).default([]),
  camera: renderCameraSchema.default({ ...DEFAULT_RENDER_CAMERA }),
  /** niivue's clip plane [depth, azimuth, elevation] (Compare's clip), or null for the whole brain */
  clipPlane: z.tuple([finite.min(-1).max(1), finite.min(-720).max(720), finite.min(-90).max(90)]).nullable().default(null),
  /** picture height / width */
  aspect: finite.min(0.4).max(2).default(0.8),
});

/**
 * The connectome scene's camera: where the eye is, as an offset in mm from the brain's centre
 * (MNI: x right, y anterior, z superior), and which way is up on the picture.
 */
export const connectomeCameraSchema = z.object({ eye: z.tuple([finite, finite, finite]), up: z.tuple([finite, finite, finite]) });
/** The connectome scene's 'top' view (renderer/views/three/connectomeView.ts): from above, nose up. */
export const DEFAULT_CONNECTOME_CAMERA = { eye: [0, 0, 420], up: [0, 1, 0] } as { eye: [number, number, number]; up: [number, number, number] };

/** Which edges a connectome panel draws: the Connectivity workspace's EdgeThreshold (FDR q over the upper triangle, or uncorrected p). */
export const edgeThresholdSchema = z.object({ mode: z.enum(['fdr-q', 'p-unc']), value: finite.gt(0).max(1) });

/**
 * A 3D panel of the Connectivity workspace's scene: the edges of a matrix measure's edgewise paired
 * test that pass the threshold, between the ROI centroids, in the glass brain, from a stored camera.
 */
export const connectomePanelSchema = z.object({
  ...panelBase,
  kind: z.literal('connectome'),
  measureId: z.string().min(1),
  conditionA: z.string().min(1),
  conditionB: z.string().min(1),
  threshold: edgeThresholdSchema.default({ mode: 'fdr-q', value: 0.05 }),
  /** node names (for nodes with a drawn edge) as text over the picture */
  labels: z.boolean().default(true),
  camera: connectomeCameraSchema.default({ eye: [...DEFAULT_CONNECTOME_CAMERA.eye], up: [...DEFAULT_CONNECTOME_CAMERA.up] }),
  /** picture height / width */
  aspect: finite.min(0.4).max(2).default(0.9),
});

export const panelSchema = z.discriminatedUnion('kind', [slicesPanelSchema, glassPanelSchema, roiPanelSchema, clustersPanelSchema, matrixPanelSchema, colorbarPanelSchema, surfacePanelSchema, renderPanelSchema, connectomePanelSchema]);

export const pageSchema = z.object({
  widthMm: finite.min(30).max(500),
  /** null: as tall as the panels need. */
  heightMm: finite.min(20).max(700).nullable(),
  dpi: z.number().int().min(DPI_MIN).max(DPI_MAX),
  fontPt: finite.min(5).max(14),
  background: z.enum(['white', 'dark']),
});

/** The study a figure's data come from, so the CLI can open it without the app. */
export const studyRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), seed: z.number().int().min(0) }),
  z.object({ kind: z.literal('folder'), path: z.string().min(1) }),
]);

export const figureSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(120),
  page: pageSchema,
  columns: z.number().int().min(1).max(6),
  /** One colorbar under the page, one under each brain panel, or none (a colorbar panel can be added). */
  colorbar: z.enum(['shared', 'per-panel', 'none']),
  panels: z.array(panelSchema).max(26),
  study: studyRefSchema.nullable(),
  /** Extra caption text; the simulated-data notice of the demo is always added. */
  caption: z.string().max(2000).default(''),
});

export const figuresSchema = z.array(figureSchema);

export type ThresholdSpecDoc = z.infer<typeof thresholdSchema>;
export type ContrastSpec = z.infer<typeof contrastSpecSchema>;
/** FWE inference of a figure contrast: Compare's choice without its on/off. */
export type FigureFwe = NonNullable<ContrastSpec['fwe']>;
export type SlicesPanel = z.infer<typeof slicesPanelSchema>;
export type GlassPanel = z.infer<typeof glassPanelSchema>;
export type RoiPanel = z.infer<typeof roiPanelSchema>;
export type ClustersPanel = z.infer<typeof clustersPanelSchema>;
export type MatrixPanel = z.infer<typeof matrixPanelSchema>;
export type ColorbarPanel = z.infer<typeof colorbarPanelSchema>;
export type SurfacePanel = z.infer<typeof surfacePanelSchema>;
export type SurfaceView = z.infer<typeof surfaceViewSchema>;
export type RenderPanel = z.infer<typeof renderPanelSchema>;
export type RenderCamera = z.infer<typeof renderCameraSchema>;
export type ConnectomeCamera = z.infer<typeof connectomeCameraSchema>;
export type ConnectomePanel = z.infer<typeof connectomePanelSchema>;
export type EdgeThresholdDoc = z.infer<typeof edgeThresholdSchema>;
export type Panel = z.infer<typeof panelSchema>;
export type PanelKind = Panel['kind'];
export type Page = z.infer<typeof pageSchema>;
export type StudyRef = z.infer<typeof studyRefSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type Plane = z.infer<typeof planeSchema>;

/** Why a figure list from a file cannot be used (zod's first issue in plain words), or the figures. */
export function parseFigures(raw: unknown): { ok: true; figures: Figure[] } | { ok: false; message: string } {
  const r = figuresSchema.safeParse(raw);
  if (r.success) {
    const ids = new Set<string>();
    for (const f of r.data) {
      if (ids.has(f.id)) return { ok: false, message: `figure id "${f.id}" is used twice` };
      ids.add(f.id);
    }
    return { ok: true, figures: r.data };
  }
  const issue = r.error.issues[0];
  const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p + 1}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'figures';
  return { ok: false, message: `figures${where.startsWith('[') ? '' : '.'}${where}: ${issue.message}` };
}
