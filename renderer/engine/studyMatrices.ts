/** A connectivity measure's ROI x ROI matrices (small: parsed on the main thread) and its node table. */
import type { HostApi } from '../../shared/ipc/host';
import { parseMatrix, parseNodeTable, type ConnMatrix, type MatrixNode } from '../../shared/connectivity';
import type { Measure, Study, StudyProblem } from '../../shared/study';
import { baseName } from '../../shared/study';
import { runLimited } from './studyReaders';
import { conditionEdges, type ConditionEdges } from '../../shared/connectivity/conditionEdges';

export interface MatrixData {
  nodes: MatrixNode[];
  /** Per condition, one matrix per subject (aligned with study.subjects); null where absent or unreadable. */
  matrices: Record<string, (ConnMatrix | null)[]>;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Reads every matrix of `measure` and its node table. `onFile` is told each file's matrix size and
 * the files done so far; unreadable files and a node table that does not fit become `failures`.
 */
export async function readMatrices(
  host: HostApi,
  study: Study,
  measure: Measure,
  onFile: (path: string, n: number | null, done: number) => void,
): Promise<{ data: MatrixData; failures: StudyProblem[]; any: boolean; done: number }> {
  const decoder = new TextDecoder();
  const subjectIndex = new Map(study.subjects.map((x, i) => [x, i]));
  const matrices: Record<string, (ConnMatrix | null)[]> = {};
  for (const c of study.conditions) matrices[c] = new Array(study.subjects.length).fill(null);
  const failures: StudyProblem[] = [];
  let done = 0;
  await runLimited(measure.files, 8, async (f) => {
    let n: number | null = null;
    try {
      const m = parseMatrix(decoder.decode(await host.readFile(f.path)), baseName(f.path));
      n = m.n;
      const si = subjectIndex.get(f.subject);
      if (si !== undefined && matrices[f.condition]) matrices[f.condition][si] = m;
    } catch (e) {
      const name = baseName(f.path);
      const msg = errorText(e);
      failures.push({ severity: 'error', kind: 'missing-file', measure: measure.label, subjects: [f.subject], paths: [f.path], message: msg.includes(name) ? msg : `${name}: ${msg}` });
    }
    done++;
    onFile(f.path, n, done);
  });
  const sizes = Object.values(matrices).flat().filter((m): m is ConnMatrix => m !== null);
  const n = sizes[0]?.n ?? 0;
  let nodes: MatrixNode[] = [];
  if (measure.nodes) {
    try {
      nodes = parseNodeTable(decoder.decode(await host.readFile(measure.nodes)), baseName(measure.nodes));
    } catch (e) {
      failures.push({ severity: 'warning', kind: 'bad-table', measure: measure.label, paths: [measure.nodes], message: `${errorText(e)}; nodes are numbered instead of named.` });
    }
  }
  if (nodes.length !== n) {
    const names = sizes[0]?.names;
    if (nodes.length > 0) failures.push({ severity: 'warning', kind: 'bad-table', measure: measure.label, paths: measure.nodes ? [measure.nodes] : [], message: `${measure.label}: the node table lists ${nodes.length} nodes but the matrices are ${n}x${n}; nodes are numbered instead.` });
    nodes = Array.from({ length: n }, (_, i) => ({ name: names?.[i] ?? `node ${i + 1}`, x: NaN, y: NaN, z: NaN }));
  }
  return { data: { nodes, matrices }, failures, any: sizes.length > 0, done };
}

/** Edgewise results per loaded matrices and pair of conditions (held by the study data, so the
 *  Connectivity centre and its edge table share one computation and nothing outlives the study). */
export type EdgeResults = WeakMap<MatrixData, Map<string, ConditionEdges | { error: string } | null>>;

export function matrixEdges(cache: EdgeResults, measure: Measure, data: MatrixData, a: string, b: string): ConditionEdges | { error: string } | null {
  let byConditions = cache.get(data);
  if (!byConditions) cache.set(data, (byConditions = new Map()));
  const key = `${a}\u0000${b}`;
  if (!byConditions.has(key)) byConditions.set(key, conditionEdges(measure, data, a, b));
  return byConditions.get(key) ?? null;
}
