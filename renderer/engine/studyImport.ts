/**
 * Turning the table the user confirmed (rows excluded, conditions or measures renamed) back into
 * a Study, through the same assembly and validation the importers use.
 */
import { assembleStudy, type Entry } from '../../shared/study/build';
import type { MeasureGuess } from '../../shared/study/measures';
import type { ImportResult, Measure, StudyProblem } from '../../shared/study';
import { validateStudy } from '../../shared/study';
import type { PendingImport } from '../store/study';

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'measure';
}

function guessOf(m: Measure): MeasureGuess {
  const g: MeasureGuess = { id: m.id, label: m.label, kind: m.kind, units: m.units };
  if (m.seed !== undefined) g.seed = m.seed;
  if (m.task !== undefined) g.task = m.task;
  return g;
}

/** The study as confirmed: only included rows, with the user's condition and measure names. */
export function confirmedImport(p: PendingImport): ImportResult {
  const original = p.result.study;
  const byLabel = new Map(original.measures.map((m) => [m.label, m]));
  const renamed = new Map<string, MeasureGuess>();
  const entries: Entry[] = [];
  const edited = p.rows.some((r, i) => !r.include || r.condition !== p.result.table[i]?.condition || r.measure !== r.originalMeasure);
  if (!edited) return p.result;
  for (const r of p.rows) {
    if (!r.include) continue;
    const m = byLabel.get(r.originalMeasure);
    let guess: MeasureGuess = m ? guessOf(m) : { id: slug(r.measure), label: r.measure, kind: r.kind, units: r.units };
    if (r.measure !== guess.label) {
      const key = `${r.originalMeasure}\u0000${r.measure}`;
      guess = renamed.get(key) ?? { ...guess, id: slug(r.measure), label: r.measure };
      renamed.set(key, guess);
    }
    entries.push({ subject: r.subject, condition: r.condition, path: r.path, guess });
  }
  const { study, table } = assembleStudy(
    { id: original.id, name: original.name, root: original.root, simulated: original.simulated, notice: original.notice, participants: original.participants },
    entries,
  );
  // Keep what the importer learnt about each measure beyond its name (seed centre, node table).
  for (const m of study.measures) {
    const from = original.measures.find((o) => o.id === m.id) ?? original.measures.find((o) => m.files.some((f) => o.files.some((g) => g.path === f.path)));
    if (!from) continue;
    if (from.seedLabels) m.seedLabels = from.seedLabels;
    if (from.seedMm) m.seedMm = from.seedMm;
    if (from.nodes) m.nodes = from.nodes;
  }
  // Problems about files the user excluded no longer apply; validation runs again on what is left.
  const kept = new Set(entries.map((e) => e.path));
  const plain = new Set(validateStudy(original).map((q) => q.message));
  const importerOnly = p.result.problems.filter((q) => !plain.has(q.message) && (q.kind === 'unrecognised-file' || !q.paths || q.paths.some((x) => kept.has(x))));
  const problems: StudyProblem[] = [...importerOnly, ...validateStudy(study)];
  return { study, table, problems };
}
