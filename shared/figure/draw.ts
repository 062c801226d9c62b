/**
 * A figure as a list of drawing primitives in points (origin top left): the SVG and PDF writers
 * both read it, so the two files hold the same text, vectors and images at the same places.
 */
export type Colour = string; // '#rrggbb'

export interface RectItem { type: 'rect'; x: number; y: number; w: number; h: number; fill: Colour | null; stroke?: Colour; strokeWidth?: number }
export interface LineItem { type: 'line'; points: [number, number][]; stroke: Colour; width: number; closed?: boolean; fill?: Colour | null; opacity?: number }
export interface CircleItem { type: 'circle'; cx: number; cy: number; r: number; fill: Colour; stroke?: Colour; strokeWidth?: number }
export interface TextItem {
  type: 'text';
  x: number;
  /** the baseline */
  y: number;
  text: string;
  sizePt: number;
  fill: Colour;
  anchor: 'start' | 'middle' | 'end';
  bold?: boolean;
  /** degrees, counter-clockwise (a y-axis title is 90) */
  rotate?: number;
}
export interface ImageItem { type: 'image'; x: number; y: number; w: number; h: number; png: Uint8Array; pxW: number; pxH: number }

export type DrawItem = RectItem | LineItem | CircleItem | TextItem | ImageItem;

export interface Drawing {
  widthPt: number;
  heightPt: number;
  background: Colour;
  items: DrawItem[];
}

/** Text width estimate (DejaVu Sans averages ~0.55 em; bold ~0.6), used to wrap and fit labels. */
export function textWidth(text: string, sizePt: number, bold = false): number {
  return text.length * sizePt * (bold ? 0.6 : 0.55);
}

/** Breaks text into lines no wider than `maxPt`. */
export function wrapText(text: string, sizePt: number, maxPt: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && textWidth(next, sizePt) > maxPt) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}
