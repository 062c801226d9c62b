/** Compare slice: contrast, threshold and panel choices of the compare workspace. Owned by the compare UI. */

export interface CompareSlice {
  compare: Record<string, never>;
}

export function initialCompareState(): CompareSlice {
  return { compare: {} };
}
