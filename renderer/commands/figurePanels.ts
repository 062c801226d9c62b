/** "Add to figure": the Compare or Viewer state as a new figure panel (plain data for shared/figure). */
import { COMPARE_CLIP_PLANE, DEFAULT_CONNECTOME_CAMERA, DEFAULT_RENDER_CAMERA, type ContrastSpec, type NewPanel, type Plane } from '../../shared/figure';
import type { ViewCameras } from './types';
import type { AppState } from '../store';
import { conditionsOf } from '../store/compare';
import { surfaceGridState } from '../views/three/surfaceExport';
import { compareSettings, shownMeasureId } from '../store/selectors';

export type AddKind = 'mosaic' | 'slice' | 'glass' | 'render' | 'surface' | 'roi' | 'clusters' | 'colorbar' | 'matrix-t' | 'matrix-diff' | 'connectome';

export const ADD_KINDS: { id: AddKind; label: string; where: ('compare' | 'viewer' | 'connectivity')[] }[] = [
  { id: 'matrix-t', label: 'Matrix: paired t', where: ['connectivity'] },
  { id: 'matrix-diff', label: 'Matrix: Δ mean', where: ['connectivity'] },
  { id: 'connectome', label: '3D connectome (camera as shown)', where: ['connectivity'] },
  { id: 'mosaic', label: 'Mosaic of 7 slices', where: ['compare', 'viewer'] },
  { id: 'slice', label: 'One slice at the crosshair', where: ['compare', 'viewer'] },
  { id: 'glass', label: 'Glass brain', where: ['compare', 'viewer'] },
  { id: 'render', label: '3D render (camera as shown)', where: ['compare', 'viewer'] },
  { id: 'surface', label: '3D cortical surfaces', where: ['compare'] },
  { id: 'roi', label: 'ROI plot', where: ['compare'] },
  { id: 'clusters', label: 'Cluster table', where: ['compare'] },
  { id: 'colorbar', label: 'Colorbar', where: ['compare', 'viewer'] },
];

export function contrastOf(s: AppState): ContrastSpec {
  const [a, b] = conditionsOf(s);
  if (!s.study || !shownMeasureId(s) || !a || !b || compareSettings(s).groupMap) throw new Error('Open a study and choose a measure in Compare first');
  const c = compareSettings(s);
  // FWE mode: Compare's inference, and its threshold as the panes use it (the cluster-forming p, see setFwe).
  const fwe = c.fwe.on ? { method: c.fwe.method, nPerm: c.fwe.nPerm, clusterP: c.fwe.clusterP, alpha: c.fwe.alpha, seed: c.fwe.seed } : null;
  return { measureId: shownMeasureId(s)!, conditionA: a, conditionB: b, direction: c.direction, statistic: c.statistic, threshold: { ...c.threshold }, connectivity: 26, fwe };
}

function planeOf(s: AppState, fallback: Plane): Plane {
  const t = s.workspace === 'compare' ? compareSettings(s).paneView : s.scene.view.sliceType;
  return t === 'axial' || t === 'coronal' || t === 'sagittal' ? t : fallback;
}

const AXIS = { axial: 2, coronal: 1, sagittal: 0 } as const;

/**
 * The panel for `kind` from what the workspace shows; `roiId` picks an ROI of the Compare list;
 * `cameras` reads the shown 3D views' cameras (the engine's, absent in store tests).
 */
