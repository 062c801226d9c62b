/** The compare workspace: condition A | condition B | contrast in linked panes, with contrast, cluster and ROI panels. */
import { useCallback, useEffect, useRef } from 'react';
import { AddToFigure } from '../panels/figure/AddToFigure';
import type { Niivue } from '@niivue/niivue';
import { statisticName } from '../../shared/compare';
import { LocationReadout } from '../panels/LocationReadout';
import { ViewsPanel } from '../panels/ViewsPanel';
import { ContrastPanel } from '../panels/compare/ContrastPanel';
import { ClusterTable } from '../panels/compare/ClusterTable';
import { RoiPanel } from '../panels/compare/RoiPanel';
import { CompareColorbar, useCompareDisplay } from '../panels/compare/CompareColorbar';
import { compareFigure, surfaceFigure } from '../views/compare/compareFigure';
import { SurfaceGrid } from '../views/three/SurfaceGrid';
import { surfaceGridShown } from '../views/three/surfaceExport';
import { renderCameraOf } from '../views/niivue/renderCamera';
import { useEngine } from '../context/engine';
import { ComparePane, type PaneRole } from '../views/compare/ComparePane';
import { useCompareClient } from '../context/compare';
import { conditionsOf } from '../store/compare';
import { actions } from '../store/store';
import { useApp, useAppStore } from '../context/store';
import { useCommands } from '../context/commands';
import type { WorkspaceSlots } from './workspaces';
import { compareSettings, shownMeasureId } from '../store/selectors';

const VIEWS = [
  ['multiplanar', 'Multiplanar'],
  ['axial', 'Axial'],
  ['coronal', 'Coronal'],
  ['sagittal', 'Sagittal'],
  ['render3d', '3D'],
  ['surface', 'Surfaces'],
] as const;

