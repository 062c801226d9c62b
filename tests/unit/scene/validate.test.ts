import { describe, expect, it } from 'vitest';
import { addLayer, emptyScene, parseSceneJson, validateScene, SCENE_VERSION } from '../../../shared/scene';
import { makeLayer } from './fixtures';

describe('scene validation', () => {
  const good = addLayer(emptyScene(), makeLayer('a'));

  it('round-trips a saved scene', () => {
    const r = parseSceneJson(JSON.stringify(good), 'talk.scene.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scene).toEqual(good);
  });

  it('rejects a newer version with a message naming the file', () => {
    const r = validateScene({ ...good, version: SCENE_VERSION + 1 }, 'talk.scene.json');
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^talk\.scene\.json: was saved by a newer ContrastScope/) });
  });

  it('rejects non-JSON, wrong shapes and bad layers', () => {
    expect(parseSceneJson('{oops', 'x.json')).toMatchObject({ ok: false, message: 'x.json: not a scene file (the text is not valid JSON)' });
    expect(validateScene([], 'x.json').ok).toBe(false);
    expect(validateScene({ ...good, view: { ...good.view, sliceType: 'oblique' } }).ok).toBe(false);
    const badOpacity = { ...good, layers: [{ ...good.layers[0], opacity: 2 }] };
    expect(validateScene(badOpacity, 'x.json')).toMatchObject({ ok: false, message: 'x.json: layer 1: opacity must be between 0 and 1' });
    const dup = { ...good, layers: [good.layers[0], good.layers[0]] };
    expect(validateScene(dup, 'x.json')).toMatchObject({ ok: false, message: expect.stringContaining('used twice') });
    const badFrame = { ...good, layers: [{ ...good.layers[0], frame: 1 }] };
    expect(validateScene(badFrame).ok).toBe(false);
  });
});
