/** Study slice: the open study (plain data) and the state of its loading. Owned by the study UI. */
import type { RecentItem } from '../../shared/ipc/host';
import type { GroupMapInfo, ImportResult, ImportRow, Study, StudyProblem } from '../../shared/study';

/** Where a pending or open study came from (recent items and the panel use it). */
export interface StudySource {
  kind: 'folder' | 'table' | 'demo';
  /** The folder, or the table file. */
  path: string;
  label: string;
}

/** One row of the inferred table as the user edits it before confirming. */
export interface EditableRow extends ImportRow {
  include: boolean;
  /** The measure label the importer gave (to keep its kind, units and seed when renamed). */
  originalMeasure: string;
}

/** An import waiting for Confirm or Cancel: nothing is loaded before the user confirms. */
export interface PendingImport {
  result: ImportResult;
  source: StudySource;
  rows: EditableRow[];
}

export interface MeasureStatus {
  state: 'loading' | 'loaded' | 'failed';
  done: number;
  total: number;
  /** e.g. '3 maps were resampled to 91x109x91 at 2 mm (the first map's grid)'. */
  note?: string;
  message?: string;
}

/** A single group-level map opened as a layer: what it holds, and whether dof must be asked. */
export interface GroupMapNote {
  layerId: string;
  name: string;
  info: GroupMapInfo;
}

export interface StudySlice {
  study: Study | null;
  studyProblems: StudyProblem[];
  studySource: StudySource | null;
  pendingImport: PendingImport | null;
  measureStatus: Record<string, MeasureStatus>;
  demoState: 'idle' | 'generating' | 'ready' | 'failed';
  /** Files generated so far while the demo's other measures stream in after it opened. */
  demoProgress: { done: number; total: number } | null;
  /** Group maps by layer id (only maps classifyGroupMap recognised). */
  groupMaps: Record<string, GroupMapNote>;
  recent: RecentItem[];
}

export function initialStudyState(): StudySlice {
  return {
    study: null,
    studyProblems: [],
    studySource: null,
    pendingImport: null,
    measureStatus: {},
    demoState: 'idle',
    demoProgress: null,
    groupMaps: {},
    recent: [],
  };
}

/** The editable copy of an importer's table (every row included). */
export function pendingFrom(result: ImportResult, source: StudySource): PendingImport {
  return { result, source, rows: result.table.map((r) => ({ ...r, include: true, originalMeasure: r.measure })) };
}

/** Edits one row: include/exclude, or a new condition or measure name (trimmed; empty is ignored). */
export function editPendingRow(p: PendingImport, index: number, patch: Partial<Pick<EditableRow, 'include' | 'condition' | 'measure'>>): PendingImport {
  const row = p.rows[index];
  if (!row) return p;
  const next: EditableRow = { ...row };
  if (patch.include !== undefined) next.include = patch.include;
  if (patch.condition !== undefined && patch.condition.trim()) next.condition = patch.condition.trim();
  if (patch.measure !== undefined && patch.measure.trim()) next.measure = patch.measure.trim();
  return { ...p, rows: p.rows.map((r, i) => (i === index ? next : r)) };
}

/** Renames a condition in every row (e.g. 'ses-1' -> 'MDMA'). */
export function renameCondition(p: PendingImport, from: string, to: string): PendingImport {
  const name = to.trim();
  if (!name || name === from) return p;
  return { ...p, rows: p.rows.map((r) => (r.condition === from ? { ...r, condition: name } : r)) };
}

/** Pick the measure to show first: the first map measure (matrices have their own view). */
export function firstMapMeasure(study: Study): string | null {
  return (study.measures.find((m) => m.kind !== 'connectivity-matrix') ?? study.measures[0])?.id ?? null;
}
