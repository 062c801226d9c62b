/**
 * Which subjects enter a two-condition comparison. The one implementation used by the compare
 * workspace (subject maps) and the connectivity workspace (subject matrices).
 */
/** How the two conditions' subjects relate (the Study's design). */
export type PairingDesign = 'paired' | 'two-group';

export interface Paired<T> {
  a: T[];
  b: T[];
  /** Paired: the subjects kept (those with data under both conditions), in study order. Two-group: empty. */
  subjects: string[];
}

/**
 * `a[i]` and `b[i]` are subject i's data under the two conditions (null/undefined where absent).
 * Paired: only subjects with data under both conditions are kept, in pairs. Otherwise every
 * present value of each condition is kept on its own (two-group).
 */
export function pairSubjects<T>(subjects: readonly string[], a: readonly (T | null | undefined)[], b: readonly (T | null | undefined)[], design: PairingDesign = 'paired'): Paired<T> {
  const outA: T[] = [];
  const outB: T[] = [];
  const kept: string[] = [];
  if (design === 'paired') {
    const n = Math.max(subjects.length, a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      if (x != null && y != null) {
        outA.push(x);
        outB.push(y);
        kept.push(subjects[i] ?? `subject ${i + 1}`);
      }
    }
  } else {
    for (const x of a) if (x != null) outA.push(x);
    for (const y of b) if (y != null) outB.push(y);
  }
  return { a: outA, b: outB, subjects: kept };
}
