/** The shapes the study data hands out, and the clock its progress bar runs on. */
import type { Grid } from '../../shared/spaces/types';
import type { Measure } from '../../shared/study';

export interface MeasureData {
  measureId: string;
  measure: Measure;
  /** The grid every map below is on (the first map's). */
  grid: Grid;
  subjects: string[];
  conditions: string[];
  /** Per condition, one map per subject (aligned with `subjects`); null where the file is absent or unreadable. */
  maps: Record<string, (Float32Array | null)[]>;
  /** True when any map was resampled to `grid`. */
  resampled: boolean;
  note?: string;
}

/** The timers a load uses for its progress bar; tests pass a clock they advance by hand. */
export interface LoadClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: LoadClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
