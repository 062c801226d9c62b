// Permutation rows: one Int8 row of K entries per permutation, row 0 the identity (all +1).
// Paired designs flip signs (-1 = that subject's A - B difference is negated); two-group designs
// relabel (+1 = group A, -1 = group B; the identity puts the first nA subjects in A).
import { Xoshiro128 } from './rng';

/** Largest K whose 2^K flips are all enumerated. */
export const MAX_ENUMERATED_SUBJECTS = 12;

/** All 2^K sign rows: row r flips subject i when bit i of r is set (so row 0 is the identity). */
export function enumerateFlips(K: number): Int8Array {
  if (K > 20) throw new RangeError(`enumerating 2^${K} flips is too many`);
  const n = 2 ** K;
  const out = new Int8Array(n * K);
  for (let r = 0; r < n; r++) for (let i = 0; i < K; i++) out[r * K + i] = (r >> i) & 1 ? -1 : 1;
  return out;
}

/**
 * Row 0 all +1; rows 1..N-1 random: each row draws ceil(K / 32) outputs of Xoshiro128(seed), and
 * subject i is flipped (-1) when bit (i mod 32) of output floor(i / 32) is 1. No de-duplication
 * (a row may repeat or equal the identity), as perm_reference.py's `signs`.
 */
export function randomFlips(K: number, N: number, seed: number): Int8Array {
  const rng = new Xoshiro128(seed);
  const out = new Int8Array(N * K).fill(1);
  const words = Math.ceil(K / 32);
  for (let r = 1; r < N; r++) {
    for (let w = 0; w < words; w++) {
      const u = rng.nextU32();
      for (let b = 0; b < 32 && w * 32 + b < K; b++) if ((u >>> b) & 1) out[r * K + w * 32 + b] = -1;
    }
  }
  return out;
}

/** Paired rows as the issue says: all 2^K flips for K <= 12, else N seeded random rows. */
export function pairedFlips(K: number, N: number, seed: number): { rows: Int8Array; n: number; exact: boolean } {
  if (K <= MAX_ENUMERATED_SUBJECTS) return { rows: enumerateFlips(K), n: 2 ** K, exact: true };
  return { rows: randomFlips(K, N, seed), n: N, exact: false };
}

/**
 * Two-group label rows: row 0 = nA times +1 then nB times -1; rows 1..N-1 are Fisher-Yates
 * shuffles of that row (for i = K-1 down to 1: swap i with rng.below(i + 1)), each starting from the identity.
 */
export function twoGroupLabels(nA: number, nB: number, N: number, seed: number): Int8Array {
  const K = nA + nB;
  const rng = new Xoshiro128(seed);
  const out = new Int8Array(N * K);
  for (let r = 0; r < N; r++) {
    const row = out.subarray(r * K, (r + 1) * K);
    for (let i = 0; i < K; i++) row[i] = i < nA ? 1 : -1;
    if (r === 0) continue;
    for (let i = K - 1; i >= 1; i--) {
      const j = rng.below(i + 1);
      const x = row[i];
      row[i] = row[j];
      row[j] = x;
    }
  }
  return out;
}

/** A short digest of rows (FNV-1a over the bytes) so runs in Node and the browser can be compared. */
export function flipsDigest(rows: Int8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < rows.length; i++) h = Math.imul(h ^ (rows[i] & 0xff), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export class SignsFileError extends Error {
  readonly userFacing = true;
}

/**
 * A sign-flip file (perm_reference.py `signs` format): lines starting with '#' and blank lines are
 * skipped; each other line is one permutation, K values 1 / -1 (also +1) separated by tabs, spaces
 * or commas; the first row must be the identity. Errors name the file and line.
 */
export function parseSignsText(text: string, name: string, K: number): { rows: Int8Array; n: number } {
  const lines = text.split(/\r?\n/);
  const rows: number[] = [];
  let n = 0;
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(/[\t ,]+/);
    if (cells.length !== K) throw new SignsFileError(`${name} line ${ln + 1}: ${cells.length} columns, but there are ${K} subjects (one column per subject)`);
    for (const c of cells) {
      if (c !== '1' && c !== '-1' && c !== '+1') throw new SignsFileError(`${name} line ${ln + 1}: "${c}" is not 1 or -1`);
      rows.push(c === '-1' ? -1 : 1);
    }
    if (n === 0 && cells.some((c) => c === '-1')) throw new SignsFileError(`${name} line ${ln + 1}: the first row must be the identity (all +1)`);
    n++;
  }
  if (n === 0) throw new SignsFileError(`${name}: no sign rows`);
  return { rows: Int8Array.from(rows), n };
}
