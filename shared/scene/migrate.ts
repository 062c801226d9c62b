/**
 * Scene files of older versions, brought to the current shape step by step before validation.
 * Each step is a pure function of the JSON object of the version before it.
 */
const STEPS: Record<number, (json: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 -> 2: figures for papers arrive (a version-1 scene has none), and file sources may carry
  // relPath (files without it simply have none).
  1: (json) => ({ ...json, version: 2, figures: [] }),
};

/** The scene JSON at the current version (unknown versions are left for validation to refuse). */
export function migrateScene(json: Record<string, unknown>): Record<string, unknown> {
  let out = json;
  while (typeof out.version === 'number' && STEPS[out.version]) out = STEPS[out.version](out);
  return out;
}
