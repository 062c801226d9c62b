// CSV/TSV writing for exported tables. Spreadsheet apps run cells that start with = + - @
// (and tab/CR) as formulas, so such text cells get a leading single quote; numbers like
// -3.2 stay numbers.

export type Separator = ',' | '\t';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** One cell, escaped against formula injection and quoted when it contains the separator, a quote or a line break. */
export function escapeCell(value: string | number | null | undefined, sep: Separator): string {
  let s: string;
  if (value === null || value === undefined) s = '';
  else if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : String(value);
  else s = value;
  if (typeof value !== 'number' && FORMULA_START.test(s) && !NUMBER.test(s)) s = `'${s}`;
  if (s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r')) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** A header line and one line per row; a notice (e.g. "Simulated demo: ...") goes first as '# ' comment lines. */
export function toDelimited(header: string[], rows: (string | number | null | undefined)[][], sep: Separator, notice?: string): string {
  const lines: string[] = [];
  if (notice) for (const line of notice.split(/\r?\n/)) lines.push(`# ${line}`);
  lines.push(header.map((h) => escapeCell(h, sep)).join(sep));
  for (const row of rows) lines.push(row.map((c) => escapeCell(c, sep)).join(sep));
  return lines.join('\n') + '\n';
}

/** Rounds for export without trailing noise (e.g. 3.2000000476837 -> 3.2). */
export function roundForExport(x: number, digits = 4): number {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
}

export { parseDelimited, splitDelimitedLine, type Delimited } from './read';
