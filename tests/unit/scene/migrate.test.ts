// Scene files saved before the Compare settings were part of the Scene (version 2) still open: the
// fixture was written by the app of that time (its store, commands and sceneFileText, run on
// commit 529c1ff), with two Compare views (one with FWE on) and a Viewer view.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSettingsSchema, defaultCompareSettings, migrateScene, readSceneText, SCENE_VERSION, sceneFileText } from '../../../shared/scene';

const FIXTURE = join(__dirname, '../../fixtures/scenes/v2-compare.scene.json');
const text = readFileSync(FIXTURE, 'utf8');

describe('scene version 2 -> 3', () => {
  it('the fixture is a version-2 file and opens with default Compare settings', () => {
    expect(JSON.parse(text).version).toBe(2);
    expect(SCENE_VERSION).toBe(3);
    const r = readSceneText(text, 'talk.scene.json');
    if (!r.ok) throw new Error(r.message);
    expect(r.scene.version).toBe(3);
    expect(r.scene.compare).toEqual(defaultCompareSettings());
    expect(r.scene.layers.map((l) => l.name)).toEqual(['spmT_0001.nii']);
    expect(r.scene.view.crosshairMm).toEqual([24, -4, -18]);
  });

  it('saved views keep what they showed, as whole Compare settings', () => {
    const r = readSceneText(text, 'talk.scene.json');
    if (!r.ok) throw new Error(r.message);
    const [first, tfce, overview] = r.scene.views;
    expect(r.scene.views.map((v) => v.name)).toEqual(['amygdala p < 0.001', 'TFCE', 'overview']);
    expect(first.compare).toMatchObject({ measureId: 'cbf', conditionA: 'MDMA', conditionB: 'placebo', direction: 'A-B', threshold: { mode: 'p-unc', value: 0.001, sided: 2, minExtentVoxels: 20 }, layout: 'row', paneView: 'multiplanar', fwe: { on: false } });
    expect(first.compare!.rois).toEqual([{ id: 'amygdala_R', name: 'Amygdala, right', source: { type: 'preset', preset: 'amygdala_R' } }]);
    // FWE was on: the v2 `fwe` block (with its caption) becomes the settings' fwe with on = true.
    expect(tfce.compare).toMatchObject({ direction: 'B-A', layout: 'contrast', paneView: 'axial', fwe: { on: true, method: 'tfce', nPerm: 1000, clusterP: 0.001, alpha: 0.05, seed: 7 } });
    expect(tfce.compare!.fwe).not.toHaveProperty('caption');
    // Settings a v2 view did not keep take their defaults; each view passes the one schema.
    expect(tfce.compare).toMatchObject({ surfacePreset: 'four', clusterSort: 'size', colourBy: null, groupMap: null, figure: { scale: 1 } });
    for (const v of [first, tfce]) expect(compareSettingsSchema.safeParse(v.compare).success).toBe(true);
    expect(overview).toMatchObject({ workspace: 'viewer', compare: null });
  });

  it('a migrated scene saved again is a version-3 file that reads back the same', () => {
    const r = readSceneText(text, 'talk.scene.json');
    if (!r.ok) throw new Error(r.message);
    const again = sceneFileText(r.scene, '/data/talk.scene.json');
    expect(JSON.parse(again).version).toBe(3);
    const r2 = readSceneText(again, 'talk.scene.json');
    if (!r2.ok) throw new Error(r2.message);
    expect(r2.scene).toEqual(r.scene);
    // Migration is a no-op on the current version.
    const json = JSON.parse(again) as Record<string, unknown>;
    expect(migrateScene(json)).toBe(json);
  });

  it('bad Compare settings in a version-3 file are refused naming the field', () => {
    const r = readSceneText(text, 'talk.scene.json');
    if (!r.ok) throw new Error(r.message);
    const bad = JSON.parse(sceneFileText(r.scene, null));
    bad.compare.threshold.value = 0;
    expect(readSceneText(JSON.stringify(bad), 'talk.scene.json')).toEqual({ ok: false, message: 'talk.scene.json: compare.threshold: p and q must lie between 0 and 1' });
    bad.compare.threshold.value = 0.05;
    bad.compare.paneView = 'holo';
    expect(readSceneText(JSON.stringify(bad), 'talk.scene.json')).toEqual({ ok: false, message: 'talk.scene.json: compare.paneView: unknown pane view "holo"' });
  });
});