export function panelFromState(s: AppState, kind: AddKind, roiId?: string, cameras?: <K extends keyof ViewCameras>(kind: K) => ViewCameras[K] | null): NewPanel {
  if (kind === 'matrix-t' || kind === 'matrix-diff') {
    const m = s.study?.measures.find((x) => x.kind === 'connectivity-matrix');
    const [a, b] = conditionsOf(s);
    if (!m || !a || !b) throw new Error('The open study has no connectivity matrices');
    return { kind: 'matrix', title: '', span: 3, measureId: m.id, conditionA: a, conditionB: b, show: kind === 'matrix-t' ? 't' : 'difference' };
  }
  if (kind === 'connectome') {
    // The workspace's edges (its threshold) from the 3D scene's camera when it is shown, else its 'top' view.
    const m = s.study?.measures.find((x) => x.kind === 'connectivity-matrix');
    const [a, b] = conditionsOf(s);
    if (!m || !a || !b) throw new Error('The open study has no connectivity matrices');
    const cam = cameras?.('connectome');
    const camera = cam ? { eye: [...cam.eye] as [number, number, number], up: [...cam.up] as [number, number, number] } : { eye: [...DEFAULT_CONNECTOME_CAMERA.eye] as [number, number, number], up: [...DEFAULT_CONNECTOME_CAMERA.up] as [number, number, number] };
    return { kind: 'connectome', title: '', span: 3, measureId: m.id, conditionA: a, conditionB: b, threshold: { ...s.edgeThreshold }, labels: true, camera, aspect: 0.9 };
  }
  const compare = s.workspace === 'compare';
  const content = compare ? ('contrast' as const) : ('layers' as const);
  const contrast = compare ? contrastOf(s) : null;
  const layerIds = compare ? [] : s.scene.layers.filter((l) => l.visible && (l.kind === 'stat' || l.kind === 'map')).map((l) => l.id);
  if (!compare && !layerIds.length && kind !== 'colorbar') throw new Error('Show a statistic map in the Viewer first (File > Open map)');
  const radiological = s.scene.view.radiological;
  const base = { title: '', span: 1 };
  switch (kind) {
    case 'mosaic':
      return { ...base, span: 6, kind: 'slices', content, contrast, layerIds, plane: planeOf(s, 'axial'), mode: 'mosaic', coords: [], count: 7, autoCoords: true, outlines: false, radiological };
    case 'slice': {
      const plane = planeOf(s, 'axial');
      return { ...base, kind: 'slices', content, contrast, layerIds, plane, mode: 'single', coords: [Math.round(s.scene.view.crosshairMm[AXIS[plane]])], count: 1, autoCoords: false, outlines: false, radiological };
    }
    case 'glass':
      return { ...base, kind: 'glass', content, contrast, layerIds, display: 'ortho', radiological };
    case 'render': {
      const cam = cameras?.('render');
      const clipPlane = cam ? cam.clipPlane : compare && compareSettings(s).clip ? [...COMPARE_CLIP_PLANE] as [number, number, number] : null;
      return { ...base, kind: 'render', content, contrast, layerIds, camera: cam?.camera ?? { ...DEFAULT_RENDER_CAMERA }, clipPlane, aspect: 0.8 };
    }
    case 'roi': {
      const roi = compareSettings(s).rois.find((r) => r.id === roiId) ?? compareSettings(s).rois[0];
      if (!roi) throw new Error('Add an ROI in the ROI panel first (e.g. Amygdala, right)');
      return { ...base, kind: 'roi', contrast: contrastOf(s), roi: { id: roi.id, name: roi.name, source: roi.source } };
    }
    case 'surface': {
      // The surface view's rows, views and camera when it is open; else the four lateral/medial views.
      const g = surfaceGridState();
      const c = contrastOf(s);
      const first = c.direction === 'A-B' ? 'conditionA' : 'conditionB';
      const second = c.direction === 'A-B' ? 'conditionB' : 'conditionA';
      const rows = g ? g.rows.map((r) => (r === 'a' ? first : r === 'b' ? second : 'contrast') as 'contrast' | 'conditionA' | 'conditionB') : ['contrast' as const];
      const views = g?.columns ?? ['left-lateral', 'left-medial', 'right-medial', 'right-lateral'];
      return { ...base, span: 6, kind: 'surface', contrast: c, rows, views, camera: g ? { ...g.orbit, yaw: Math.atan2(Math.sin(g.orbit.yaw), Math.cos(g.orbit.yaw)) } : { yaw: 0, pitch: 0, zoom: 1 } };
    }
    case 'clusters':
      return { ...base, span: 6, kind: 'clusters', contrast: contrastOf(s), maxRows: 10 };
    case 'colorbar':
      return { ...base, span: 6, kind: 'colorbar', forPanelId: '' };
  }
}
