/**
 * What the simulated demo contains: region baselines and MDMA effects, modelled on
 * Bedi et al. 2009 (faces BOLD) and Carhart-Harris et al. 2015 (ASL CBF and seed RSFC).
 * Amplitudes are chosen so that a 25-subject paired test detects each effect at dz of about 0.8-1.2
 * (faces BOLD: voxelwise, so both directions survive BH-FDR q < 0.05 across the brain).
 */

const both = (stem: string, w: number): Record<string, number> => ({ [`${stem}_L`]: w, [`${stem}_R`]: w });

/** AAL prefrontal labels (the ROI preset 'prefrontal' covers the same ones). */
const PREFRONTAL = ['Frontal_Sup', 'Frontal_Sup_Orb', 'Frontal_Mid', 'Frontal_Mid_Orb', 'Frontal_Inf_Oper', 'Frontal_Inf_Tri', 'Frontal_Inf_Orb', 'Frontal_Sup_Medial', 'Frontal_Med_Orb', 'Rectus'];
const prefrontal = (w: number) => Object.assign({}, ...PREFRONTAL.map((s) => both(s, w))) as Record<string, number>;

export interface EffectSpec {
  /** Added under MDMA, in the measure's units, by region. */
  regions: Record<string, number>;
  /** Between-subject spread of the effect: each subject gets (1 + variability * z). */
  variability: number;
}

export interface MapMeasureSpec {
  key: 'faces' | 'cbf' | 'seedHippocampusR' | 'seedMPFC';
  /** File-name part after the session, e.g. 'task-faces_stat-effect_statmap'. */
  nameTail: string;
  descrip: string;
  /** Unlabelled brain (white matter) and labelled (grey matter) baselines; region values override grey. */
  whiteMatter: number;
  greyMatter: number;
  regions: Record<string, number>;
  /** Soften the region baselines at their edges like the effects (a smooth response map); CBF keeps crisp tissue values. */
  smoothBaseline?: boolean;
  /** Multiplicative whole-brain factor per subject (CBF varies globally between people). */
  subjectGlobalSd: number;
  sessionGlobalSd: number;
  /** Additive scalar offsets. */
  subjectOffsetSd: number;
  sessionOffsetSd: number;
  /** Smooth noise amplitudes: per subject (shared by both sessions) and per session. */
  subjectFieldSd: number;
  sessionFieldSd: number;
  effects: EffectSpec[];
  /** int16 step (scl_slope): far below the noise, coarse enough to compress well. */
  slope: number;
}

export const MAP_MEASURES: MapMeasureSpec[] = [
  {
    key: 'faces',
    nameTail: 'task-faces_stat-effect_statmap',
    descrip: 'Simulated demo: angry > neutral faces effect (a.u.)',
    whiteMatter: 0,
    greyMatter: 0.03,
    // The face network under both drugs: amygdala, ventral visual stream and inferior/medial prefrontal cortex.
    regions: {
      ...both('Amygdala', 0.9), ...both('Fusiform', 0.8), ...both('Occipital_Inf', 0.8), ...both('Occipital_Mid', 0.5),
      ...both('Lingual', 0.4), ...both('Calcarine', 0.35), ...both('Frontal_Inf_Tri', 0.45), ...both('Frontal_Inf_Orb', 0.45),
      ...both('Frontal_Mid', 0.25), ...both('Frontal_Sup_Medial', 0.3),
    },
    smoothBaseline: true,
    subjectGlobalSd: 0,
    sessionGlobalSd: 0,
    subjectOffsetSd: 0.1,
    sessionOffsetSd: 0.02,
    subjectFieldSd: 0.25,
    sessionFieldSd: 0.25,
    // Paired SD of a voxel is about sqrt(2 * 0.25^2 + (effect * variability)^2) ~ 0.39: dz ~ 1 in both directions.
    effects: [
      { regions: both('Amygdala', -0.42), variability: 0.35 },
      { regions: prefrontal(0.36), variability: 0.35 },
    ],
    slope: 0.01,
  },
  {
    key: 'cbf',
    nameTail: 'cbf',
    descrip: 'Simulated demo: cerebral blood flow (ml/100g/min)',
    whiteMatter: 22,
    greyMatter: 55,
    regions: { ...both('Thalamus', 60), ...both('Putamen', 58), ...both('Caudate', 52) },
    subjectGlobalSd: 0.1,
    sessionGlobalSd: 0.015,
    subjectOffsetSd: 0,
    sessionOffsetSd: 0,
    subjectFieldSd: 3,
    sessionFieldSd: 4,
    effects: [
      { regions: { Amygdala_R: -6, Hippocampus_R: -6 }, variability: 0.6 },
      { regions: { ...both('Thalamus', -5), ...both('Occipital_Inf', -4.5), ...both('Lingual', -4.5), ...both('Fusiform', -4), ...both('Postcentral', -4) }, variability: 0.6 },
    ],
    slope: 0.1,
  },
  {
    key: 'seedHippocampusR',
    nameTail: 'task-rest_seed-hippocampusR_desc-fisherz_statmap',
    descrip: 'Simulated demo: RSFC, right hippocampus seed (Fisher z)',
    whiteMatter: 0.02,
    greyMatter: 0.08,
    regions: {
      Hippocampus_R: 1.1, Hippocampus_L: 0.55, ...both('ParaHippocampal', 0.45), Amygdala_R: 0.35, Amygdala_L: 0.3,
      ...both('Temporal_Pole_Sup', 0.2), ...both('Cingulum_Post', 0.25), ...both('Precuneus', 0.2), ...both('Frontal_Med_Orb', 0.25),
      ...both('Frontal_Sup_Medial', 0.15),
    },
    smoothBaseline: true,
    subjectGlobalSd: 0,
    sessionGlobalSd: 0,
    subjectOffsetSd: 0.03,
    sessionOffsetSd: 0.01,
    subjectFieldSd: 0.07,
    sessionFieldSd: 0.09,
    effects: [{ regions: both('Amygdala', 0.14), variability: 0.8 }],
    slope: 0.004,
  },
  {
    key: 'seedMPFC',
    nameTail: 'task-rest_seed-mPFC_desc-fisherz_statmap',
    descrip: 'Simulated demo: RSFC, medial prefrontal seed (Fisher z)',
    whiteMatter: 0.02,
    greyMatter: 0.08,
    regions: {
      ...both('Frontal_Sup_Medial', 1.0), ...both('Frontal_Med_Orb', 0.9), ...both('Cingulum_Ant', 0.5), ...both('Cingulum_Post', 0.4),
      ...both('Precuneus', 0.35), ...both('Angular', 0.3), ...both('Hippocampus', 0.25), ...both('ParaHippocampal', 0.25), ...both('Temporal_Mid', 0.2),
    },
    smoothBaseline: true,
    subjectGlobalSd: 0,
    sessionGlobalSd: 0,
    subjectOffsetSd: 0.03,
    sessionOffsetSd: 0.01,
    subjectFieldSd: 0.07,
    sessionFieldSd: 0.09,
    effects: [{ regions: { ...both('Hippocampus', -0.13), ...both('ParaHippocampal', -0.13) }, variability: 1.1 }],
    slope: 0.004,
  },
];

