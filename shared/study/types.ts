/**
 * The Study model: plain serialisable data (it lives in the Scene).
 * A study is subjects x conditions x measures; each measure has one file per subject and condition.
 */

export type MeasureKind = 'bold' | 'cbf' | 'rsfc-seed' | 'connectivity-matrix' | 'group-stat';

export type GroupStatType = 't' | 'z' | 'beta';

/** One file of a measure. `path` is what the host's readFile takes (absolute in Electron). */
export interface StudyFile {
  subject: string;
  condition: string;
  path: string;
  /** Group-level maps only: the statistic in the file and its degrees of freedom (t maps). */
  statType?: GroupStatType;
  dof?: number;
  /** Group-level maps only: the 0-based frame holding the statistic (AFNI sub-bricks). */
  frame?: number;
}

export interface Measure {
  /** Stable key built from the file-name entities, e.g. 'task-faces_stat-effect_statmap'. */
  id: string;
  /** What the user reads, e.g. 'faces effect (BOLD)', 'CBF', 'RSFC seed hippocampusR (Fisher z)'. */
  label: string;
  kind: MeasureKind;
  /** e.g. 'a.u.', 'ml/100g/min', 'z', 'r', 't'. */
  units: string;
  /** rsfc-seed: the seed region's name as written in the file names, e.g. 'hippocampusR'. */
  seed?: string;
  /** rsfc-seed: the atlas labels the seed was drawn from and its centre, when the study says (dataset_description.json "Seeds"). */
  seedLabels?: string[];
  seedMm?: [number, number, number];
  task?: string;
  /** connectivity-matrix: the node table (name + MNI centroid) beside the matrices, when there is one. */
  nodes?: string;
  files: StudyFile[];
}

export interface Participants {
  columns: string[];
  /** One row per participant; `participant_id` (or the first column) names the subject as in `Study.subjects`. */
  rows: Record<string, string>[];
}

export interface Study {
  id: string;
  name: string;
  /** True for the generated demo: every view and export must say so (with `notice`). */
  simulated?: boolean;
  notice?: string;
  /** The folder (or the table's folder) the study was read from. */
  root: string;
  subjects: string[];
  /** In contrast order: the active condition first, placebo/control-like conditions last. */
  conditions: string[];
  measures: Measure[];
  /** paired: every subject is seen under each condition; two-group: different subjects per condition. */
  design: 'paired' | 'two-group';
  participants?: Participants;
}

/** One problem found in a study, in plain words, naming the subjects and files concerned. */
export interface StudyProblem {
  severity: 'error' | 'warning';
  kind:
    | 'missing-pair'
    | 'duplicate-file'
    | 'grid-mismatch'
    | 'matrix-size-mismatch'
    | 'one-condition-subject'
    | 'missing-file'
    | 'too-few-conditions'
    | 'unrecognised-file'
    | 'bad-table'
    | 'bad-participants';
  message: string;
  measure?: string;
  subjects?: string[];
  paths?: string[];
}

/** One row of the inferred table the user confirms (or corrects) before anything loads. */
export interface ImportRow {
  subject: string;
  condition: string;
  /** Measure label, e.g. 'CBF'. */
  measure: string;
  kind: MeasureKind;
  units: string;
  path: string;
}

export interface ImportResult {
  table: ImportRow[];
  study: Study;
  problems: StudyProblem[];
}

/** The notice every simulated demo view and export carries. */
export const SIMULATED_NOTICE = 'Simulated demo: effects modelled on published MDMA findings; not real data';
