import type { Entry } from './build';
import { assembleStudy } from './build';
import { parseDelimited } from './delimited';
import type { MeasureGuess } from './measures';
import { DEFAULT_UNITS } from './measures';
import { baseName, dirName, joinPath } from './naming';
import type { ImportResult, MeasureKind, Participants, StudyProblem } from './types';
import { listNames, validateStudy } from './validate';

const KINDS: MeasureKind[] = ['bold', 'cbf', 'rsfc-seed', 'connectivity-matrix', 'group-stat'];
const KIND_ALIASES: Record<string, MeasureKind> = {
  bold: 'bold',
  task: 'bold',
  fmri: 'bold',
  cbf: 'cbf',
  asl: 'cbf',
  'rsfc-seed': 'rsfc-seed',
  rsfc: 'rsfc-seed',
  seed: 'rsfc-seed',
  'connectivity-matrix': 'connectivity-matrix',
  connectivity: 'connectivity-matrix',
  matrix: 'connectivity-matrix',
  'group-stat': 'group-stat',
};

/** The kind when the table does not give one: from the measure name, then the file type. */
function inferKind(measure: string, path: string): MeasureKind {
  const m = measure.toLowerCase();
  if (/\.(tsv|csv|txt)$/i.test(path) || /connectivity|matrix|connectome/.test(m)) return 'connectivity-matrix';
  if (/\bcbf\b|\basl\b|perfusion|blood flow/.test(m)) return 'cbf';
  if (/\bseed\b|rsfc|fisher/.test(m)) return 'rsfc-seed';
  return 'bold';
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'measure';
}

/**
 * A study from a TSV/CSV table with columns subject, condition, measure, path (relative to the
 * table) and optional kind, units (and seed). `exists` (when the caller can tell) reports missing files.
 */
export function importStudyTable(
  text: string,
  tablePath: string,
  options?: { exists?: (path: string) => boolean; participants?: Participants; name?: string },
): ImportResult {
  const tableName = baseName(tablePath);
  const folder = dirName(tablePath);
  const problems: StudyProblem[] = [];
  const { columns, rows, lines } = parseDelimited(text, tableName);
  const lowerCols = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const col = (name: string) => lowerCols.get(name);
  const required = ['subject', 'condition', 'measure', 'path'];
  const absent = required.filter((c) => col(c) === undefined);
  const header = { id: `table:${tablePath}`, name: options?.name ?? tableName.replace(/\.(tsv|csv|txt)$/i, ''), root: folder, participants: options?.participants };
  if (absent.length > 0) {
    problems.push({
      severity: 'error',
      kind: 'bad-table',
      paths: [tablePath],
      message: `${tableName} has no ${listNames(absent)} column${absent.length === 1 ? '' : 's'}; a study table needs the columns subject, condition, measure and path${columns.length ? ` (found: ${columns.join(', ')})` : ''}.`,
    });
    const { study, table } = assembleStudy(header, []);
    return { study, table, problems };
  }
  const entries: Entry[] = [];
  const guesses = new Map<string, MeasureGuess>();
  rows.forEach((row, r) => {
    const get = (name: string) => {
      const c = col(name);
      return c === undefined ? '' : (row[c] ?? '');
    };
    const subject = get('subject');
    const condition = get('condition');
    const measure = get('measure');
    const rel = get('path');
    const empty = required.filter((c) => get(c) === '');
    if (empty.length > 0) {
      problems.push({ severity: 'error', kind: 'bad-table', paths: [tablePath], message: `${tableName} line ${lines[r]}: the ${listNames(empty)} cell${empty.length === 1 ? ' is' : 's are'} empty; the row was skipped.` });
      return;
    }
    const path = joinPath(folder, rel);
    let guess = guesses.get(measure);
    if (!guess) {
      const kindCell = get('kind').toLowerCase();
      let kind = KIND_ALIASES[kindCell];
      if (kindCell && !kind) {
        problems.push({ severity: 'warning', kind: 'bad-table', paths: [tablePath], message: `${tableName} line ${lines[r]}: kind "${get('kind')}" is not one of ${KINDS.join(', ')}; it was guessed from the measure name.` });
      }
      kind = kind ?? inferKind(measure, rel);
      const seed = get('seed');
      guess = { id: slug(measure), label: measure, kind, units: get('units') || DEFAULT_UNITS[kind] };
      if (seed) guess.seed = seed;
      guesses.set(measure, guess);
    }
    entries.push({ subject, condition, path, guess });
  });
  const { study, table } = assembleStudy(header, entries);
  problems.push(...validateStudy(study, undefined, undefined, options?.exists ? { exists: options.exists } : undefined));
  return { study, table, problems };
}