/** Seeds of the RSFC maps: the AAL labels they were drawn from (for the viewer to outline and name). */
export const SEEDS: Record<string, { label: string; atlasLabels: string[] }> = {
  hippocampusR: { label: 'right hippocampus', atlasLabels: ['Hippocampus_R'] },
  mPFC: { label: 'medial prefrontal cortex', atlasLabels: ['Frontal_Sup_Medial_L', 'Frontal_Sup_Medial_R', 'Frontal_Med_Orb_L', 'Frontal_Med_Orb_R'] },
};

/** Nodes of the ROI x ROI matrix (AAL names). */
export const MATRIX_NODES = [
  'Amygdala_L', 'Amygdala_R', 'Hippocampus_L', 'Hippocampus_R', 'ParaHippocampal_L', 'ParaHippocampal_R',
  'Frontal_Sup_Medial_L', 'Frontal_Sup_Medial_R', 'Frontal_Med_Orb_L', 'Frontal_Med_Orb_R', 'Frontal_Mid_Orb_L', 'Frontal_Mid_Orb_R',
  'Cingulum_Ant_L', 'Cingulum_Ant_R', 'Cingulum_Post_L', 'Cingulum_Post_R', 'Thalamus_L', 'Thalamus_R',
  'Insula_L', 'Insula_R', 'Precuneus_L', 'Precuneus_R',
];

const structureOf = (name: string) => name.replace(/_[LR]$/, '');
const MEDIAL_TEMPORAL = new Set(['Amygdala', 'Hippocampus', 'ParaHippocampal']);
const MPFC = new Set(['Frontal_Sup_Medial', 'Frontal_Med_Orb']);
const DEFAULT_MODE = new Set(['Frontal_Sup_Medial', 'Frontal_Med_Orb', 'Cingulum_Post', 'Precuneus', 'Cingulum_Ant']);

/** Group-mean Fisher z of an edge under placebo. */
export function baselineEdge(a: string, b: string): number {
  const sa = structureOf(a);
  const sb = structureOf(b);
  if (sa === sb) return 0.75; // homologous pair
  if (MEDIAL_TEMPORAL.has(sa) && MEDIAL_TEMPORAL.has(sb)) return 0.45;
  if (DEFAULT_MODE.has(sa) && DEFAULT_MODE.has(sb)) return 0.4;
  if ((MPFC.has(sa) && MEDIAL_TEMPORAL.has(sb)) || (MPFC.has(sb) && MEDIAL_TEMPORAL.has(sa))) return 0.25;
  return 0.12;
}

/** The MDMA change of an edge (Fisher z): amygdala-hippocampus up, mPFC-medial temporal down. */
export function edgeEffect(a: string, b: string): number {
  const sa = structureOf(a);
  const sb = structureOf(b);
  const pair = (x: string, y: string) => (sa === x && sb === y) || (sa === y && sb === x);
  if (pair('Amygdala', 'Hippocampus')) return 0.16;
  const mt = (s: string) => s === 'Hippocampus' || s === 'ParaHippocampal';
  if ((MPFC.has(sa) && mt(sb)) || (MPFC.has(sb) && mt(sa))) return -0.13;
  return 0;
}

export const MATRIX_NOISE = { subjectSd: 0.08, sessionSd: 0.09, effectVariability: 0.5 };
