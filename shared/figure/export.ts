/** One figure to the four formats, the same way in the app and the CLI. */
import { capturePanels, composeFigure } from './compose';
import { figureLegend } from './legend';
import type { PdfFonts } from './pdf';
import { encodePng } from './png';
import type { PreparedFigure } from './prepare';
import type { Figure } from './schema';
import { drawingToSvg } from './svg';
import { encodeTiff } from './tiff';
import { pagePixels, ptToMm } from './units';

export type FigureFormat = 'png' | 'tiff' | 'svg' | 'pdf';
export const FIGURE_FORMATS: FigureFormat[] = ['png', 'tiff', 'svg', 'pdf'];

export interface ExportEnv {
  fonts: PdfFonts;
  version: string;
}

export interface FigureExport {
  bytes: Uint8Array;
  legend: string;
  widthPx: number;
  heightPx: number;
  widthMm: number;
  heightMm: number;
  warnings: string[];
}

export async function exportFigure(fig: Figure, prep: PreparedFigure, format: FigureFormat, env: ExportEnv): Promise<FigureExport> {
  await capturePanels(fig, prep);
  const { drawing, layout } = composeFigure(fig, prep);
  const widthMm = fig.page.widthMm;
  const heightMm = ptToMm(drawing.heightPt);
  const px = pagePixels(widthMm, heightMm, fig.page.dpi);
  const svg = drawingToSvg(drawing, fig.name);
  let bytes: Uint8Array;
  let widthPx = px.width;
  let heightPx = px.height;
  if (format === 'svg') bytes = new TextEncoder().encode(svg);
  // pdf-lib and fontkit, or resvg, load only for their format (start-up time of `render`).
  else if (format === 'pdf') bytes = await (await import('./pdf')).drawingToPdf(drawing, env.fonts, { title: fig.name, version: env.version });
  else {
    const { rasterise } = await import('./raster');
    const r = rasterise(drawingToSvg(drawing, fig.name, px), [env.fonts.regular, env.fonts.bold]);
    widthPx = r.width;
    heightPx = r.height;
    bytes = format === 'png' ? encodePng(r.rgba, r.width, r.height, { dpi: fig.page.dpi }) : encodeTiff(r.rgba, r.width, r.height, fig.page.dpi);
  }
  return { bytes, legend: figureLegend(fig, prep, env.version), widthPx, heightPx, widthMm, heightMm, warnings: layout.warnings };
}

/** NAME.png -> NAME.legend.md */
export function legendName(fileName: string): string {
  return fileName.replace(/\.(png|tiff?|svg|pdf)$/i, '') + '.legend.md';
}
