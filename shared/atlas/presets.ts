import type { Atlas, LabelTable } from './types';

export type Side = 'L' | 'R' | 'bilateral';
export type PresetStructure = 'amygdala' | 'hippocampus' | 'prefrontal';

export interface RoiPreset {
  id: string;
  structure: PresetStructure;
  side: Side;
  title: string;
}

const STRUCTURES: PresetStructure[] = ['amygdala', 'hippocampus', 'prefrontal'];
const SIDES: Side[] = ['L', 'R', 'bilateral'];

/** amygdala_L, amygdala_R, amygdala_bilateral, hippocampus_*, prefrontal_*. */
export const ROI_PRESETS: RoiPreset[] = STRUCTURES.flatMap((structure) =>
  SIDES.map((side) => ({
    id: `${structure}_${side}`,
    structure,
    side,
    title: `${structure[0].toUpperCase()}${structure.slice(1)}, ${side === 'L' ? 'left' : side === 'R' ? 'right' : 'both sides'}`,
  })),
);

/** A preset resolved on one atlas: label values, and whether to keep one side by the sign of x. */
export interface ResolvedRoi {
  id: string;
  indices: number[];
  names: string[];
  /** For atlases whose labels are not lateralised (Harvard-Oxford): keep voxels with x < 0 ('L') or x > 0 ('R'). */
  hemisphere: 'L' | 'R' | null;
}

function tokens(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** L, R or null from a label name: AAL `_L`, FreeSurfer `Left-`, `lh`, Harvard-Oxford lateralised `Left ...`. */
export function sideOfName(name: string): 'L' | 'R' | null {
  const t = tokens(name);
  if (t.some((w) => w === 'l' || w === 'left' || w === 'lh')) return 'L';
  if (t.some((w) => w === 'r' || w === 'right' || w === 'rh')) return 'R';
  return null;
}

/**
 * Whether a label belongs to a structure, by name (never by index, so any atlas with these names works).
 * Prefrontal = frontal cortex anterior to the motor strip:
 *  - AAL: Frontal_Sup, Frontal_Sup_Orb, Frontal_Mid, Frontal_Mid_Orb, Frontal_Inf_Oper, Frontal_Inf_Tri,
 *    Frontal_Inf_Orb, Frontal_Sup_Medial, Frontal_Med_Orb, Rectus (not Precentral, Supp_Motor_Area,
 *    Rolandic_Oper, Olfactory);
 *  - Harvard-Oxford: Frontal Pole, Superior/Middle/Inferior Frontal Gyrus (both pars), Frontal Medial
 *    Cortex, Frontal Orbital Cortex (not Frontal Operculum Cortex, Precentral Gyrus, SMA).
 */
export function matchesStructure(name: string, structure: PresetStructure): boolean {
  const t = tokens(name);
  switch (structure) {
    case 'amygdala':
      return t.includes('amygdala');
    case 'hippocampus':
      return t.includes('hippocampus');
    case 'prefrontal': {
      if (t.includes('rectus')) return true;
      if (t.includes('operculum') || t.includes('precentral')) return false;
      if (t[0] === 'frontal') return true; // AAL Frontal_*, HO Frontal Pole / Medial / Orbital
      const f = t.indexOf('frontal');
      return f > 0 && t[f + 1] === 'gyrus' && ['superior', 'middle', 'inferior'].includes(t[f - 1]);
    }
  }
}

/**
 * Resolve a preset id on a label table. Lateralised names are used when the atlas has them;
 * otherwise the bilateral labels are split by the sign of each voxel's x coordinate.
 * Returns null for an unknown id or when no label matches.
 */
export function resolvePreset(atlas: Atlas | LabelTable, id: string): ResolvedRoi | null {
  const preset = ROI_PRESETS.find((p) => p.id.toLowerCase() === id.toLowerCase());
  if (!preset) return null;
  const table = 'table' in atlas ? atlas.table : atlas;
  const matching = [...table.entries.values()].filter((e) => e.index !== 0 && matchesStructure(e.name, preset.structure));
  if (matching.length === 0) return null;
  let chosen = matching;
  let hemisphere: 'L' | 'R' | null = null;
  if (preset.side !== 'bilateral') {
    const sided = matching.filter((e) => sideOfName(e.name) === preset.side);
    if (sided.length > 0) chosen = sided;
    else {
      chosen = matching.filter((e) => sideOfName(e.name) === null);
      hemisphere = preset.side;
    }
  }
  if (chosen.length === 0) return null;
  chosen.sort((a, b) => a.index - b.index);
  return { id: preset.id, indices: chosen.map((e) => e.index), names: chosen.map((e) => e.name), hemisphere };
}
