/**
 * The Compare settings: what the user chose in the compare workspace (measure, contrast,
 * statistic, threshold, layout, ROIs, FWE and figure choices). One zod schema gives the type, the
 * defaults and the check of saved files; the Scene keeps one (scene.compare) and every saved view
 * embeds the same shape. What the worker computes from them is not here (renderer/store/compare.ts).
 */
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const vec3 = z.tuple([finite, finite, finite]);

/** A threshold as figures keep it: any mode, any value of at least 0. */
export const thresholdSchema = z.object({
  mode: z.enum(['p-unc', 'fdr-q', 'raw']),
  value: finite.min(0),
  sided: z.union([z.literal(1), z.literal(2)]),
  minExtentVoxels: z.number().int().min(0),
});

/** The Compare threshold: as above, and p and q lie in (0, 1] (the threshold setters refuse other values). */
export const compareThresholdSchema = thresholdSchema.refine((t) => t.mode === 'raw' || (t.value > 0 && t.value <= 1), 'p and q must lie between 0 and 1');

/** Where an ROI comes from; its mask is rebuilt from this on the grid in use. */
export const roiSourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('preset'), preset: z.string() }),
  // `atlasId`: the atlas layer the label belongs to; absent = the bundled AAL.
  z.object({ type: z.literal('label'), index: z.number().int(), atlasId: z.string().optional() }),
  z.object({ type: z.literal('sphere'), centerMm: vec3, radiusMm: finite.positive() }),
  z.object({ type: z.literal('mask'), layerId: z.string() }),
]);

export const roiDefSchema = z
  .object({ id: z.string(), name: z.string(), source: z.unknown() })
  .superRefine((r, ctx) => {
    if (!roiSourceSchema.safeParse(r.source).success) ctx.addIssue({ code: 'custom', message: `"${r.name}" has an unusable source` });
  })
  .transform((r) => ({ id: r.id, name: r.name, source: roiSourceSchema.parse(r.source) }));

export const STATISTIC_NAMES = ['paired-t', 'welch-t', 'mean-diff', 'percent-change', 'dz'] as const;
export const PANE_VIEWS = ['axial', 'coronal', 'sagittal', 'multiplanar', 'render3d', 'surface'] as const;
/** The cortical surface grid's columns: four views, or one side seen from above, below, front or back. */
export const SURFACE_PRESETS = ['four', 'dorsal', 'ventral', 'anterior', 'posterior'] as const;
export const INFERENCE_METHODS = ['max-t', 'cluster-extent', 'cluster-mass', 'tfce'] as const;

/** FWE (permutation) inference: in FWE mode the threshold holds the cluster-forming p. */
export const fweSchema = z.object({
  on: z.boolean(),
  method: z.enum(INFERENCE_METHODS, { error: 'has an unknown inference' }),
  nPerm: z.number().int().min(2, 'must be a whole number of at least 2').max(1e6),
  /** cluster-forming threshold, two-sided uncorrected p */
  clusterP: finite.gt(0, 'must lie between 0 and 1').lt(1, 'must lie between 0 and 1'),
  alpha: finite.gt(0, 'must lie between 0 and 1').max(1, 'must lie between 0 and 1'),
  seed: z.number().int('must be a whole number'),
});

export const DEFAULT_THRESHOLD = { mode: 'fdr-q', value: 0.05, sided: 2, minExtentVoxels: 0 } as const satisfies z.input<typeof thresholdSchema>;
export const DEFAULT_FWE = { on: false, method: 'tfce', nPerm: 5000, clusterP: 0.001, alpha: 0.05, seed: 1 } as const satisfies z.input<typeof fweSchema>;

export const compareSettingsSchema = z.object({
  /** the measure compared; null before a study is open */
  measureId: z.string().nullable().default(null),
  /** the two conditions; A - B is the contrast unless direction is 'B-A' */
  conditionA: z.string().nullable().default(null),
  conditionB: z.string().nullable().default(null),
  direction: z.enum(['A-B', 'B-A'], { error: 'must be "A-B" or "B-A"' }).default('A-B'),
  statistic: z.enum(STATISTIC_NAMES, { error: (iss) => `unknown statistic "${String(iss.input)}"` }).default('paired-t'),
  threshold: compareThresholdSchema.default({ ...DEFAULT_THRESHOLD }),
  /** below-threshold voxels drawn translucent */
  dualCoding: z.boolean().default(false),
  layout: z.enum(['row', 'contrast'], { error: 'must be "row" or "contrast"' }).default('row'),
  /** a niivue slice type, or 'surface' for the cortical surface grid */
  paneView: z.enum(PANE_VIEWS, { error: (iss) => `unknown pane view "${String(iss.input)}"` }).default('multiplanar'),
  surfacePreset: z.enum(SURFACE_PRESETS).default('four'),
  /** 3D render: cut the front half away so the overlay inside shows */
  clip: z.boolean().default(true),
  clusterSort: z.enum(['size', 'peak']).default('size'),
  rois: z.array(roiDefSchema).max(1000).default([]),
  /** participants column the subject lines are coloured by */
  colourBy: z.string().nullable().default(null),
  /** a group-level map analysed on its own (no per-subject data) */
  groupMap: z.object({ layerId: z.string(), dof: finite.positive() }).nullable().default(null),
  fwe: fweSchema.default({ ...DEFAULT_FWE }),
  /** Export figure: the panes re-rendered at this multiple of the screen's resolution (2 or 3 for print). */
  figure: z.object({ scale: z.union([z.literal(1), z.literal(2), z.literal(3)]) }).default({ scale: 1 }),
});

export type ThresholdSettings = z.infer<typeof thresholdSchema>;
export type RoiSource = z.infer<typeof roiSourceSchema>;
export type RoiDef = z.infer<typeof roiDefSchema>;
export type FweChoice = z.infer<typeof fweSchema>;
export type SurfacePreset = (typeof SURFACE_PRESETS)[number];
export type CompareSettings = z.infer<typeof compareSettingsSchema>;
export type CompareLayout = CompareSettings['layout'];
export type ComparePaneView = CompareSettings['paneView'];
export type GroupMapChoice = NonNullable<CompareSettings['groupMap']>;

/** The settings of a new scene (every field at its default). */
export function defaultCompareSettings(): CompareSettings {
  return compareSettingsSchema.parse({});
}

/** Settings read from a file: the settings, or the first problem as "compare.<field>: <why>". */
export function parseCompareSettings(raw: unknown, where = 'compare'): { ok: true; settings: CompareSettings } | { ok: false; message: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: `${where} must be an object` };
  const r = compareSettingsSchema.safeParse(raw);
  if (r.success) return { ok: true, settings: r.data };
  const issue = r.error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p + 1}]` : `.${String(p)}`)).join('');
  return { ok: false, message: `${where}${path}: ${issue.message}` };
}
