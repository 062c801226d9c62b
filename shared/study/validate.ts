import { describeGrid, sameGrid } from '../spaces/index';
import type { Grid } from '../spaces/types';
import { baseName } from './naming';
import type { Measure, Study, StudyFile, StudyProblem } from './types';

const MAX_LISTED = 8;

/** 'sub-01, sub-02 and 3 more' */
export function listNames(names: string[], max = MAX_LISTED): string {
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function fileWord(f: StudyFile): string {
  return `${f.subject} ${f.condition} (${baseName(f.path)})`;
}

function checkPairs(study: Study, m: Measure, oneConditionSubjects: Set<string>, out: StudyProblem[]): void {
  if (study.design !== 'paired') return;
  const have = new Map<string, Set<string>>();
  for (const f of m.files) {
    if (!have.has(f.subject)) have.set(f.subject, new Set());
    have.get(f.subject)!.add(f.condition);
  }
  for (const cond of study.conditions) {
    const lacking = [...have.entries()]
      .filter(([s, conds]) => !conds.has(cond) && !oneConditionSubjects.has(s))
      .map(([s]) => s);
    if (lacking.length === 0) continue;
    const paths = m.files.filter((f) => lacking.includes(f.subject)).map((f) => f.path);
    out.push({
      severity: 'error',
      kind: 'missing-pair',
      measure: m.label,
      subjects: lacking,
      paths,
      message: `${m.label}: ${listNames(lacking)} ${lacking.length === 1 ? 'has' : 'have'} no ${cond} file, so ${lacking.length === 1 ? 'that subject is' : 'those subjects are'} left out of the paired test.`,
    });
  }
}

function checkDuplicates(m: Measure, out: StudyProblem[]): void {
  const byPath = new Map<string, StudyFile[]>();
  const byCell = new Map<string, StudyFile[]>();
  for (const f of m.files) {
    byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
    const cell = `${f.subject}\u0000${f.condition}`;
    byCell.set(cell, [...(byCell.get(cell) ?? []), f]);
  }
  for (const [path, files] of byPath) {
    if (files.length < 2) continue;
    out.push({
      severity: 'error',
      kind: 'duplicate-file',
      measure: m.label,
      subjects: [...new Set(files.map((f) => f.subject))],
      paths: [path],
      message: `${m.label}: the file ${baseName(path)} is used ${files.length} times (${listNames(files.map((f) => `${f.subject} ${f.condition}`))}).`,
    });
  }
  for (const files of byCell.values()) {
    const distinct = [...new Set(files.map((f) => f.path))];
    if (distinct.length < 2) continue;
    const { subject, condition } = files[0];
    out.push({
      severity: 'error',
      kind: 'duplicate-file',
      measure: m.label,
      subjects: [subject],
      paths: distinct,
      message: `${m.label}: ${subject} has ${distinct.length} ${condition} files (${listNames(distinct.map(baseName))}); keep one.`,
    });
  }
}

/** Files whose value (grid or matrix size) differs from the most common one. */
function oddOnesOut<T>(m: Measure, valueOf: (path: string) => T | undefined, same: (a: T, b: T) => boolean): { common: T; odd: { file: StudyFile; value: T }[] } | null {
  const groups: { value: T; files: StudyFile[] }[] = [];
  for (const f of m.files) {
    const v = valueOf(f.path);
    if (v === undefined) continue;
    const g = groups.find((x) => same(x.value, v));
    if (g) g.files.push(f);
    else groups.push({ value: v, files: [f] });
  }
  if (groups.length < 2) return null;
  groups.sort((a, b) => b.files.length - a.files.length);
  return { common: groups[0].value, odd: groups.slice(1).flatMap((g) => g.files.map((file) => ({ file, value: g.value }))) };
}

function checkGrids(m: Measure, grids: Record<string, Grid>, out: StudyProblem[]): void {
  const r = oddOnesOut(m, (p) => grids[p], (a, b) => sameGrid(a, b));
  if (!r) return;
  out.push({
    severity: 'warning',
    kind: 'grid-mismatch',
    measure: m.label,
    subjects: [...new Set(r.odd.map((o) => o.file.subject))],
    paths: r.odd.map((o) => o.file.path),
    message: `${m.label}: ${r.odd.length} file${r.odd.length === 1 ? ' is' : 's are'} on a different grid from the others (${describeGrid(r.common)}): ${listNames(r.odd.map((o) => `${fileWord(o.file)} ${describeGrid(o.value)}`))}. They will be resampled to the common grid.`,
  });
}

function checkMatrixSizes(m: Measure, sizes: Record<string, number>, out: StudyProblem[]): void {
  const r = oddOnesOut(m, (p) => sizes[p], (a, b) => a === b);
  if (!r) return;
  out.push({
    severity: 'error',
    kind: 'matrix-size-mismatch',
    measure: m.label,
    subjects: [...new Set(r.odd.map((o) => o.file.subject))],
    paths: r.odd.map((o) => o.file.path),
    message: `${m.label}: matrices differ in size; most are ${r.common}x${r.common} but ${listNames(r.odd.map((o) => `${fileWord(o.file)} is ${o.value}x${o.value}`))}.`,
  });
}

/**
 * Problems of a study, in plain sentences naming subjects and files. Grid and matrix-size checks
 * use metadata the loader gathered from headers (keyed by StudyFile.path); `exists` reports missing files.
 */
export function validateStudy(
  study: Study,
  gridsByPath?: Record<string, Grid>,
  matrixSizesByPath?: Record<string, number>,
  options?: { exists?: (path: string) => boolean },
): StudyProblem[] {
  const out: StudyProblem[] = [];
  if (study.conditions.length < 2) {
    out.push({
      severity: 'error',
      kind: 'too-few-conditions',
      message:
        study.conditions.length === 0
          ? 'No condition was found: name files with ses-<condition> or cond-<condition>, or give a condition column.'
          : `Only one condition was found (${study.conditions[0]}); a contrast needs two.`,
    });
  }
  const conditionsOf = new Map<string, Set<string>>();
  for (const m of study.measures) {
    for (const f of m.files) {
      if (!conditionsOf.has(f.subject)) conditionsOf.set(f.subject, new Set());
      conditionsOf.get(f.subject)!.add(f.condition);
    }
  }
  const oneCondition = new Set<string>();
  if (study.design === 'paired' && study.conditions.length >= 2) {
    for (const cond of study.conditions) {
      const only = [...conditionsOf.entries()].filter(([, c]) => c.size === 1 && c.has(cond)).map(([s]) => s);
      if (only.length === 0) continue;
      only.forEach((s) => oneCondition.add(s));
      out.push({
        severity: 'warning',
        kind: 'one-condition-subject',
        subjects: only,
        message: `${listNames(only)} ${only.length === 1 ? 'appears' : 'appear'} only under ${cond}; paired tests leave ${only.length === 1 ? 'that subject' : 'them'} out.`,
      });
    }
  }
  if (options?.exists) {
    for (const m of study.measures) {
      const missing = m.files.filter((f) => !options.exists!(f.path));
      if (missing.length === 0) continue;
      out.push({
        severity: 'error',
        kind: 'missing-file',
        measure: m.label,
        subjects: [...new Set(missing.map((f) => f.subject))],
        paths: missing.map((f) => f.path),
        message: `${m.label}: ${missing.length === 1 ? 'this file does' : `${missing.length} files do`} not exist: ${listNames(missing.map((f) => `${f.path} (${f.subject} ${f.condition})`))}.`,
      });
    }
  }
  for (const m of study.measures) {
    checkDuplicates(m, out);
    checkPairs(study, m, oneCondition, out);
    if (gridsByPath && m.kind !== 'connectivity-matrix') checkGrids(m, gridsByPath, out);
    if (matrixSizesByPath && m.kind === 'connectivity-matrix') checkMatrixSizes(m, matrixSizesByPath, out);
  }
  return out;
}
