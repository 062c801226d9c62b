/** Page units: the layout works in PostScript points (SVG user units and PDF units alike). */
export const PT_PER_MM = 72 / 25.4;

export const mmToPt = (mm: number): number => mm * PT_PER_MM;
export const ptToMm = (pt: number): number => pt / PT_PER_MM;
/** Pixels covering `mm` at `dpi`. */
export const mmToPx = (mm: number, dpi: number): number => (mm / 25.4) * dpi;
export const ptToPx = (pt: number, dpi: number): number => (pt / 72) * dpi;

/** The exported raster's size: width_mm / 25.4 x DPI, rounded to whole pixels. */
export function pagePixels(widthMm: number, heightMm: number, dpi: number): { width: number; height: number } {
  return { width: Math.round(mmToPx(widthMm, dpi)), height: Math.round(mmToPx(heightMm, dpi)) };
}

/** PNG pHYs counts pixels per metre. */
export const dpiToPixelsPerMetre = (dpi: number): number => Math.round(dpi / 0.0254);
