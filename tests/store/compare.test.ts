// The compare slice and commands: threshold state, swap, cluster stepping, ROIs, group maps.
import { describe, expect, it } from 'vitest';
import { addLayer } from '../../shared/scene';
import { computeContrast, resolveThreshold } from '../../shared/compare';
import { createRegistry, type CommandContext } from '../../renderer/commands';
import { compareSettings, createAppStore } from '../../renderer/store';
import { defaultCompareSettings } from '../../shared/scene';
import { initialCompare, setThresholdMode, setThresholdValue, sliderToThreshold, stepCluster, swapConditions, thresholdToSlider, type CompareState } from '../../renderer/store/compare';
import { makeLayer } from '../unit/scene/fixtures';
import type { ClusterRow } from '../../shared/compare';

function setup() {
  const store = createAppStore();
  store.setState({ workspace: 'compare' });
  const registry = createRegistry();
  const ctx: CommandContext = { store, host: null, engine: null };
  return { store, registry, run: (id: string, args?: unknown) => registry.run(id, ctx, args) };
}

const row = (id: number, nVoxels: number, peak: number, mm: [number, number, number]): ClusterRow => ({
  id,
  sign: peak > 0 ? 1 : -1,
  nVoxels,
  volumeMm3: nVoxels * 8,
  peakStat: peak,
  peakT: peak,
  peakVoxel: [0, 0, 0],
  peakMm: mm,
  comMm: mm,
  peakLabel: `label ${id}`,
  topLabels: [],
});

describe('compare threshold state', () => {
  it('starts at FDR q < 0.05 two-sided, paired t, A - B', () => {
    const c = defaultCompareSettings();
    expect(c.threshold).toEqual({ mode: 'fdr-q', value: 0.05, sided: 2, minExtentVoxels: 0 });
    expect(c.statistic).toBe('paired-t');
    expect(c.direction).toBe('A-B');
  });

  it('switching mode gives that mode a sensible value; p and q outside (0, 1] are refused', () => {
    let c = setThresholdMode(defaultCompareSettings(), 'p-unc');
    expect(c.threshold.value).toBe(0.001);
    expect(setThresholdValue(c, 3.1)).toBe(c);
    expect(setThresholdValue(c, 0)).toBe(c);
    c = setThresholdValue(c, 0.01);
    expect(c.threshold.value).toBe(0.01);
    c = setThresholdMode(c, 'raw');
    expect(c.threshold.value).toBe(3);
    expect(setThresholdValue(c, 4.5).threshold.value).toBe(4.5);
    expect(setThresholdValue(c, -1)).toBe(c);
  });

  it('raw mode starts from the t the previous p threshold amounted to', () => {
    const c = setThresholdMode(defaultCompareSettings(), 'p-unc');
    const resolved = { tEquivalent: 3.7454 } as CompareState['resolved'];
    expect(setThresholdMode(c, 'raw', resolved).threshold.value).toBe(3.75);
  });

  it('the slider is logarithmic for p/q and linear for raw values, and round-trips', () => {
    expect(sliderToThreshold('p-unc', 0)).toBe(0.2);
    expect(sliderToThreshold('p-unc', 1000)).toBe(1e-6);
    expect(sliderToThreshold('raw', 500)).toBe(5);
    for (const v of [0.05, 0.001, 1e-5]) expect(Math.abs(Math.log10(sliderToThreshold('fdr-q', thresholdToSlider('fdr-q', v))) - Math.log10(v))).toBeLessThan(0.02);
  });

  it('swap flips the direction twice back to A - B', () => {
    const c = swapConditions(defaultCompareSettings());
    expect(c.direction).toBe('B-A');
    expect(swapConditions(c).direction).toBe('A-B');
  });

  it('steps through clusters with wrap-around', () => {
    let c: CompareState = { ...initialCompare(), clusters: [row(1, 50, -5, [1, 2, 3]), row(2, 20, 4, [4, 5, 6])] };
    c = stepCluster(c, 1);
    expect(c.activeCluster).toBe(0);
    c = stepCluster(c, 1);
    expect(c.activeCluster).toBe(1);
    c = stepCluster(c, 1);
    expect(c.activeCluster).toBe(0);
    expect(stepCluster({ ...c, activeCluster: -1 }, -1).activeCluster).toBe(1);
  });
});

