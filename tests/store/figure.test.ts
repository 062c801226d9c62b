// Figure commands: Add to figure from Compare, reorder, page edits refused and undone, the demo's study reference.
import { describe, expect, it } from 'vitest';
import { createRegistry, type CommandContext } from '../../renderer/commands';
import { createAppStore } from '../../renderer/store';
import type { Measure, Study } from '../../shared/study';

const study: Study = {
  id: 'demo', name: 'Simulated demo', simulated: true, root: '/demo', subjects: ['sub-01', 'sub-02'], conditions: ['MDMA', 'placebo'],
  measures: [{ id: 'cbf', label: 'CBF', kind: 'cbf', units: 'ml/100g/min', files: [] } as Measure], design: 'paired',
};

function setup() {
  const store = createAppStore();
  store.setState({ study, scene: { ...store.getState().scene, compare: { ...store.getState().scene.compare, measureId: 'cbf' } }, workspace: 'compare', studySource: { kind: 'demo', path: '/demo', label: 'demo' } });
  const registry = createRegistry();
  const ctx: CommandContext = { store, host: null, engine: null };
  return { store, run: (id: string, args?: unknown) => registry.run(id, ctx, args) };
}

describe('figure commands', () => {
  it('adds panels from the Compare state to a new figure that names the demo study', async () => {
    const { store, run } = setup();
    await run('compare.setThreshold', { mode: 'p-unc', value: 0.001, minExtentVoxels: 10 });
    await run('compare.roi.amygdala_R');
    expect(await run('figure.addPanel', { kind: 'mosaic' })).toBe(true);
    expect(await run('figure.addPanel', { kind: 'glass' })).toBe(true);
    expect(await run('figure.addPanel', { kind: 'roi', roiId: 'amygdala_R' })).toBe(true);
    const [f] = store.getState().scene.figures;
    expect(f.name).toBe('Figure 1');
    expect(f.study).toEqual({ kind: 'demo', seed: 20150901 });
    expect(f.panels.map((p) => p.kind)).toEqual(['slices', 'glass', 'roi']);
    const mosaic = f.panels[0];
    expect(mosaic.kind === 'slices' && mosaic.contrast).toMatchObject({ measureId: 'cbf', conditionA: 'MDMA', conditionB: 'placebo', threshold: { mode: 'p-unc', value: 0.001, minExtentVoxels: 10 } });
    expect(mosaic.kind === 'slices' && [mosaic.mode, mosaic.count, mosaic.plane]).toEqual(['mosaic', 7, 'axial']);
    const roi = f.panels[2];
    expect(roi.kind === 'roi' && roi.roi.source).toEqual({ type: 'preset', preset: 'amygdala_R' });
  });

  it('reorders, edits the page and undoes; refuses a DPI journals do not take', async () => {
    const { store, run } = setup();
    await run('figure.addPanel', { kind: 'mosaic' });
    await run('figure.addPanel', { kind: 'glass' });
    const kinds = () => store.getState().scene.figures[0].panels.map((p) => p.kind);
    const [, glass] = store.getState().scene.figures[0].panels;
    await run('figure.movePanel', { panelId: glass.id, to: 0 });
    expect(kinds()).toEqual(['glass', 'slices']);
    await run('edit.undo');
    expect(kinds()).toEqual(['slices', 'glass']);
    await run('figure.updatePage', { patch: { widthMm: 89, dpi: 600 } });
    expect(store.getState().scene.figures[0].page).toMatchObject({ widthMm: 89, dpi: 600 });
    expect(await run('figure.updatePage', { patch: { dpi: 72 } })).toBe(false);
    expect(store.getState().errors.at(-1)?.message).toMatch(/DPI must be a whole number from 150 to 1200/);
    expect(store.getState().scene.figures[0].page.dpi).toBe(600);
    await run('edit.undo');
    expect(store.getState().scene.figures[0].page).toMatchObject({ widthMm: 183, dpi: 300 });
  });

  it("copies Compare's FWE choice and its cluster-forming threshold; none once FWE is off", async () => {
    const { store, run } = setup();
    await run('compare.setThreshold', { mode: 'fdr-q', value: 0.05, sided: 1, minExtentVoxels: 0 });
    await run('compare.setFwe', { on: true, method: 'tfce', nPerm: 500, clusterP: 0.005, seed: 9 });
    expect(await run('figure.addPanel', { kind: 'clusters' })).toBe(true);
    await run('compare.setFwe', { on: false });
    expect(await run('figure.addPanel', { kind: 'glass' })).toBe(true);
    const [clusters, glass] = store.getState().scene.figures[0].panels;
    // as the Compare panes: p-unc at the cluster-forming p, the sides kept (one-sided tests the direction shown)
    expect(clusters.kind === 'clusters' && clusters.contrast.threshold).toEqual({ mode: 'p-unc', value: 0.005, sided: 1, minExtentVoxels: 0 });
    expect(clusters.kind === 'clusters' && clusters.contrast.fwe).toEqual({ method: 'tfce', nPerm: 500, clusterP: 0.005, alpha: 0.05, seed: 9 });
    expect(glass.kind === 'glass' && glass.contrast?.fwe).toBeNull();
  });

  it('says what is missing when nothing can be added', async () => {
    const { store, run } = setup();
    expect(await run('figure.addPanel', { kind: 'roi' })).toBe(false);
    expect(store.getState().errors.at(-1)?.message).toMatch(/Add an ROI in the ROI panel first/);
    expect(store.getState().scene.figures).toEqual([]);
  });

  it('adds the connectivity matrix from the Connectivity workspace', async () => {
    const { store, run } = setup();
    const conn = { id: 'conn', label: 'connectivity (Fisher z)', kind: 'connectivity-matrix', units: 'z', files: [] } as unknown as Measure;
    store.setState({ study: { ...study, measures: [...study.measures, conn] }, workspace: 'connectivity' });
    expect(await run('figure.addPanel', { kind: 'matrix-t' })).toBe(true);
    expect(store.getState().scene.figures[0].panels[0]).toMatchObject({ kind: 'matrix', measureId: 'conn', conditionA: 'MDMA', conditionB: 'placebo', show: 't' });
  });

  it("adds the 3D connectome with the workspace's edge threshold and the scene's camera, else its top view", async () => {
    const store = createAppStore();
    const conn = { id: 'conn', label: 'connectivity (Fisher z)', kind: 'connectivity-matrix', units: 'z', files: [] } as unknown as Measure;
    store.setState({ study: { ...study, measures: [...study.measures, conn] }, workspace: 'connectivity', edgeThreshold: { mode: 'p-unc', value: 0.001 }, studySource: { kind: 'demo', path: '/demo', label: 'demo' } });
    const registry = createRegistry();
    let shown: { eye: [number, number, number]; up: [number, number, number] } | null = { eye: [-301.25, 12.5, 290], up: [0, 0, 1] };
    const engine = { camera: (kind: string) => (kind === 'connectome' ? shown : null) } as unknown as CommandContext['engine'];
    const ctx: CommandContext = { store, host: null, engine };
    expect(await registry.run('figure.addPanel', ctx, { kind: 'connectome' })).toBe(true);
    const p = store.getState().scene.figures[0].panels[0];
    expect(p).toMatchObject({ kind: 'connectome', measureId: 'conn', conditionA: 'MDMA', conditionB: 'placebo', threshold: { mode: 'p-unc', value: 0.001 }, labels: true, camera: { eye: [-301.25, 12.5, 290], up: [0, 0, 1] }, aspect: 0.9 });
    // A copy: the view moving on does not move the panel.
    shown.eye[0] = 0;
    expect(p.kind === 'connectome' && p.camera.eye[0]).toBe(-301.25);
    shown = null; // the 3D scene is not shown (the Matrices view)
    expect(await registry.run('figure.addPanel', ctx, { kind: 'connectome' })).toBe(true);
    expect(store.getState().scene.figures[0].panels[1]).toMatchObject({ kind: 'connectome', camera: { eye: [0, 0, 420], up: [0, 1, 0] } });
  });
});
