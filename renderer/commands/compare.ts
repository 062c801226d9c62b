/** Compare workspace commands: every control of the contrast, cluster and ROI panels. */
import { setCrosshair, type Vec3 } from '../../shared/scene';
import type { Statistic, ThresholdSpec } from '../../shared/compare';
import { ROI_PRESETS } from '../../shared/atlas';
import { actions, type AppState, type AppStore } from '../store';
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
import type { Command } from './types';

function update(store: AppStore, fn: (c: CompareState) => CompareState): void {
  const c = store.getState().compare;
  const next = fn(c);
  if (next !== c) store.setState({ compare: next });
}

const inCompare = (s: AppState) => s.workspace === 'compare';
const hasClusters = (s: AppState) => s.workspace === 'compare' && s.compare.clusters.length > 0;

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
  perform: ({ store }) => update(store, (c) => ({ ...c, layout })),
});

const paneViewCommand = (view: ComparePaneView, title: string): Command => ({
  id: `compare.view.${view}`,
  title: `Compare: panes ${title}`,
  when: inCompare,
  perform: ({ store }) => {
    update(store, (c) => ({ ...c, paneView: view }));
  },
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
    id: 'compare.nextMeasure',
    title: 'Compare: Switch to the next measure',
    keybinding: 'm',
    when: (s) => inCompare(s) && !!s.study && s.study.measures.filter((m) => m.kind !== 'connectivity-matrix').length > 1,
    perform: ({ store }) => {
      const s = store.getState();
      const maps = (s.study?.measures ?? []).filter((m) => m.kind !== 'connectivity-matrix');
      const i = maps.findIndex((m) => m.id === s.activeMeasureId);
      const next = maps[(i + 1) % maps.length];
      if (next) store.setState({ activeMeasureId: next.id });
    },
  },
  {
    id: 'compare.setMeasure',
    title: 'Compare: Show a measure',
    palette: false,
    perform: ({ store }, args) => {
      const id = (args as { id?: string } | undefined)?.id;
      const m = store.getState().study?.measures.find((x) => x.id === id);
      if (!m) throw new Error(`The study has no measure "${id}"`);
      store.setState({ activeMeasureId: m.id, compare: { ...store.getState().compare, groupMap: null, statistic: store.getState().compare.statistic === 'percent-change' && m.kind !== 'cbf' ? 'paired-t' : store.getState().compare.statistic } });
    },
  },
  {
    id: 'compare.swap',
    title: 'Compare: Swap A and B',
    keybinding: 's',
    when: inCompare,
    perform: ({ store }) => update(store, swapConditions),
  },
  {
    id: 'compare.setConditions',
    title: 'Compare: Choose conditions A and B',
    palette: false,
    perform: ({ store }, args) => {
      const { a, b } = (args ?? {}) as { a?: string; b?: string };
      const conds = store.getState().study?.conditions ?? [];
      if (!a || !b || a === b || !conds.includes(a) || !conds.includes(b)) throw new Error('Choose two different conditions of the study');
      update(store, (c) => ({ ...c, conditionA: a, conditionB: b, direction: 'A-B' }));
    },
  },
  {
    id: 'compare.toggleDualCoding',
    title: 'Compare: Show below-threshold voxels translucent (dual coding)',
    keybinding: 'd',
    when: inCompare,
    perform: ({ store }) => update(store, (c) => ({ ...c, dualCoding: !c.dualCoding })),
  },
  {
    id: 'compare.setStatistic',
    title: 'Compare: Choose the statistic',
    palette: false,
    perform: ({ store }, args) => update(store, (c) => setStatistic(c, (args as { statistic: Statistic }).statistic)),
  },
  {
    id: 'compare.setThreshold',
    title: 'Compare: Set the threshold',
    palette: false,
    perform: ({ store }, args) => {
      const a = (args ?? {}) as Partial<ThresholdSpec>;
      update(store, (c) => {
        let n = c;
        if (a.mode) n = setThresholdMode(n, a.mode);
        if (a.value !== undefined) n = setThresholdValue(n, a.value);
        if (a.sided) n = setSided(n, a.sided);
        if (a.minExtentVoxels !== undefined) n = setMinExtent(n, a.minExtentVoxels);
        return n;
      });
    },
  },
  {
    id: 'compare.thresholdFdr',
    title: 'Compare: Threshold at FDR q < 0.05, two-sided',
    keybinding: 'q',
    when: inCompare,
    perform: ({ store }) => update(store, (c) => ({ ...c, threshold: { ...c.threshold, mode: 'fdr-q', value: 0.05, sided: 2 } })),
  },
  {
    id: 'compare.thresholdP001',
    title: 'Compare: Threshold at p < 0.001 uncorrected',
    keybinding: 'p',
    when: inCompare,
    perform: ({ store }) => update(store, (c) => ({ ...c, threshold: { ...c.threshold, mode: 'p-unc', value: 0.001 } })),
  },
  {
    id: 'compare.sortClusters',
    title: 'Compare: Sort clusters by size / by peak',
    when: inCompare,
    perform: ({ store }, args) => {
      const by = (args as { by?: 'size' | 'peak' } | undefined)?.by;
      update(store, (c) => ({ ...c, clusterSort: by ?? (c.clusterSort === 'size' ? 'peak' : 'size'), activeCluster: -1 }));
    },
  },
  layoutCommand('row', 'Three panes in a row', 'Alt+1'),
  layoutCommand('contrast', 'One large contrast pane', 'Alt+2'),
  {
    id: 'compare.toggleLayout',
    title: 'Compare: Switch layout (row of three / large contrast)',
    keybinding: 'l',
    when: inCompare,
    perform: ({ store }) => update(store, (c) => ({ ...c, layout: c.layout === 'row' ? 'contrast' : 'row' })),
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
    perform: ({ store }, args) => {
      const scale = (args as { scale?: number } | undefined)?.scale;
      if (scale !== 1 && scale !== 2 && scale !== 3) throw new Error('The figure scale is 1, 2 or 3');
      update(store, (c) => ({ ...c, figureScale: scale }));
    },
  },
  {
    id: 'compare.toggleClip',
    title: 'Compare: 3D clip plane on / off',
    keybinding: 'c',
    when: inCompare,
    perform: ({ store }) => update(store, (c) => ({ ...c, clip: !c.clip })),
  },
  ...ROI_PRESETS.map(
    (p): Command => ({
      id: `compare.roi.${p.id}`,
      title: `ROI: ${p.title}`,
      when: inCompare,
      perform: ({ store }) => update(store, (c) => addRoi(c, { id: p.id, name: p.title, source: { type: 'preset', preset: p.id } })),
    }),
  ),
  {
    id: 'compare.addRoi',
    title: 'Compare: Add an ROI',
    palette: false,
    perform: ({ store }, args) => update(store, (c) => addRoi(c, args as RoiDef)),
  },
  {
    id: 'compare.sphereAtCrosshair',
    title: 'ROI: Sphere at the crosshair',
    when: inCompare,
    perform: ({ store }, args) => {
      const radius = (args as { radiusMm?: number } | undefined)?.radiusMm ?? 6;
      if (!(radius > 0 && radius <= 50)) throw new Error('The sphere radius must be between 0 and 50 mm');
      const mm = store.getState().scene.view.crosshairMm;
      const name = `Sphere ${radius} mm at ${mm.map((v) => Math.round(v)).join(', ')}`;
      update(store, (c) => addRoi(c, { id: `sphere:${mm.join(',')}:${radius}`, name, source: { type: 'sphere', centerMm: [...mm] as Vec3, radiusMm: radius } }));
    },
  },
  {
    id: 'compare.removeRoi',
    title: 'Compare: Remove an ROI',
    palette: false,
    perform: ({ store }, args) => update(store, (c) => removeRoi(c, String((args as { id?: string } | undefined)?.id))),
  },
  {
    id: 'compare.clearRois',
    title: 'ROI: Remove all ROIs',
    when: (s) => inCompare(s) && s.compare.rois.length > 0,
    perform: ({ store }) => update(store, (c) => ({ ...c, rois: [], roiResults: [] })),
  },
  {
    id: 'compare.colourBy',
    title: 'Compare: Colour subject lines by a covariate',
    palette: false,
    perform: ({ store }, args) => update(store, (c) => ({ ...c, colourBy: (args as { column?: string | null } | undefined)?.column ?? null })),
  },
  {
    id: 'compare.analyseGroupMap',
    title: 'Analyse a group map in Compare',
    palette: false,
    perform: ({ store }, args) => {
      const { layerId, dof } = (args ?? {}) as { layerId?: string; dof?: number };
      const layer = store.getState().scene.layers.find((l) => l.id === layerId);
      if (!layer) throw new Error('Open a statistic map first');
      const d = dof ?? layer.dof ?? undefined;
      if (!(d !== undefined && d > 0)) throw new Error(`${layer.name}: give its degrees of freedom first (the file does not say)`);
      update(store, (c) => ({ ...c, groupMap: { layerId: layer.id, dof: d }, statistic: 'paired-t', rois: c.rois }));
      actions.setWorkspace(store, 'compare');
    },
  },
  {
    id: 'compare.leaveGroupMap',
    title: 'Compare: Back to the study',
    when: (s) => inCompare(s) && !!s.compare.groupMap && !!s.study,
    perform: ({ store }) => update(store, (c) => ({ ...c, groupMap: null })),
  },
];