function CompareToolbar() {
  const { run } = useCommands();
  const study = useApp((s) => s.study);
  const measureId = useApp((s) => shownMeasureId(s));
  const layout = useApp((s) => compareSettings(s).layout);
  const paneView = useApp((s) => compareSettings(s).paneView);
  const clip = useApp((s) => compareSettings(s).clip);
  const group = useApp((s) => compareSettings(s).groupMap);
  const radiological = useApp((s) => s.scene.view.radiological);
  const figureScale = useApp((s) => compareSettings(s).figure.scale);
  const measures = (study?.measures ?? []).filter((m) => m.kind !== 'connectivity-matrix');
  return (
    <div className="toolbar compare-toolbar">
      {study && !group && (
        <label className="field">
          <span>Measure</span>
          <select data-testid="compare-measure" value={measureId ?? ''} onChange={(e) => void run('study.selectMeasure', { id: e.target.value })} title="Next measure: M">
            {measures.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
          </select>
        </label>
      )}
      {group && study && <button className="small" onClick={() => void run('compare.leaveGroupMap')}>Back to the study</button>}
      <div className="segmented" role="group" aria-label="Layout">
        <button className="small" aria-pressed={layout === 'row'} data-testid="layout-row" disabled={!!group} onClick={() => void run('compare.layout.row')} title="Alt+1">A | B | contrast</button>
        <button className="small" aria-pressed={layout === 'contrast' || !!group} data-testid="layout-contrast" onClick={() => void run('compare.layout.contrast')} title="Alt+2">Contrast only</button>
      </div>
      <div className="segmented" role="group" aria-label="Pane view">
        {VIEWS.map(([id, label]) => (
          <button key={id} className="small" aria-pressed={paneView === id} data-testid={`pane-view-${id}`} onClick={() => void run(`compare.view.${id}`)}>{label}</button>
        ))}
      </div>
      {paneView === 'render3d' && (
        <label className="field"><input type="checkbox" checked={clip} onChange={() => void run('compare.toggleClip')} /> clip plane</label>
      )}
      <span className="muted orientation" title={radiological ? 'Radiological convention: the left hemisphere is on the right' : 'Neurological convention: the left hemisphere is on the left'}>{radiological ? 'radiological (L right)' : 'neurological (L left)'}</span>
      <span className="figure-export">
        <select aria-label="Figure resolution" data-testid="figure-scale" value={figureScale} title="Figure resolution: 1× as on screen, 2× or 3× re-rendered for print" onChange={(e) => void run('compare.setFigureScale', { scale: Number(e.target.value) })}>
          <option value={1}>1×</option>
          <option value={2}>2×</option>
          <option value={3}>3×</option>
        </select>
        {study && !group && <AddToFigure where="compare" />}
        <button className="small" data-testid="compare-export-png" title="The panes with titles, colorbars and threshold as one PNG (Ctrl+E)" onClick={() => void run('file.export')}>Export figure</button>
      </span>
    </div>
  );
}

function usePaneTitles(): Record<PaneRole, string> {
  const measure = useApp((s) => s.study?.measures.find((m) => m.id === shownMeasureId(s)));
  const [a, b] = useApp((s) => conditionsOf(s).join('\u0000')).split('\u0000');
  const direction = useApp((s) => compareSettings(s).direction);
  const statistic = useApp((s) => compareSettings(s).statistic);
  const n = useApp((s) => s.compare.n);
  const dof = useApp((s) => s.compare.dof);
  const group = useApp((s) => compareSettings(s).groupMap);
  const groupName = useApp((s) => (compareSettings(s).groupMap ? s.scene.layers.find((l) => l.id === compareSettings(s).groupMap!.layerId)?.name : undefined));
  const design = useApp((s) => s.study?.design ?? 'paired');
  const inference = useApp((s) => (compareSettings(s).fwe.on ? (s.compare.perm.caption ?? 'FWE (permutation): not run yet') : null));
  if (group) return { a: '', b: '', contrast: `${groupName ?? 'group map'} · t (dof ${group.dof})` };
  if (!measure) return { a: '', b: '', contrast: '' };
  // The seed is named in the title unless the measure's own label already does.
  const seed = measure.kind === 'rsfc-seed' && measure.seed && !measure.label.includes(measure.seed) ? ` · seed ${measure.seed}` : '';
  const label = `${measure.label}${seed}`;
  const nText = n !== null ? ` · n = ${n}` : '';
  const [first, second] = direction === 'A-B' ? [a, b] : [b, a];
  // Two lines (measure, then condition and numbers) so narrow panes on a projector stay readable.
  return {
    a: `${label}\n${first}${nText} · ${measure.units}`,
    b: `${label}\n${second}${nText} · ${measure.units}`,
    contrast: `${label}\n${first} − ${second} · ${statisticName(statistic, design)}${dof !== null ? ` (dof ${Number(dof.toFixed(1))})` : ''}${inference ? `\n${inference}` : ''}`,
  };
}

function CompareCenter() {
  const { run } = useCommands();
  const controller = useCompareClient();
  const store = useAppStore();
  const study = useApp((s) => s.study);
  const ready = useApp((s) => s.ready);
  const measureId = useApp((s) => shownMeasureId(s));
  const group = useApp((s) => compareSettings(s).groupMap);
  const layout = useApp((s) => compareSettings(s).layout);
  const paneView = useApp((s) => compareSettings(s).paneView);
  const notice = useApp((s) => (s.study?.simulated ? s.study.notice : null));
  const statistic = useApp((s) => compareSettings(s).statistic);
  const sided = useApp((s) => compareSettings(s).threshold.sided);
  const statLayer = useApp((s) => s.scene.layers.find((l) => l.kind === 'stat'));
  const measure = useApp((s) => s.study?.measures.find((m) => m.id === shownMeasureId(s)));
  const titles = usePaneTitles();
  const nvs = useRef(new Map<PaneRole, Niivue>());
  const offCamera = useRef<(() => void) | null>(null);
  const engine = useEngine();
  const display = useCompareDisplay();
  // File > Export (and the toolbar's Export figure) saves the panes as shown, with their captions.
  const figure = useRef({ titles, display, layout });
  figure.current = { titles, display, layout };
  useEffect(
    () =>
      engine.setSnapshotSource(() => {
        const { titles: t, display: d } = figure.current;
        if (surfaceGridShown()) return surfaceFigure({ state: store.getState(), titles: t, display: d });
        return compareFigure({ state: store.getState(), panes: nvs.current, titles: t, display: d });
      }),
    [engine],
  );

  useEffect(() => controller.start(), [controller]);
  // Compare shows voxelwise measures: a matrix chosen in the study panel gives way to the first map
  // measure. Bookkeeping, not a user's step: no undo (the one user-facing way is study.selectMeasure).
  useEffect(() => {
    if (!study || group) return;
    const maps = study.measures.filter((m) => m.kind !== 'connectivity-matrix');
    if (maps.length && !maps.some((m) => m.id === measureId)) actions.setScene(store, (sc) => ({ ...sc, compare: { ...sc.compare, measureId: maps[0].id } }));
  }, [study, measureId, group]);
  // Without a study, a statistic map with known dof is analysed on its own.
  useEffect(() => {
    if (study || group || !statLayer || statLayer.dof === null) return;
    void run('compare.analyseGroupMap', { layerId: statLayer.id, dof: statLayer.dof });
  }, [study, group, statLayer, run]);

  const onReady = useCallback((role: PaneRole, nv: Niivue | null) => {
    if (nv) nvs.current.set(role, nv);
    else nvs.current.delete(role);
    // The panes share one camera (broadcast below); Add to figure reads the contrast pane's.
    if (role === 'contrast') {
      offCamera.current?.();
      offCamera.current = nv ? engine.setCameraSource('render', () => renderCameraOf(nv)) : null;
    }
    const all = [...nvs.current.values()];
    // Every pane drives the others: crosshair, zoom/pan, slice type and the 3D camera.
    for (const v of all) v.broadcastTo(all.filter((o) => o !== v), { '2d': true, '3d': true });
  }, [engine]);

  if (!ready) return <div className="empty-state"><p>Loading the template…</p></div>;
  if (!study && !group) {
    return (
      <div className="empty-state" data-testid="compare-empty">
        <h2>Compare conditions</h2>
        <p>Open a study folder to see condition A, condition B and their contrast side by side, or open a group-level t map (with its degrees of freedom) to threshold it here.</p>
        <button onClick={() => void run('file.openStudyFolder')}>Open study folder…</button>
      </div>
    );
  }
  const showAB = layout === 'row' && !group;
  if (paneView === 'surface') {
    return (
      <>
        <CompareToolbar />
        {notice && <div className="simulated-notice" data-testid="simulated-notice">{notice}</div>}
        <SurfaceGrid titles={titles} />
        <CompareColorbar statName={statisticName(statistic)} units={measure?.units ?? ''} twoSided={sided === 2} />
      </>
    );
  }
  return (
    <>
      <CompareToolbar />
      {notice && <div className="simulated-notice" data-testid="simulated-notice">{notice}</div>}
      <div className={`pane-grid ${showAB ? 'panes-3' : 'panes-1'}`} data-testid="compare-panes">
        {showAB && <ComparePane key="a" role="a" controller={controller} title={titles.a} onReady={onReady} />}
        {showAB && <ComparePane key="b" role="b" controller={controller} title={titles.b} onReady={onReady} />}
        <ComparePane key="contrast" role="contrast" controller={controller} title={titles.contrast} onReady={onReady} />
      </div>
      <CompareColorbar statName={statisticName(statistic)} units={measure?.units ?? ''} twoSided={sided === 2} />
    </>
  );
}

export function CompareWorkspace(): WorkspaceSlots {
  return {
    left: (
      <>
        <ContrastPanel />
        <ClusterTable />
      </>
    ),
    center: <CompareCenter />,
    right: (
      <>
        <LocationReadout />
        <ViewsPanel />
        <RoiPanel />
      </>
    ),
  };
}
