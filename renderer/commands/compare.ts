/**
 * Compare workspace commands: every control of the contrast, cluster and ROI panels. Settings
 * changes are patches of scene.compare, recorded for undo ('now', the threshold slider 'gesture');
 * going to a cluster moves the crosshair and is not.
 */
import { setCrosshair, SURFACE_PRESETS, type CompareSettings, type SurfacePreset, type Vec3 } from '../../shared/scene';
import type { Statistic, ThresholdSpec } from '../../shared/compare';
import { ROI_PRESETS } from '../../shared/atlas';
import { actions, compareSettings, type AppState, type AppStore } from '../store';
import {
  addRoi,
  removeRoi,
  setMinExtent,
  setSided,
  setStatistic,
  setThresholdMode,
  setThresholdValue,
  stepCluster,
  swapConditions,
  type CompareLayout,
  type CompareState,
  type ComparePaneView,
  type RoiDef,
} from '../store/compare';
import type { Command, Patch } from './types';

/** Runtime results only (the cluster the user went to); never undone. */
function update(store: AppStore, fn: (c: CompareState) => CompareState): void {
  const c = store.getState().compare;
  const next = fn(c);
  if (next !== c) store.setState({ compare: next });
}

/**
 * A change of the Compare settings as a patch (nothing when it changes nothing). `newRows`: the
 * change makes new cluster rows, so the cluster the user went to is forgotten.
 */
export function settingsPatch(store: AppStore, fn: (c: CompareSettings) => CompareSettings, newRows = false): Patch | undefined {
  const s = store.getState();
  const cur = compareSettings(s);
  const next = fn(cur);
  if (next === cur) return undefined;
  return { scene: (sc) => ({ ...sc, compare: next }), ...(newRows ? { state: { compare: { ...s.compare, activeCluster: -1 } } } : {}) };
}

const inCompare = (s: AppState) => s.workspace === 'compare';
const hasClusters = (s: AppState) => s.workspace === 'compare' && s.compare.clusters.length > 0;
const now = 'now' as const;

/** Moves to a cluster's peak, or to one of its sub-peaks when `subpeak` (0-based) is given. */
function goToCluster(store: AppStore, step: 1 | -1 | null, index?: number, subpeak?: number): void {
  update(store, (c) => (index !== undefined ? { ...c, activeCluster: index } : stepCluster(c, step ?? 1)));
  const c = store.getState().compare;
  const row = c.clusters[c.activeCluster];
  const mm = subpeak === undefined ? row?.peakMm : row?.subpeaks?.[subpeak]?.mm;
  if (mm) actions.setScene(store, (s) => setCrosshair(s, [...mm] as Vec3));
}

const layoutCommand = (layout: CompareLayout, title: string, key: string): Command => ({
  id: `compare.layout.${layout}`,
  title: `Compare: ${title}`,
  keybinding: key,
  when: inCompare,
  capture: now,
  perform: ({ store }) => settingsPatch(store, (c) => (c.layout === layout ? c : { ...c, layout })),
});

const paneViewCommand = (view: ComparePaneView, title: string): Command => ({
  id: `compare.view.${view}`,
  title: `Compare: panes ${title}`,
  when: inCompare,
  capture: now,
  perform: ({ store }) => settingsPatch(store, (c) => (c.paneView === view ? c : { ...c, paneView: view })),
});

