/**
 * Scene files of older versions, brought to the current shape step by step before validation.
 * Each step is a pure function of the JSON object of the version before it.
 */
const STEPS: Record<number, (json: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 -> 2: figures for papers arrive (a version-1 scene has none), and file sources may carry
  // relPath (files without it simply have none).
  1: (json) => ({ ...json, version: 2, figures: [] }),
  // 2 -> 3: the Compare settings arrive in the scene (defaults: a version-2 scene kept none), and a
  // saved view's compare part becomes those settings whole. Its optional `fwe` (present only when
  // FWE was on, with the caption as shown) becomes the settings' `fwe` with `on`; the settings a
  // version-2 view did not keep take their defaults when the view is checked.
  2: (json) => ({ ...json, version: 3, compare: {}, views: Array.isArray(json.views) ? json.views.map(viewV2toV3) : json.views }),
};

function viewV2toV3(v: unknown): unknown {
  if (!isObj(v) || !isObj(v.compare)) return v;
  const { fwe, ...rest } = v.compare;
  if (!isObj(fwe)) return { ...v, compare: rest };
  const { caption: _caption, ...choice } = fwe;
  return { ...v, compare: { ...rest, fwe: { on: true, ...choice } } };
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The scene JSON at the current version (unknown versions are left for validation to refuse). */
export function migrateScene(json: Record<string, unknown>): Record<string, unknown> {
  let out = json;
  while (typeof out.version === 'number' && STEPS[out.version]) out = STEPS[out.version](out);
  return out;
}
