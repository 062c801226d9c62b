/**
 * Figures for papers: every edit is a command returning a new scene (undo is recorded at the
 * command), so the page, its panels and their order are saved in the scene file.
 */
import { addPanel, FIGURE_FORMATS, figureById, movePanel, newFigure, removeFigure, removePanel, updateFigure, updatePage, updatePanel, type Figure, type FigureFormat, type Page } from '../../shared/figure';
import { actions, type AppState, type AppStore } from '../store';
import { ADD_KINDS, panelFromState, type AddKind } from './figurePanels';
import { studyRefOf } from '../engine/figureSources';
import { exportFigureFile } from '../engine/figureExport';
import type { Command } from './types';

export function activeFigure(s: AppState): Figure | null {
  return s.scene.figures.find((f) => f.id === s.activeFigureId) ?? s.scene.figures[0] ?? null;
}

function needFigure(store: AppStore, id?: string): Figure {
  const s = store.getState();
  const f = id ? figureById(s.scene.figures, id) : activeFigure(s);
  if (!f) throw new Error('There is no figure yet: use Add to figure, or New figure');
  return f;
}

const setFigures = (store: AppStore, fn: (figs: Figure[]) => Figure[]) => actions.setScene(store, (sc) => ({ ...sc, figures: fn(sc.figures) }));

type Args = Record<string, unknown> | undefined;

export const figureCommands: Command[] = [
  {
    id: 'workspace.figure',
    title: 'Workspace: Figure',
    perform: ({ store }) => actions.setWorkspace(store, 'figure'),
  },
  {
    id: 'figure.new',
    title: 'Figure: New figure',
    capture: 'now',
    perform: ({ store }, args) => {
      const s = store.getState();
      const f = newFigure(s.scene.figures, (args as Args)?.name as string | undefined, studyRefOf(s));
      setFigures(store, (figs) => [...figs, f]);
      store.setState({ activeFigureId: f.id });
    },
  },
  {
    id: 'figure.select',
    title: 'Figure: Show a figure',
    palette: false,
    perform: ({ store }, args) => store.setState({ activeFigureId: needFigure(store, (args as Args)?.id as string).id }),
  },
  {
    id: 'figure.addPanel',
    title: 'Figure: Add what is shown to the figure',
    capture: 'now',
    when: (s) => s.workspace === 'compare' || s.workspace === 'viewer' || s.workspace === 'connectivity',
    perform: ({ store, engine }, args) => {
      const a = (args ?? {}) as { kind?: AddKind; roiId?: string };
      const kind = a.kind ?? 'mosaic';
      if (!ADD_KINDS.some((k) => k.id === kind)) throw new Error(`Unknown panel kind "${kind}"`);
      const s = store.getState();
      const panel = panelFromState(s, kind, a.roiId, engine?.camera ? (k) => engine.camera!(k) : undefined);
      let f = activeFigure(s);
      let figures = s.scene.figures;
      if (!f) {
        f = newFigure(figures, undefined, studyRefOf(s));
        figures = [...figures, f];
      }
      const next = addPanel(figures, f.id, panel, studyRefOf(s));
      actions.setScene(store, (sc) => ({ ...sc, figures: next }));
      store.setState({ activeFigureId: f.id });
      const n = figureById(next, f.id).panels.length;
      actions.notify(store, `Added panel ${String.fromCharCode(64 + n)} to “${f.name}” (see the Figure workspace)`);
    },
  },
  {
    id: 'figure.removePanel',
    title: 'Figure: Remove a panel',
    capture: 'now',
    palette: false,
    perform: ({ store }, args) => setFigures(store, (figs) => removePanel(figs, needFigure(store).id, String((args as Args)?.panelId))),
  },
  {
    id: 'figure.movePanel',
    title: 'Figure: Move a panel',
    capture: 'now',
    palette: false,
    perform: ({ store }, args) => {
      const a = (args ?? {}) as { panelId?: string; to?: number };
      setFigures(store, (figs) => movePanel(figs, needFigure(store).id, String(a.panelId), Number(a.to)));
    },
  },
  {
    id: 'figure.updatePanel',
    title: 'Figure: Change a panel',
    capture: 'now',
    palette: false,
    perform: ({ store }, args) => {
      const a = (args ?? {}) as { panelId?: string; patch?: Record<string, unknown> };
      setFigures(store, (figs) => updatePanel(figs, needFigure(store).id, String(a.panelId), a.patch ?? {}));
    },
  },
  {
    id: 'figure.updatePage',
    title: 'Figure: Change the page',
    capture: 'now',
    palette: false,
    perform: ({ store }, args) => setFigures(store, (figs) => updatePage(figs, needFigure(store).id, ((args as Args)?.patch ?? {}) as Partial<Page>)),
  },
  {
    id: 'figure.update',
    title: 'Figure: Change name, columns, colorbar or caption',
    capture: 'now',
    palette: false,
    perform: ({ store }, args) => setFigures(store, (figs) => updateFigure(figs, needFigure(store).id, ((args as Args)?.patch ?? {}) as Parameters<typeof updateFigure>[2])),
  },
  {
    id: 'figure.remove',
    title: 'Figure: Delete the figure',
    capture: 'now',
    when: (s) => s.scene.figures.length > 0,
    perform: ({ store }) => {
      const f = needFigure(store);
      setFigures(store, (figs) => removeFigure(figs, f.id));
      store.setState({ activeFigureId: null });
    },
  },
  {
    id: 'figure.setFormat',
    title: 'Figure: Choose the export format',
    palette: false,
    perform: ({ store }, args) => {
      const format = (args as Args)?.format as FigureFormat;
      if (!FIGURE_FORMATS.includes(format)) throw new Error(`Unknown format "${String(format)}"`);
      store.setState({ figureFormat: format });
    },
  },
  {
    id: 'figure.export',
    title: 'Figure: Export (PNG, TIFF, SVG or PDF, with NAME.legend.md)',
    when: (s) => s.scene.figures.length > 0,
    perform: async (ctx) => {
      if (!ctx.host || !ctx.engine) throw new Error('Files cannot be saved here (no host)');
      const s = ctx.store.getState();
      const f = needFigure(ctx.store);
      if (!f.panels.length) throw new Error(`“${f.name}” has no panels yet: use Add to figure in Compare or the Viewer`);
      const r = await exportFigureFile(s, ctx.host, { volumes: ctx.engine.volumes, study: ctx.engine.study, progress: (p) => actions.setProgress(ctx.store, p) }, f, s.figureFormat);
      if (r.saved) actions.notify(ctx.store, `Figure exported${r.path ? ` to ${r.path}` : ` as ${r.name}`}, with its legend`);
    },
  },
];
