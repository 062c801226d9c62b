/**
 * File > Export in the compare workspace: the panes as shown (A | B | contrast, or the contrast
 * alone) with their titles, the colorbars, the threshold, the crosshair and, for the demo, the
 * simulated-data notice, as one PNG.
 */
import type { Niivue } from '@niivue/niivue';
import { statisticName } from '../../../shared/compare';
import type { AppState } from '../../store';
import type { Snapshot } from '../../commands';
import { drawNow } from '../niivue/createNiivue';
import { canvasPng, composeFigure, crosshairCaption } from '../figure/composeFigure';
import { compareColorbars } from '../../colour/compareColorbars';
import type { CompareDisplay } from '../../../shared/compare';
import { conditionsOf } from '../../store/compare';
import type { PaneRole } from './ComparePane';
import { renderSurfaceGrid } from '../three/surfaceExport';
import { compareSettings, shownMeasureId } from '../../store/selectors';

export interface CompareFigureInput {
  state: AppState;
  panes: Map<PaneRole, Niivue>;
  titles: Record<PaneRole, string>;
  display: CompareDisplay | null;
}

const ORDER: PaneRole[] = ['a', 'b', 'contrast'];

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'map';
}

export function compareFigureName(state: AppState): string {
  const c = compareSettings(state);
  if (c.groupMap) {
    const layer = state.scene.layers.find((l) => l.id === c.groupMap!.layerId);
    return `compare_${slug(layer?.name.replace(/\.nii(\.gz)?$/i, '') ?? 'group-map')}.png`;
  }
  const measure = state.study?.measures.find((m) => m.id === shownMeasureId(state));
  const [condA, condB] = conditionsOf(state);
  const [a, b] = c.direction === 'A-B' ? [condA, condB] : [condB, condA];
  return `compare_${slug(measure?.label ?? 'measure')}_${slug(a ?? 'A')}-vs-${slug(b ?? 'B')}.png`;
}

export async function compareFigure(input: CompareFigureInput): Promise<Snapshot | null> {
  const { state, panes, titles } = input;
  const shown = ORDER.filter((r) => panes.has(r) && titles[r] !== undefined);
  if (!shown.length) return null;
  const c = compareSettings(state);
  const nvs = shown.map((r) => panes.get(r)!);
  const restore = c.figure.scale > 1 ? renderAt(nvs, c.figure.scale) : null;
  try {
    // Draw every pane in this task: a WebGL canvas's pixels are only readable until it is composited.
    for (const nv of nvs) drawNow(nv);
    return await composeAndEncode(input, shown);
  } finally {
    restore?.();
  }
}

/**
 * Re-renders the panes at `scale` × the screen's resolution (niivue sizes its backing store from
 * the device pixel ratio, text included) and returns how to go back.
 */
function renderAt(nvs: Niivue[], scale: number): () => void {
  const before = nvs.map((nv) => nv.opts.forceDevicePixelRatio);
  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  for (const nv of nvs) {
    nv.opts.forceDevicePixelRatio = dpr * scale;
    nv.resizeListener();
  }
  return () =>
    nvs.forEach((nv, k) => {
      nv.opts.forceDevicePixelRatio = before[k];
      nv.resizeListener();
    });
}

async function composeAndEncode(input: CompareFigureInput, shown: PaneRole[]): Promise<Snapshot> {
  const { state, panes, titles, display } = input;
  const c = compareSettings(state);
  const results = state.compare;
  const measure = state.study?.measures.find((m) => m.id === shownMeasureId(state));
  const lines = [
    results.resolved ? `Threshold: ${results.resolved.description}${c.threshold.minExtentVoxels > 0 ? `, clusters of at least ${c.threshold.minExtentVoxels} voxels` : ''}` : '',
    crosshairCaption(state.scene.view),
  ].filter(Boolean);
  // Composed before the first await: the panes were drawn in this same task.
  const canvas = composeFigure({
    heading: state.study && !c.groupMap ? state.study.name : 'Group-level map',
    panels: shown.map((r) => ({ canvas: panes.get(r)!.canvas as HTMLCanvasElement, title: titles[r].split('\n') })),
    colorbars: display ? compareColorbars(display, statisticName(c.statistic), measure?.units ?? '', c.threshold.sided === 2) : [],
    lines,
    notice: state.study?.simulated && !c.groupMap ? (state.study.notice ?? null) : null,
    background: '#0f1217',
  });
  return { png: await canvasPng(canvas), fileName: compareFigureName(state) };
}

/** Export PNG of the surface grid: rendered at the figure resolution, with the same captions and colorbars. */
export async function surfaceFigure(input: Omit<CompareFigureInput, 'panes'>): Promise<Snapshot | null> {
  const { state, titles, display } = input;
  const c = compareSettings(state);
  const results = state.compare;
  const rows = c.layout === 'row' && !c.groupMap ? 3 : 1;
  const width = Math.round(1600 * c.figure.scale);
  const grid = renderSurfaceGrid(width, Math.round(width * (rows === 3 ? 0.62 : 0.3)));
  if (!grid) return null;
  const measure = state.study?.measures.find((m) => m.id === shownMeasureId(state));
  const canvas = composeFigure({
    heading: state.study && !c.groupMap ? state.study.name : 'Group-level map',
    panels: [{ canvas: grid, title: [titles.contrast.split('\n')[0] ?? '', 'cortical surfaces of the template (ch2bet); values along the normal, largest |value| within ±3 mm'] }],
    colorbars: display ? compareColorbars(display, statisticName(c.statistic), measure?.units ?? '', c.threshold.sided === 2) : [],
    lines: [results.resolved ? `Threshold: ${results.resolved.description}` : '', crosshairCaption(state.scene.view)].filter(Boolean),
    notice: state.study?.simulated && !c.groupMap ? (state.study.notice ?? null) : null,
    background: '#0f1217',
  });
  return { png: await canvasPng(canvas), fileName: compareFigureName(state).replace(/\.png$/, '_surfaces.png') };
}
