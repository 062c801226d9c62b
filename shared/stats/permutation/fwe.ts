// Family-wise error p values from null maxima: p = (1 + #{r >= 2 : null_r >= x}) / N, the identity
// counted among the N rows (perm_reference.py fwe_p), and the 0.05 thresholds of a null column.

/** Null rows 2..N (index 1..N-1 of a column), sorted ascending. */
export function sortedNull(column: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(Array.prototype.slice.call(column, 1) as number[]);
  return s.sort();
}

/** #{null >= x} in a sorted null (binary search for the first element >= x). */
export function countAtLeast(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/** FWE p of each x against a null column (row 0 = the identity, not part of the count). */
export function fweP(x: ArrayLike<number>, column: ArrayLike<number>): Float64Array {
  const sorted = sortedNull(column);
  const N = sorted.length + 1;
  const p = new Float64Array(x.length);
  for (let v = 0; v < x.length; v++) p[v] = (1 + countAtLeast(sorted, x[v])) / N;
  return p;
}

/** "p <= alpha" decided exactly as the reference does for 0.05: (1 + count) <= alpha * N, in integers where alpha = 1/m. */
export function significant(count: number, N: number, alpha: number): boolean {
  const m = 1 / alpha;
  if (Number.isInteger(Math.round(m)) && Math.abs(m - Math.round(m)) < 1e-9) return Math.round(m) * (1 + count) <= N;
  return (1 + count) / N <= alpha;
}

/** Smallest null value c with p(c) <= alpha (every x >= c is significant), or null when none (e.g. N < 1/alpha). */
export function fweThreshold(column: ArrayLike<number>, alpha = 0.05): number | null {
  const sorted = sortedNull(column);
  const N = sorted.length + 1;
  let c: number | null = null;
  for (let q = sorted.length - 1; q >= 0; q--) {
    if (significant(countAtLeast(sorted, sorted[q]), N, alpha)) c = sorted[q];
    else break;
  }
  return c;
}
