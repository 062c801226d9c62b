import type { BidsName } from './naming';
import type { MeasureKind } from './types';

/** What a file's name says about its measure. `units` is null when only the content can tell (matrices). */
export interface MeasureGuess {
  id: string;
  label: string;
  kind: MeasureKind;
  units: string | null;
  seed?: string;
  task?: string;
}

const MAP_EXTS = new Set(['.nii.gz', '.nii']);
const TABLE_EXTS = new Set(['.tsv', '.csv']);
/** Suffixes of per-subject files that are not results (anatomy, masks, segmentations). */
const NOT_RESULTS = new Set(['t1w', 't2w', 'flair', 'pd', 'mask', 'brainmask', 'dseg', 'probseg', 'boldref', 'sbref', 'events', 'physio', 'nodes', 'timeseries', 'regressors']);
const MATRIX_SUFFIXES = new Set(['connectivity', 'connectome', 'conn', 'matrix', 'relmat']);
const FISHER = /^(fisherz|fisher|z|zr|fz)$/i;
const PEARSON = /^(r|corr|correlation|pearson)$/i;

export const DEFAULT_UNITS: Record<MeasureKind, string> = {
  bold: 'a.u.',
  cbf: 'ml/100g/min',
  'rsfc-seed': 'z',
  'connectivity-matrix': 'z',
  'group-stat': 't',
};

function measureId(name: BidsName): string {
  const skip = new Set(['sub', 'ses', 'cond']);
  const parts = Object.entries(name.entities)
    .filter(([k]) => !skip.has(k))
    .map(([k, v]) => `${k}-${v}`);
  parts.push(name.suffix.toLowerCase());
  return parts.join('_');
}

/** The measure a per-subject file belongs to, from its name alone; null for files that are not results. */
export function guessMeasure(name: BidsName): MeasureGuess | null {
  const suffix = name.suffix.toLowerCase();
  const id = measureId(name);
  const task = name.task;
  if (TABLE_EXTS.has(name.ext)) {
    if (!MATRIX_SUFFIXES.has(suffix)) return null;
    const units = name.desc && FISHER.test(name.desc) ? 'z' : name.desc && PEARSON.test(name.desc) ? 'r' : null;
    const what = task && task.toLowerCase() !== 'rest' ? `connectivity ${task}` : 'connectivity';
    return { id, label: units ? `${what} (${units === 'z' ? 'Fisher z' : 'r'})` : what, kind: 'connectivity-matrix', units, task };
  }
  if (!MAP_EXTS.has(name.ext) || NOT_RESULTS.has(suffix)) return null;
  if (suffix === 'cbf' || name.desc?.toLowerCase() === 'cbf') {
    return { id, label: task && task.toLowerCase() !== 'rest' ? `CBF ${task}` : 'CBF', kind: 'cbf', units: 'ml/100g/min', task };
  }
  const fisherDesc = name.desc !== undefined && FISHER.test(name.desc);
  if (name.seed !== undefined || fisherDesc) {
    const r = name.desc !== undefined && PEARSON.test(name.desc);
    const seedPart = name.seed !== undefined ? ` seed ${name.seed}` : '';
    return {
      id,
      label: `RSFC${seedPart} (${r ? 'r' : 'Fisher z'})`,
      kind: 'rsfc-seed',
      units: r ? 'r' : 'z',
      seed: name.seed,
      task,
    };
  }
  const stat = name.stat ?? name.desc;
  const statUnits = name.stat && /^t(stat)?$/i.test(name.stat) ? 't' : name.stat && /^z(stat)?$/i.test(name.stat) ? 'z' : 'a.u.';
  let label: string;
  if (task) label = `${task} ${stat ?? 'effect'} (BOLD)`;
  else if (stat) label = `${stat} (BOLD)`;
  else label = name.suffix;
  return { id, label, kind: 'bold', units: statUnits, task };
}

/** Read the units of a connectivity matrix from its diagonal: r matrices have 1 there, Fisher-z ones 0, inf or nothing. */
export function sniffMatrixUnits(text: string): 'r' | 'z' {
  const isNum = (c: string) => c.trim() !== '' && !Number.isNaN(Number(c));
  let rows = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'))
    .map((l) => l.split(/[\t,;]|\s+/));
  if (rows.length > 0 && !rows[0].some(isNum)) rows = rows.slice(1); // header of names
  rows = rows.map((r) => (r.length > 0 && !isNum(r[0]) && r.slice(1).some(isNum) ? r.slice(1) : r)); // row names
  let ones = 0;
  let seen = 0;
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const v = Number(rows[i][i]);
    if (rows[i][i] !== undefined && !Number.isNaN(v)) {
      seen++;
      if (Math.abs(v - 1) < 1e-6) ones++;
    }
  }
  return seen > 0 && ones === seen ? 'r' : 'z';
}

const CONTROL_WORDS = /^(placebo|pla|plc|pbo|control|ctrl|ctl|baseline|base|sham|vehicle|veh|saline|off|pre|rest)$/i;

/** Contrast order: conditions that look like the active drug first, placebo/control-like ones last; otherwise as found. */
export function orderConditions(conditions: string[]): string[] {
  const active = conditions.filter((c) => !CONTROL_WORDS.test(c));
  const control = conditions.filter((c) => CONTROL_WORDS.test(c));
  return [...active, ...control];
}

/** Natural order: sub-2 before sub-10. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}
