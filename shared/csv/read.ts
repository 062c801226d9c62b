import Papa from 'papaparse';

/** A parsed TSV/CSV: header names (trimmed) and rows keyed by them. */
export interface Delimited {
  columns: string[];
  rows: Record<string, string>[];
  /** 1-based line of each row in the file (for messages). */
  lines: number[];
}

/** Tabs for .tsv, commas for .csv, otherwise whichever the header line uses. */
export function parseDelimited(text: string, fileName: string): Delimited {
  const clean = text.replace(/^\uFEFF/, '');
  const lower = fileName.toLowerCase();
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = lower.endsWith('.tsv') ? '\t' : lower.endsWith('.csv') ? ',' : firstLine.includes('\t') ? '\t' : ',';
  const parsed = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false });
  const all = parsed.data;
  const headerAt = all.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerAt < 0) return { columns: [], rows: [], lines: [] };
  const columns = all[headerAt].map((c) => c.trim());
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  for (let i = headerAt + 1; i < all.length; i++) {
    const cells = all[i];
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells[0]?.trim().startsWith('#')) continue;
    const row: Record<string, string> = {};
    columns.forEach((c, j) => (row[c] = (cells[j] ?? '').trim()));
    rows.push(row);
    lines.push(i + 1);
  }
  return { columns, rows, lines };
}

/**
 * One line of CSV/TSV/semicolon text split into trimmed cells by papaparse (quotes honoured:
 * "a, b" stays one cell, "" is a literal quote). Used by the atlas, connectivity and study readers.
 */
export function splitDelimitedLine(line: string, delim: ',' | ';' | '\t' = ','): string[] {
  if (!line.includes('"')) return line.split(delim).map((c) => c.trim());
  // A space before an opening quote (`a, "b, c"`) would make papaparse read the quote literally.
  const tidy = line.split(delim).length > 1 ? line.replace(new RegExp(`${delim === '\t' ? '\\t' : delim}[ ]+"`, 'g'), `${delim}"`).replace(/^[ ]+"/, '"') : line;
  const row = Papa.parse<string[]>(tidy, { delimiter: delim, skipEmptyLines: false }).data[0] ?? [''];
  return row.map((c) => c.trim());
}
