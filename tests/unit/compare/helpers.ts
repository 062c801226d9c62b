// Small independent formulas and data makers for the compare tests.
import { expect } from 'vitest';

export function mean(x: number[]): number {
  return x.reduce((s, v) => s + v, 0) / x.length;
}

export function sd(x: number[]): number {
  const m = mean(x);
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
}

export function expectClose(got: number, want: number, rel = 1e-5): void {
  expect(Number.isFinite(got), `expected ${want}, got ${got}`).toBe(true);
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));
}

/** Deterministic uniform [0,1) (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(r: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** Per-subject maps from a [voxel][subject] table. */
export function mapsFromVoxels(table: number[][]): Float32Array[] {
  const nSub = table[0].length;
  return Array.from({ length: nSub }, (_, s) => Float32Array.from(table.map((v) => v[s])));
}
