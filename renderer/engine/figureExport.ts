/** Preview and export of the Figure workspace through shared/figure (the CLI's drawing code). */
import { capturePanels, composeFigure, drawingToSvg, exportFigure, legendName, prepareFigure, type Figure, type FigureFormat, type Capture3d } from '../../shared/figure';
import type { HostApi } from '../../shared/ipc/host';
import type { AppState } from '../store';
import { appFigureSources, figureFonts, startRaster, type FigureData } from './figureSources';

declare const __APP_VERSION__: string | undefined;
/** 3D panels' pictures by what they show: the preview redraws often, the capture is slow. */
const captures = new Map<string, Capture3d>();
const version = (): string => (typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.1.0');

/** The page as SVG text, with the layout's warnings. */
export async function previewFigure(s: AppState, fig: Figure, data: FigureData): Promise<{ svg: string; warnings: string[]; heightMm: number }> {
  const prep = await prepareFigure(fig, await appFigureSources(s, data), data.study.figureContrasts);
  await capturePanels(fig, prep, captures);
  const { drawing, layout } = composeFigure(fig, prep);
  return { svg: drawingToSvg(drawing, fig.name), warnings: layout.warnings, heightMm: drawing.heightPt / (72 / 25.4) };
}

const safeName = (name: string) => name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'figure';

/** Exports the figure and its legend; returns the file name offered. */
export async function exportFigureFile(s: AppState, host: HostApi, data: FigureData, fig: Figure, format: FigureFormat): Promise<{ name: string; saved: boolean; path?: string }> {
  if (format === 'png' || format === 'tiff') await startRaster();
  const prep = await prepareFigure(fig, await appFigureSources(s, data), data.study.figureContrasts);
  await capturePanels(fig, prep, captures);
  const r = await exportFigure(fig, prep, format, { fonts: await figureFonts(), version: version() });
  const name = `${safeName(fig.name)}.${format}`;
  const saved = await host.saveFile(name, r.bytes, { title: 'Export figure', filters: [{ name: format.toUpperCase(), extensions: [format] }] });
  if (!saved.saved) return { name, saved: false };
  const legendPath = saved.path ? legendName(saved.path) : legendName(name);
  await host.saveFile(legendPath.split(/[\\/]/).pop()!, r.legend, { title: 'Figure legend', filters: [{ name: 'Markdown', extensions: ['md'] }] });
  return { name, saved: true, path: saved.path };
}
