// Undo records what the user did: Compare settings are part of the Scene, a slider drag is one
// step (a gesture), camera and crosshair moves are not steps, and undo keeps the loaded measure.
import { describe, expect, it } from 'vitest';
import { addLayer } from '../../shared/scene';
import { createRegistry, type CommandContext } from '../../renderer/commands';
import { compareSettings, createAppStore, shownMeasureId } from '../../renderer/store';
import { makeLayer } from '../unit/scene/fixtures';
import type { Measure, Study } from '../../shared/study';

const measure = (id: string, label: string, kind: Measure['kind']): Measure => ({ id, label, kind, units: 'a.u.', files: [] }) as unknown as Measure;
const study: Study = { id: 'demo', name: 'demo', root: '/demo', subjects: ['s1', 's2'], conditions: ['MDMA', 'placebo'], measures: [measure('cbf', 'CBF', 'cbf'), measure('bold', 'BOLD', 'bold')], design: 'paired' };

function setup() {
  const store = createAppStore();
  // As opening a study does: it names its first map measure (not an undo step).
  store.setState({ workspace: 'compare', study, scene: { ...store.getState().scene, compare: { ...store.getState().scene.compare, measureId: 'cbf' } } });
  const registry = createRegistry();
  const ctx: CommandContext = { store, host: null, engine: null };
  return { store, registry, ctx, run: (id: string, args?: unknown) => registry.run(id, ctx, args) };
}

describe('undo in Compare', () => {
  it('undoes the threshold, ROI and swap in the order they happened, and redoes', async () => {
    const { store, run } = setup();
    await run('compare.setThreshold', { mode: 'p-unc', value: 0.001 });
    await run('compare.roi.amygdala_R');
    await run('compare.swap');
    expect(compareSettings(store.getState())).toMatchObject({ direction: 'B-A', threshold: { mode: 'p-unc', value: 0.001 } });
    expect(store.getState().past).toHaveLength(3);
    await run('edit.undo');
    expect(compareSettings(store.getState()).direction).toBe('A-B');
    await run('edit.undo');
    expect(compareSettings(store.getState()).rois).toEqual([]);
    await run('edit.undo');
    expect(compareSettings(store.getState()).threshold).toEqual({ mode: 'fdr-q', value: 0.05, sided: 2, minExtentVoxels: 0 });
    expect(await run('edit.undo')).toBe(false);
    await run('edit.redo');
    expect(compareSettings(store.getState()).threshold.value).toBe(0.001);
    await run('edit.redo');
    expect(compareSettings(store.getState()).rois.map((r) => r.id)).toEqual(['amygdala_R']);
  });

  it('a threshold drag is one step; the same command outside a drag (keyboard) is one step each', async () => {
    const { store, registry, ctx, run } = setup();
    registry.beginGesture(ctx);
    for (const value of [0.04, 0.03, 0.02, 0.01]) await run('compare.setThreshold', { value });
    expect(store.getState().past).toHaveLength(0);
    registry.endGesture(ctx);
    expect(store.getState().past).toHaveLength(1);
    await run('compare.setThreshold', { value: 0.005 });
    await run('compare.setThreshold', { value: 0.002 });
    expect(store.getState().past).toHaveLength(3);
    await run('edit.undo');
    await run('edit.undo');
    expect(compareSettings(store.getState()).threshold.value).toBe(0.01);
    await run('edit.undo');
    expect(compareSettings(store.getState()).threshold.value).toBe(0.05);
    // A drag that changes nothing (pointer down and up in place) is no step.
    registry.beginGesture(ctx);
    registry.endGesture(ctx);
    expect(store.getState().past).toHaveLength(0);
  });

  it('an opacity drag is one step', async () => {
    const { store, registry, ctx, run } = setup();
    store.setState({ scene: addLayer(store.getState().scene, makeLayer('t')) });
    registry.beginGesture(ctx);
    for (let i = 19; i >= 6; i--) await run('layer.setDisplay', { id: 't', patch: { opacity: i * 0.05 } });
    registry.endGesture(ctx);
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().scene.layers[0].opacity).toBeCloseTo(0.3, 10);
    await run('edit.undo');
    expect(store.getState().scene.layers[0].opacity).toBe(1);
  });

  it('crosshair and slice moves are not steps; a measure choice is, and undo keeps the study measure shown', async () => {
    const { store, run } = setup();
    await run('view.setCrosshair', { mm: [10, 20, 30] });
    await run('view.axial');
    expect(store.getState().past).toHaveLength(0);
    expect(shownMeasureId(store.getState())).toBe('cbf');
    await run('study.selectMeasure', { id: 'bold' });
    expect(compareSettings(store.getState()).measureId).toBe('bold');
    await run('compare.thresholdP001');
    await run('edit.undo');
    expect(compareSettings(store.getState()).measureId).toBe('bold');
    await run('edit.undo');
    // Back to before the choice: the study's first measure, and the crosshair stays where it is.
    expect(shownMeasureId(store.getState())).toBe('cbf');
    expect(store.getState().scene.view.crosshairMm).toEqual([10, 20, 30]);
  });

  it('a snapshot from before a study was opened keeps the measure shown now', async () => {
    const { store, run } = setup();
    store.setState({ scene: { ...store.getState().scene, compare: { ...store.getState().scene.compare, measureId: null } } });
    await run('compare.toggleDualCoding');
    // The study opens (engine bookkeeping, not a step) and names its measure.
    store.setState({ scene: { ...store.getState().scene, compare: { ...store.getState().scene.compare, measureId: 'bold' } } });
    await run('edit.undo');
    expect(compareSettings(store.getState())).toMatchObject({ dualCoding: false, measureId: 'bold' });
  });
});
