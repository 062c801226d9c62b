import type { MeasureGuess } from './measures';
import { DEFAULT_UNITS, naturalCompare, orderConditions } from './measures';
import type { ImportRow, Measure, Participants, Study } from './types';

/** One per-subject file after its name (or table row) has been understood. */
export interface Entry {
  subject: string;
  condition: string;
  path: string;
  guess: MeasureGuess;
}

export interface StudyHeader {
  id: string;
  name: string;
  root: string;
  simulated?: boolean;
  notice?: string;
  participants?: Participants;
}

/** Paired when any subject is seen under two conditions; two groups when every subject has one condition. */
export function inferDesign(entries: { subject: string; condition: string }[]): 'paired' | 'two-group' {
  const seen = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!seen.has(e.subject)) seen.set(e.subject, new Set());
    seen.get(e.subject)!.add(e.condition);
  }
  const conditions = new Set(entries.map((e) => e.condition));
  if (conditions.size < 2) return 'paired';
  return [...seen.values()].some((c) => c.size > 1) ? 'paired' : 'two-group';
}

/** Group entries into measures (in first-seen order), subjects in natural order, conditions in contrast order. */
export function assembleStudy(header: StudyHeader, entries: Entry[]): { study: Study; table: ImportRow[] } {
  const measures: Measure[] = [];
  const byId = new Map<string, Measure>();
  for (const e of entries) {
    let m = byId.get(e.guess.id);
    if (!m) {
      m = {
        id: e.guess.id,
        label: e.guess.label,
        kind: e.guess.kind,
        units: e.guess.units ?? DEFAULT_UNITS[e.guess.kind],
        files: [],
      };
      if (e.guess.seed !== undefined) m.seed = e.guess.seed;
      if (e.guess.task !== undefined) m.task = e.guess.task;
      byId.set(m.id, m);
      measures.push(m);
    }
    m.files.push({ subject: e.subject, condition: e.condition, path: e.path });
  }
  const subjects = [...new Set(entries.map((e) => e.subject))].sort(naturalCompare);
  const conditions = orderConditions([...new Set(entries.map((e) => e.condition))].sort(naturalCompare));
  const condRank = new Map(conditions.map((c, i) => [c, i]));
  const subjRank = new Map(subjects.map((s, i) => [s, i]));
  for (const m of measures) {
    m.files.sort((a, b) => subjRank.get(a.subject)! - subjRank.get(b.subject)! || condRank.get(a.condition)! - condRank.get(b.condition)!);
  }
  const study: Study = {
    id: header.id,
    name: header.name,
    root: header.root,
    subjects,
    conditions,
    measures,
    design: inferDesign(entries),
  };
  if (header.simulated) study.simulated = true;
  if (header.notice) study.notice = header.notice;
  if (header.participants) study.participants = header.participants;
  const table: ImportRow[] = measures.flatMap((m) =>
    m.files.map((f) => ({ subject: f.subject, condition: f.condition, measure: m.label, kind: m.kind, units: m.units, path: f.path })),
  );
  return { study, table };
}
