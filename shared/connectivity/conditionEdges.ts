/**
 * The connectivity workspace's computation: a study's ROI x ROI matrices under two conditions,
 * paired by subject, tested edge by edge (paired t on Fisher z unless the files already hold z).
 */
import type { Measure } from '../study/types';
import { pairSubjects } from '../study/pairing';
import { edgewisePaired } from './edgewise';
import type { ConnMatrix, Edge } from './types';

export interface MatrixNode {
  name: string;
  x: number;
  y: number;
  z: number;
}

export interface ConditionEdges {
  names: string[];
  /** Names and MNI centroids (NaN where the node table gives none). */
  nodes: MatrixNode[];
  edges: Edge[];
  n: number;
  a: string;
  b: string;
  /** subjects with a matrix under both conditions */
  pairs: number;
  /** true when Fisher z = atanh(r) was applied before the test */
  fisher: boolean;
}

/**
 * True when a measure's files already hold Fisher z (desc-fisherz, units z): the words "fisher"
 * or a lone "z" in its label, units or id. Such matrices are compared as they are.
 */
export function holdsFisherZ(measure: Pick<Measure, 'label' | 'units' | 'id'>): boolean {
  return /fisher|(^|\W)z($|\W)/i.test(`${measure.label} ${measure.units} ${measure.id}`);
}

/**
 * Paired edgewise test of conditions `a` and `b`. `matrices[c][i]` is subject i's matrix under
 * condition c (null where absent). Null when fewer than two subjects have both; an error (naming
 * the measure) when the matrices cannot be compared, e.g. they differ in size.
 */
export function conditionEdges(
  measure: Pick<Measure, 'label' | 'units' | 'id'>,
  data: { nodes: MatrixNode[]; matrices: Record<string, (ConnMatrix | null)[]> },
  a: string,
  b: string,
): ConditionEdges | { error: string } | null {
  const ma = data.matrices[a] ?? [];
  const mb = data.matrices[b] ?? [];
  const { a: pa, b: pb } = pairSubjects([], ma, mb, 'paired');
  if (pa.length < 2) return null;
  const n = pa[0].n;
  const names = data.nodes.length === n ? data.nodes.map((x) => x.name) : (pa[0].names ?? Array.from({ length: n }, (_, i) => `node ${i + 1}`));
  const fisher = !holdsFisherZ(measure);
  try {
    const nodes = data.nodes.length === n ? data.nodes : names.map((name) => ({ name, x: NaN, y: NaN, z: NaN }));
    return { names, nodes, edges: edgewisePaired(pa, pb, { fisher }), n, a, b, pairs: pa.length, fisher };
  } catch (e) {
    // e.g. matrices of different sizes: the study panel lists the files; here, say why nothing is drawn.
    return { error: `${measure.label}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