describe('compare commands', () => {
  it('registers the shortcuts the issue asks for', () => {
    const { registry } = setup();
    const keys = Object.fromEntries(registry.all().filter((c) => c.id.startsWith('compare.')).map((c) => [c.id, c.keybinding]));
    expect(keys['compare.nextCluster']).toBe('n');
    expect(keys['compare.previousCluster']).toBe('Shift+n');
    expect(keys['compare.nextMeasure']).toBe('m');
    expect(keys['compare.swap']).toBe('s');
    expect(keys['compare.toggleDualCoding']).toBe('d');
    expect(keys['compare.toggleLayout']).toBe('l');
    // No compare shortcut collides with another command's.
    const all = registry.all().filter((c) => c.keybinding).map((c) => c.keybinding!.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });

  it('next cluster moves the crosshair to the peak of the next row', async () => {
    const { store, run } = setup();
    store.setState({ compare: { ...store.getState().compare, clusters: [row(1, 50, -5, [18, -10, -14]), row(2, 20, 4, [40, -66, 22])] } });
    await run('compare.nextCluster');
    expect(store.getState().scene.view.crosshairMm).toEqual([18, -10, -14]);
    await run('compare.nextCluster');
    expect(store.getState().scene.view.crosshairMm).toEqual([40, -66, 22]);
    await run('compare.previousCluster');
    expect(store.getState().scene.view.crosshairMm).toEqual([18, -10, -14]);
    await run('compare.goToCluster', { index: 1 });
    expect(store.getState().compare.activeCluster).toBe(1);
  });

  it('threshold, dual coding, presets and spheres go through commands', async () => {
    const { store, run } = setup();
    await run('compare.setThreshold', { mode: 'p-unc', value: 0.005, sided: 1, minExtentVoxels: 10.7 });
    expect(compareSettings(store.getState()).threshold).toEqual({ mode: 'p-unc', value: 0.005, sided: 1, minExtentVoxels: 10 });
    await run('compare.toggleDualCoding');
    expect(compareSettings(store.getState()).dualCoding).toBe(true);
    await run('compare.roi.amygdala_R');
    await run('compare.roi.amygdala_R');
    expect(compareSettings(store.getState()).rois.map((r) => r.id)).toEqual(['amygdala_R']);
    store.setState({ scene: { ...store.getState().scene, view: { ...store.getState().scene.view, crosshairMm: [24, -4, -18] } } });
    await run('compare.sphereAtCrosshair', { radiusMm: 8 });
    const sphere = compareSettings(store.getState()).rois[1];
    expect(sphere.source).toEqual({ type: 'sphere', centerMm: [24, -4, -18], radiusMm: 8 });
    expect(await run('compare.sphereAtCrosshair', { radiusMm: 0 })).toBe(false);
    await run('compare.removeRoi', { id: 'amygdala_R' });
    expect(compareSettings(store.getState()).rois).toHaveLength(1);
  });

  it('a group map needs dof; with it, compare analyses the map on its own', async () => {
    const { store, run } = setup();
    store.setState({ scene: addLayer(store.getState().scene, { ...makeLayer('g', 'stat'), dof: null }) });
    expect(await run('compare.analyseGroupMap', { layerId: 'g' })).toBe(false);
    expect(store.getState().errors.at(-1)?.message).toMatch(/degrees of freedom/);
    await run('compare.analyseGroupMap', { layerId: 'g', dof: 1066 });
    expect(compareSettings(store.getState()).groupMap).toEqual({ layerId: 'g', dof: 1066 });
    expect(store.getState().workspace).toBe('compare');
  });
});

describe('threshold the panel shows, against the engine', () => {
  // 3 voxels, 6 subjects: differences chosen so t is known by hand.
  const a = [0, 1, 2, 3, 4, 5].map((s) => Float32Array.of(1 + 0.1 * s, 2 - 0.3 * (s % 2), 0.5 * (s % 3)));
  const b = [0, 1, 2, 3, 4, 5].map(() => Float32Array.of(0, 0, 0));
  const maps = computeContrast({ a, b, design: 'paired' });

  it('p < 0.001 two-sided is |t| > 6.8688 at dof 5 (scipy)', () => {
    const r = resolveThreshold({ mode: 'p-unc', value: 0.001, sided: 2, minExtentVoxels: 0 }, maps, 'paired-t');
    // /usr/bin/python3: scipy.stats.t.isf(0.0005, 5) = 6.868826639865049. pToT's inversion lands
    // 2e-9 relative from it (measured), so 1e-8 relative is as tight as the algorithm allows.
    expect(Math.abs(r.statCutoff - 6.868826639865049)).toBeLessThanOrEqual(1e-8 * 6.868826639865049);
    expect(r.description).toContain('|t| > 6.87');
  });

  it('voxel 0 has the paired t computed by hand', () => {
    // differences 1.0..1.5: mean 1.25, sd 0.187083; t = 1.25 / (0.187083 / sqrt 6) = 16.366
    expect(maps.t[0]).toBeCloseTo(16.366, 2);
  });
});