export const compareCommands: Command[] = [
  {
    id: 'compare.nextCluster',
    title: 'Compare: Next cluster',
    keybinding: 'n',
    when: hasClusters,
    perform: ({ store }) => goToCluster(store, 1),
  },
  {
    id: 'compare.previousCluster',
    title: 'Compare: Previous cluster',
    keybinding: 'Shift+n',
    when: hasClusters,
    perform: ({ store }) => goToCluster(store, -1),
  },
  {
    id: 'compare.goToCluster',
    title: 'Compare: Go to a cluster peak',
    palette: false,
    perform: ({ store }, args) => {
      const { index, subpeak } = (args as { index?: number; subpeak?: number } | undefined) ?? {};
      const row = index === undefined ? undefined : store.getState().compare.clusters[index];
      if (index === undefined || !row) throw new Error('There is no such cluster in the table');
      if (subpeak !== undefined && !row.subpeaks?.[subpeak]) throw new Error('There is no such sub-peak in the table');
      goToCluster(store, null, index, subpeak);
    },
  },
  {
    id: 'compare.swap',
    title: 'Compare: Swap A and B',
    keybinding: 's',
    when: inCompare,
    capture: now,
    perform: ({ store }) => settingsPatch(store, swapConditions, true),
  },
  {
    id: 'compare.setConditions',
    title: 'Compare: Choose conditions A and B',
    palette: false,
    capture: now,
    perform: ({ store }, args) => {
      const { a, b } = (args ?? {}) as { a?: string; b?: string };
      const conds = store.getState().study?.conditions ?? [];
      if (!a || !b || a === b || !conds.includes(a) || !conds.includes(b)) throw new Error('Choose two different conditions of the study');
      return settingsPatch(store, (c) => ({ ...c, conditionA: a, conditionB: b, direction: 'A-B' }));
    },
  },
  {
    id: 'compare.toggleDualCoding',
    title: 'Compare: Show below-threshold voxels translucent (dual coding)',
    keybinding: 'd',
    when: inCompare,
    capture: now,
    perform: ({ store }) => settingsPatch(store, (c) => ({ ...c, dualCoding: !c.dualCoding })),
  },
  {
    id: 'compare.setStatistic',
    title: 'Compare: Choose the statistic',
    palette: false,
    capture: now,
    perform: ({ store }, args) => settingsPatch(store, (c) => setStatistic(c, (args as { statistic: Statistic }).statistic)),
  },
  {
    id: 'compare.setThreshold',
    title: 'Compare: Set the threshold',
    palette: false,
    // The threshold slider runs this on every move; a drag is one undo step (ContrastPanel).
    capture: 'gesture',
    perform: ({ store }, args) => {
      const a = (args ?? {}) as Partial<ThresholdSpec>;
      const resolved = store.getState().compare.resolved;
      return settingsPatch(store, (c) => {
        let n = c;
        if (a.mode) n = setThresholdMode(n, a.mode, resolved);
        if (a.value !== undefined) n = setThresholdValue(n, a.value);
        if (a.sided) n = setSided(n, a.sided);
        if (a.minExtentVoxels !== undefined) n = setMinExtent(n, a.minExtentVoxels);
        return n;
      }, true);
    },
  },
  {
    id: 'compare.thresholdFdr',
    title: 'Compare: Threshold at FDR q < 0.05, two-sided',
    keybinding: 'q',
    when: inCompare,
    capture: now,
    perform: ({ store }) => settingsPatch(store, (c) => ({ ...c, threshold: { ...c.threshold, mode: 'fdr-q', value: 0.05, sided: 2 } }), true),
  },
  {
    id: 'compare.thresholdP001',
    title: 'Compare: Threshold at p < 0.001 uncorrected',
    keybinding: 'p',
    when: inCompare,
    capture: now,
    perform: ({ store }) => settingsPatch(store, (c) => ({ ...c, threshold: { ...c.threshold, mode: 'p-unc', value: 0.001 } }), true),
  },
  {
    id: 'compare.sortClusters',
    title: 'Compare: Sort clusters by size / by peak',
    when: inCompare,
    capture: now,
    perform: ({ store }, args) => {
      const by = (args as { by?: 'size' | 'peak' } | undefined)?.by;
      return settingsPatch(store, (c) => ({ ...c, clusterSort: by ?? (c.clusterSort === 'size' ? 'peak' : 'size') }), true);
    },
  },
  layoutCommand('row', 'Three panes in a row', 'Alt+1'),
  layoutCommand('contrast', 'One large contrast pane', 'Alt+2'),
  {
    id: 'compare.toggleLayout',
    title: 'Compare: Switch layout (row of three / large contrast)',
    keybinding: 'l',
    when: inCompare,
    capture: now,
    perform: ({ store }) => settingsPatch(store, (c) => ({ ...c, layout: c.layout === 'row' ? 'contrast' : 'row' })),
  },
  paneViewCommand('multiplanar', 'multiplanar'),
  paneViewCommand('axial', 'axial'),
  paneViewCommand('coronal', 'coronal'),
  paneViewCommand('sagittal', 'sagittal'),
  paneViewCommand('render3d', '3D render'),
  paneViewCommand('surface', 'cortical surfaces'),
  {
    id: 'compare.setFigureScale',
    title: 'Compare: Export figures at 1×, 2× or 3× the screen resolution',
    palette: false,
    capture: now,
    perform: ({ store }, args) => {
      const scale = (args as { scale?: number } | undefined)?.scale;
      if (scale !== 1 && scale !== 2 && scale !== 3) throw new Error('The figure scale is 1, 2 or 3');
      return settingsPatch(store, (c) => (c.figure.scale === scale ? c : { ...c, figure: { ...c.figure, scale } }));
    },
  },
  {
    id: 'compare.setSurfacePreset',
    title: 'Compare: Cortical surface views (four, or one side)',
    palette: false,
    capture: now,
    perform: ({ store }, args) => {
      const preset = (args as { preset?: string } | undefined)?.preset;
      if (!SURFACE_PRESETS.includes(preset as SurfacePreset)) throw new Error(`Unknown surface view "${preset}"`);
      return settingsPatch(store, (c) => (c.surfacePreset === preset ? c : { ...c, surfacePreset: preset as SurfacePreset }));
    },
  },
  {
    id: 'compare.toggleClip',
    title: 'Compare: 3D clip plane on / off',
    keybinding: 'c',
    when: inCompare,
    capture: now,
    perform: ({ store }) => settingsPatch(store, (c) => ({ ...c, clip: !c.clip })),
  },
  ...ROI_PRESETS.map(
    (p): Command => ({
      id: `compare.roi.${p.id}`,
      title: `ROI: ${p.title}`,
      when: inCompare,
      capture: now,
      perform: ({ store }) => settingsPatch(store, (c) => addRoi(c, { id: p.id, name: p.title, source: { type: 'preset', preset: p.id } })),
    }),
  ),
  {
    id: 'compare.addRoi',
    title: 'Compare: Add an ROI',
    palette: false,
    capture: now,
    perform: ({ store }, args) => settingsPatch(store, (c) => addRoi(c, args as RoiDef)),
  },
  {
    id: 'compare.sphereAtCrosshair',
    title: 'ROI: Sphere at the crosshair',
    when: inCompare,
    capture: now,
    perform: ({ store }, args) => {
      const radius = (args as { radiusMm?: number } | undefined)?.radiusMm ?? 6;
      if (!(radius > 0 && radius <= 50)) throw new Error('The sphere radius must be between 0 and 50 mm');
      const mm = store.getState().scene.view.crosshairMm;
      const name = `Sphere ${radius} mm at ${mm.map((v) => Math.round(v)).join(', ')}`;
      return settingsPatch(store, (c) => addRoi(c, { id: `sphere:${mm.join(',')}:${radius}`, name, source: { type: 'sphere', centerMm: [...mm] as Vec3, radiusMm: radius } }));
    },
  },
  {
    id: 'compare.removeRoi',
    title: 'Compare: Remove an ROI',
    palette: false,
    capture: now,
    perform: ({ store }, args) => {
      const id = String((args as { id?: string } | undefined)?.id);
      const p = settingsPatch(store, (c) => removeRoi(c, id));
      const c = store.getState().compare;
      return p && { ...p, state: { compare: { ...c, roiResults: c.roiResults.filter((r) => r.roi !== id) } } };
    },
  },
  {
    id: 'compare.clearRois',
    title: 'ROI: Remove all ROIs',
    when: (s) => inCompare(s) && compareSettings(s).rois.length > 0,
    capture: now,
    perform: ({ store }) => {
      const p = settingsPatch(store, (c) => (c.rois.length ? { ...c, rois: [] } : c));
      return p && { ...p, state: { compare: { ...store.getState().compare, roiResults: [] } } };
    },
  },
  {
    id: 'compare.colourBy',
    title: 'Compare: Colour subject lines by a covariate',
    palette: false,
    capture: now,
    perform: ({ store }, args) => {
      const colourBy = (args as { column?: string | null } | undefined)?.column ?? null;
      return settingsPatch(store, (c) => (c.colourBy === colourBy ? c : { ...c, colourBy }));
    },
  },
  {
    id: 'compare.analyseGroupMap',
    title: 'Analyse a group map in Compare',
    palette: false,
    // Not an undo step: the workspace runs this itself for a lone statistic map (CompareWorkspace),
    // so undoing it would only start it again. Leaving the group map is a step.
    capture: 'never',
    perform: ({ store }, args) => {
      const { layerId, dof } = (args ?? {}) as { layerId?: string; dof?: number };
      const layer = store.getState().scene.layers.find((l) => l.id === layerId);
      if (!layer) throw new Error('Open a statistic map first');
      const d = dof ?? layer.dof ?? undefined;
      if (!(d !== undefined && d > 0)) throw new Error(`${layer.name}: give its degrees of freedom first (the file does not say)`);
      const p = settingsPatch(store, (c) => ({ ...c, groupMap: { layerId: layer.id, dof: d }, statistic: 'paired-t' }));
      return { ...p, state: { workspace: 'compare' } };
    },
  },
  {
    id: 'compare.leaveGroupMap',
    title: 'Compare: Back to the study',
    when: (s) => inCompare(s) && !!compareSettings(s).groupMap && !!s.study,
    capture: now,
    perform: ({ store }) => settingsPatch(store, (c) => ({ ...c, groupMap: null })),
  },
];
