import { describe, expect, it } from 'vitest';
import { addSavedView, defaultCompareSettings, emptyScene, moveSavedView, neighbourView, parseSceneJson, removeSavedView, renameSavedView, validateScene, type NewView, type SavedCompare } from '../../../shared/scene';

const compare: SavedCompare = {
  ...defaultCompareSettings(),
  measureId: 'cbf',
  conditionA: 'MDMA',
  conditionB: 'placebo',
  direction: 'A-B',
  statistic: 'paired-t',
  threshold: { mode: 'fdr-q', value: 0.05, sided: 2, minExtentVoxels: 10 },
  layout: 'row',
  paneView: 'multiplanar',
  clip: true,
  dualCoding: false,
  rois: [
    { id: 'amygdala_R', name: 'Amygdala, right', source: { type: 'preset', preset: 'amygdala_R' } },
    { id: 's1', name: 'sphere', source: { type: 'sphere', centerMm: [24, -4, -18], radiusMm: 6 } },
  ],
};

function view(extra: Partial<NewView> = {}): NewView {
  const s = emptyScene();
  return { workspace: 'compare', view: { ...s.view, crosshairMm: [24, -4, -18] }, compare, connectivityView: null, ...extra };
}

describe('saved views', () => {
  it('adds views in order with unique ids and names, and copies what it is given', () => {
    const v = view({ name: 'CBF drop' });
    const added = addSavedView(emptyScene(), v);
    const first = added.view;
    let scene = added.scene;
    expect(first).toMatchObject({ id: 'v1', name: 'CBF drop' });
    v.compare!.threshold.value = 0.01;
    expect(scene.views[0].compare!.threshold.value).toBe(0.05);
    ({ scene } = addSavedView(scene, view({ name: 'CBF drop' })));
    ({ scene } = addSavedView(scene, view()));
    ({ scene } = addSavedView(scene, view({ name: '   ' })));
    expect(scene.views.map((x) => [x.id, x.name])).toEqual([
      ['v1', 'CBF drop'],
      ['v2', 'CBF drop 2'],
      ['v3', 'View 3'],
      ['v4', 'View 4'],
    ]);
    // An id freed by a delete is not handed out twice.
    scene = removeSavedView(scene, 'v2');
    ({ scene } = addSavedView(scene, view()));
    expect(new Set(scene.views.map((x) => x.id)).size).toBe(scene.views.length);
  });

  it('renames, refusing empty and taken names; moves within the list', () => {
    let { scene } = addSavedView(emptyScene(), view({ name: 'a' }));
    ({ scene } = addSavedView(scene, view({ name: 'b' })));
    ({ scene } = addSavedView(scene, view({ name: 'c' })));
    expect(() => renameSavedView(scene, 'v1', '  ')).toThrow(/needs a name/);
    expect(() => renameSavedView(scene, 'v1', 'b')).toThrow(/already a view called "b"/);
    scene = renameSavedView(scene, 'v1', ' amygdala ');
    expect(scene.views[0].name).toBe('amygdala');
    scene = moveSavedView(scene, 'v3', -1);
    expect(scene.views.map((x) => x.name)).toEqual(['amygdala', 'c', 'b']);
    expect(moveSavedView(scene, 'v1', -1)).toBe(scene);
    expect(moveSavedView(scene, 'v2', 1)).toBe(scene);
  });

  it('steps forward and back, stopping at the ends', () => {
    let { scene } = addSavedView(emptyScene(), view({ name: 'a' }));
    ({ scene } = addSavedView(scene, view({ name: 'b' })));
    expect(neighbourView(emptyScene(), null, 1)).toBeNull();
    expect(neighbourView(scene, null, 1)?.name).toBe('a');
    expect(neighbourView(scene, null, -1)?.name).toBe('b');
    expect(neighbourView(scene, 'v1', 1)?.name).toBe('b');
    expect(neighbourView(scene, 'v2', 1)?.name).toBe('b');
    expect(neighbourView(scene, 'v1', -1)?.name).toBe('a');
    expect(neighbourView(scene, 'gone', 1)?.name).toBe('a');
  });

  it('round-trips through a scene file; files without views read as none', () => {
    const { scene } = addSavedView(emptyScene(), view({ name: 'talk slide 1' }));
    const r = parseSceneJson(JSON.stringify(scene), 'talk.scene.json');
    expect(r.ok && r.scene).toEqual(scene);
    const { views: _drop, ...old } = emptyScene();
    const r2 = validateScene(old, 'old.scene.json');
    expect(r2.ok && r2.scene.views).toEqual([]);
  });

  it('names the file, the view and the problem for bad saved views', () => {
    const { scene } = addSavedView(emptyScene(), view({ name: 'x' }));
    const bad = (patch: Record<string, unknown>, compareLike: Record<string, unknown> = {}) => ({ ...scene, views: [{ ...scene.views[0], ...patch, compare: { ...compare, ...compareLike } }] });
    expect(validateScene(bad({}, { threshold: { ...compare.threshold, value: 2 } }), 't.json')).toEqual({ ok: false, message: 't.json: saved view 1: compare.threshold: p and q must lie between 0 and 1' });
    expect(validateScene(bad({ workspace: 'slides' }), 't.json')).toMatchObject({ ok: false, message: 't.json: saved view 1: has an unknown workspace "slides"' });
    expect(validateScene(bad({}, { statistic: 'z' }), 't.json')).toMatchObject({ ok: false, message: expect.stringContaining('unknown statistic "z"') });
    expect(validateScene(bad({}, { rois: [{ id: 'r', name: 'ball', source: { type: 'sphere', centerMm: [0, 0], radiusMm: 5 } }] }), 't.json')).toMatchObject({ ok: false, message: expect.stringContaining('"ball" has an unusable source') });
    expect(validateScene(bad({ view: { ...scene.view, zoom: 0 } }), 't.json')).toMatchObject({ ok: false, message: 't.json: saved view 1: view.zoom must be a positive number' });
    expect(validateScene({ ...scene, views: [scene.views[0], scene.views[0]] }, 't.json')).toMatchObject({ ok: false, message: expect.stringContaining('used twice') });
    expect(validateScene({ ...scene, views: 'all' }, 't.json')).toMatchObject({ ok: false, message: 't.json: views must be a list' });
    expect(validateScene({ ...scene, views: [{ ...scene.views[0], compare: null, workspace: 'viewer' }] }, 't.json').ok).toBe(true);
  });
});
