// Saved views: saving what is shown, stepping through them to present, undo, and views that name
// a measure the open study does not have.
import { describe, expect, it } from 'vitest';
import { createRegistry, type CommandContext } from '../../renderer/commands';
import { compareSettings, createAppStore, shownMeasureId } from '../../renderer/store';
import type { Measure, Study } from '../../shared/study';

const measure = (id: string, label: string, kind: Measure['kind']): Measure => ({ id, label, kind, units: kind === 'cbf' ? 'ml/100g/min' : 'a.u.', files: [] }) as unknown as Measure;

const study: Study = {
  id: 'demo',
  name: 'Simulated demo',
  root: '/demo',
  subjects: ['sub-01', 'sub-02'],
  conditions: ['MDMA', 'placebo'],
  measures: [measure('cbf', 'CBF', 'cbf'), measure('bold', 'faces effect (BOLD)', 'bold')],
  design: 'paired',
};

function setup() {
  const store = createAppStore();
  store.setState({ study, scene: { ...store.getState().scene, compare: { ...store.getState().scene.compare, measureId: 'cbf' } }, workspace: 'compare' });
  const registry = createRegistry();
  const ctx: CommandContext = { store, host: null, engine: null };
  return { store, run: (id: string, args?: unknown) => registry.run(id, ctx, args) };
}

describe('saved views', () => {
  it('saves the compare state under a name that says what it shows, and restores it', async () => {
    const { store, run } = setup();
    await run('compare.setThreshold', { mode: 'p-unc', value: 0.001, minExtentVoxels: 20 });
    await run('compare.roi.amygdala_R');
    store.setState({ scene: { ...store.getState().scene, view: { ...store.getState().scene.view, crosshairMm: [24, -4, -18] } } });
    await run('views.save');
    const [v] = store.getState().scene.views;
    expect(v.name).toBe('CBF · MDMA − placebo · p < 0.001, ≥ 20 voxels');
    expect(v.compare).toMatchObject({ measureId: 'cbf', conditionA: 'MDMA', conditionB: 'placebo', threshold: { mode: 'p-unc', value: 0.001, sided: 2, minExtentVoxels: 20 } });
    expect(v.compare!.rois.map((r) => r.id)).toEqual(['amygdala_R']);

    // Change everything, then go back.
    await run('study.selectMeasure', { id: 'bold' });
    await run('compare.swap');
    await run('compare.thresholdFdr');
    await run('compare.layout.contrast');
    store.setState({ workspace: 'viewer', scene: { ...store.getState().scene, view: { ...store.getState().scene.view, crosshairMm: [0, 50, 10], sliceType: 'axial' } } });
    await run('views.apply', { id: v.id });
    const s = store.getState();
    expect(s.workspace).toBe('compare');
    expect(shownMeasureId(s)).toBe('cbf');
    expect(compareSettings(s).direction).toBe('A-B');
    expect(compareSettings(s).threshold).toEqual({ mode: 'p-unc', value: 0.001, sided: 2, minExtentVoxels: 20 });
    expect(compareSettings(s).layout).toBe('row');
    expect(compareSettings(s).rois.map((r) => r.id)).toEqual(['amygdala_R']);
    expect(s.scene.view.crosshairMm).toEqual([24, -4, -18]);
    expect(s.scene.view.sliceType).toBe('multiplanar');
    expect(s.activeViewId).toBe(v.id);
  });

  it('steps forward and back with PageDown/PageUp commands, stopping at the ends', async () => {
    const { store, run } = setup();
    for (const value of [0.05, 0.01]) {
      await run('compare.setThreshold', { mode: 'fdr-q', value });
      await run('views.save');
    }
    store.setState({ workspace: 'viewer' });
    await run('views.save', { name: 'overview' });
    expect(store.getState().scene.views.map((v) => v.name)).toEqual(['CBF · MDMA − placebo · FDR q < 0.05', 'CBF · MDMA − placebo · FDR q < 0.01', 'overview']);
    await run('views.previous');
    expect(store.getState().activeViewId).toBe('v2');
    expect(compareSettings(store.getState()).threshold.value).toBe(0.01);
    await run('views.previous');
    await run('views.previous');
    expect(store.getState().activeViewId).toBe('v1');
    expect(compareSettings(store.getState()).threshold.value).toBe(0.05);
    await run('views.next');
    await run('views.next');
    await run('views.next');
    expect(store.getState().activeViewId).toBe('v3');
    expect(store.getState().workspace).toBe('viewer');
  });

  it('rename, move and delete are undoable; bad names are refused', async () => {
    const { store, run } = setup();
    await run('views.save', { name: 'a' });
    await run('views.save', { name: 'b' });
    await run('views.rename', { id: 'v1', name: 'amygdala' });
    expect(await run('views.rename', { id: 'v1', name: 'b' })).toBe(false);
    expect(store.getState().errors.at(-1)?.message).toMatch(/already a view called "b"/);
    await run('views.move', { id: 'v2', delta: -1 });
    expect(store.getState().scene.views.map((v) => v.name)).toEqual(['b', 'amygdala']);
    await run('views.delete', { id: 'v2' });
    expect(store.getState().scene.views.map((v) => v.name)).toEqual(['amygdala']);
    expect(store.getState().activeViewId).toBeNull();
    await run('edit.undo');
    expect(store.getState().scene.views.map((v) => v.name)).toEqual(['b', 'amygdala']);
    await run('edit.undo');
    await run('edit.undo');
    expect(store.getState().scene.views.map((v) => v.name)).toEqual(['a', 'b']);
    expect(await run('views.apply', { id: 'nope' })).toBe(false);
    expect(store.getState().errors.at(-1)?.message).toMatch(/no such saved view/);
  });

  it('a view naming a measure the open study lacks shows the rest and says what is missing', async () => {
    const { store, run } = setup();
    await run('views.save', { name: 'from another study' });
    const v = store.getState().scene.views[0];
    store.setState({ scene: { ...store.getState().scene, views: [{ ...v, compare: { ...v.compare!, measureId: 'asl-old', threshold: { ...v.compare!.threshold, value: 0.01 } } }] } });
    await run('views.apply', { id: v.id });
    expect(shownMeasureId(store.getState())).toBe('cbf');
    expect(compareSettings(store.getState()).threshold.value).toBe(0.01);
    expect(store.getState().notices.at(-1)?.message).toMatch(/“from another study”: the open study has no measure "asl-old"/);
  });

  it('presenting starts on the first view when none is shown, and Esc (endPresent) ends it', async () => {
    const { store, run } = setup();
    await run('views.present');
    expect(store.getState().presenting).toBe(true);
    expect(store.getState().activeViewId).toBeNull();
    await run('views.endPresent');
    await run('compare.thresholdP001');
    await run('views.save');
    store.setState({ activeViewId: null });
    await run('compare.thresholdFdr');
    await run('views.present');
    expect(store.getState()).toMatchObject({ presenting: true, activeViewId: 'v1' });
    expect(compareSettings(store.getState()).threshold.mode).toBe('p-unc');
    await run('views.endPresent');
    expect(store.getState().presenting).toBe(false);
    // Without arguments (the Esc key) it only runs while presenting.
    expect(await run('views.endPresent')).toBe(false);
  });
});
