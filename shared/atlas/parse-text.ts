import { parseChannel, parseIndex, TableBuilder } from './table-builder';
import { LabelTableError, type LabelTable } from './types';
import { looksLikeItkSnap, parseItkSnap } from './parse-itk';
import { splitDelimitedLine } from '../csv/read';

type Splitter = (line: string) => string[];

const splitWhitespace: Splitter = (line) => line.trim().split(/\s+/);
const splitTab: Splitter = (line) => line.split('\t').map((c) => c.trim());

/** CSV split: the one reader in shared/csv (kept under this name for the atlas readers). */
export const splitCsvLine = splitDelimitedLine;

const INDEX_HEADERS = new Set(['index', 'idx', 'id', 'label', 'value', 'key', 'no', 'number', 'label_index', 'labelindex']);
const NAME_HEADERS = new Set(['name', 'label_name', 'labelname', 'roi', 'region', 'structure', 'description', 'roi_name', 'node']);

interface DataLine {
  cells: string[];
  line: number;
}

/**
 * Text label tables: mricron `.txt` (`index name [code]`), FreeSurfer LUT (`index name r g b a`),
 * TSV/CSV with or without header and colour, Workbench label lists (name line, then
 * `index r g b a`), and plain name lists (one line of tab-separated names, or one name per line:
 * name k has value k, from 1), and ITK-SNAP label descriptions (`IDX R G B A VIS MSH "LABEL"`).
 * A line that does not fit the shape the file was taken for (a colour that is not a number, a
 * name that is a number, extra columns) refuses the file with that line's number: a misread
 * table would put wrong names on regions without anyone noticing.
 */
export function parseTextTable(text: string, fileName: string): LabelTable {
  const lower = fileName.toLowerCase();
  const rawLines = text.split(/\r\n|\r|\n/);
  const lines: DataLine[] = [];
  for (let i = 0; i < rawLines.length; i++) {
    const s = rawLines[i];
    const t = s.trim();
    if (t === '' || t.startsWith('#') || t.startsWith('//')) continue;
    lines.push({ cells: [], line: i + 1 });
  }
  if (lines.length > 0 && looksLikeItkSnap(rawLines[lines[0].line - 1])) return parseItkSnap(rawLines, lines.map((d) => d.line), fileName);
  let split: Splitter;
  if (lower.endsWith('.csv')) split = (l) => splitCsvLine(l, ',');
  else if (lower.endsWith('.tsv')) split = splitTab;
  else {
    const allTabs = lines.length > 0 && lines.every((d) => rawLines[d.line - 1].includes('\t'));
    const anyNameWithSpace = allTabs && lines.some((d) => rawLines[d.line - 1].split('\t').some((c) => /\S\s+\S/.test(c.trim())));
    split = anyNameWithSpace ? splitTab : splitWhitespace;
  }
  for (const d of lines) d.cells = split(rawLines[d.line - 1]);

  const refuse = (line: number, why: string): never => {
    throw new LabelTableError(`${fileName}: line ${line}: ${why}; the table is not read, so no region gets a wrong name`, fileName, line);
  };
  const b = new TableBuilder(fileName);
  if (lines.length === 0) return b.finish('empty');
  const isNum = (s: string | undefined) => s !== undefined && parseIndex(s) !== null;

  const headerCells = lines[0].cells.map((c) => c.toLowerCase().replace(/[^a-z_]/g, ''));
  const namedHeader = lines.length > 1 && headerCells.some((c) => INDEX_HEADERS.has(c)) && !isNum(lines[0].cells[0]);

  // Name lists: no line starts with a number.
  if (!namedHeader && !lines.some((d) => isNum(d.cells[0]))) {
    if (lines.length === 1) {
      lines[0].cells.forEach((name, k) => b.add(k + 1, name, `line ${lines[0].line}, name ${k + 1}`));
    } else {
      lines.forEach((d, k) => b.add(k + 1, rawLines[d.line - 1].trim(), `line ${d.line}`));
    }
    return b.finish('name-list');
  }

  // Workbench label list: a name line, then `index r g b a`, repeated.
  if (lines.length % 2 === 0 && lines.length >= 2 && !isNum(lines[0].cells[0]) && lines[1].cells.length >= 4 && lines[1].cells.every(isNum)) {
    for (let k = 0; k + 1 < lines.length; k += 2) {
      const nameLine = lines[k];
      const vals = lines[k + 1].cells;
      b.add(vals[0], rawLines[nameLine.line - 1].trim(), `line ${lines[k + 1].line}`, colourOf(vals, 1, lines[k + 1].line, refuse, b));
    }
    return b.finish('workbench-label-list');
  }

  let indexCol = 0;
  let nameCol = 1;
  let rgbCols: [number, number, number] | null = null;
  let start = 0;
  let format = lower.endsWith('.csv') ? 'csv' : lower.endsWith('.tsv') ? 'tsv' : 'text';
  if (namedHeader || !isNum(lines[0].cells[0])) {
    // A header row: find the columns by name, else assume index, name.
    const h = headerCells;
    start = 1;
    const ic = h.findIndex((c) => INDEX_HEADERS.has(c));
    const nc = h.findIndex((c, i) => i !== ic && NAME_HEADERS.has(c));
    if (ic >= 0) indexCol = ic;
    if (nc >= 0) nameCol = nc;
    else if (ic === 1) nameCol = 0;
    const r = h.findIndex((c) => c === 'r' || c === 'red');
    const g = h.findIndex((c) => c === 'g' || c === 'green');
    const bl = h.findIndex((c) => c === 'b' || c === 'blue');
    if (r >= 0 && g >= 0 && bl >= 0) rgbCols = [r, g, bl];
  }
  for (let k = start; k < lines.length; k++) {
    const { cells, line } = lines[k];
    if (cells.length < 2 || cells.length <= Math.max(indexCol, nameCol)) refuse(line, `expected "index name ...", found ${cells.length} column(s)`);
    if (parseIndex(cells[nameCol]) !== null) refuse(line, `the name "${cells[nameCol].slice(0, 40)}" is a number; this is not an "index name" line (an ITK-SNAP or colour table?)`);
    let color: [number, number, number] | undefined;
    if (rgbCols) {
      color = colourAt(cells, rgbCols, line, refuse, b);
    } else if (start === 1) {
      // A header without colour columns: other columns are data we do not use.
    } else if (cells.length === 5 || cells.length === 6) {
      color = colourOf(cells, 2, line, refuse, b);
      if (format === 'text') format = 'freesurfer-lut';
    } else if (cells.length > 6) {
      refuse(line, `${cells.length} columns where "index name r g b a" has 6 (a name with spaces? separate columns with tabs)`);
    } else if (cells.length === 4) {
      refuse(line, 'expected "index name r g b a" (FreeSurfer LUT) or "index name [code]" (mricron), found 4 columns');
    } else if (cells.length === 3 && (format === 'text' || format === 'mricron')) {
      if (parseIndex(cells[2]) === null) refuse(line, `the third column "${cells[2].slice(0, 40)}" is not a number (mricron "index name code"; a name with spaces? separate columns with tabs)`);
      format = 'mricron';
    }
    b.add(cells[indexCol], cells[nameCol], `line ${line}`, color);
  }
  if (format === 'text') format = 'mricron';
  return b.finish(format);
}

type Refuse = (line: number, why: string) => never;

function colourOf(cells: string[], from: number, line: number, refuse: Refuse, b: TableBuilder): [number, number, number] {
  return colourAt(cells, [from, from + 1, from + 2], line, refuse, b);
}

function colourAt(cells: string[], cols: [number, number, number], line: number, refuse: Refuse, b: TableBuilder): [number, number, number] {
  const ch = cols.map((c) => parseChannel(cells[c] ?? ''));
  if (ch.some((c) => c === null)) return refuse(line, `colour values ${cols.map((c) => JSON.stringify((cells[c] ?? '').slice(0, 20))).join(' ')} are not numbers`);
  // Out-of-range channels are clamped: the name is still right, only the colour is adjusted.
  if (ch.some((c) => c!.clamped)) b.warnings.add(`line ${line}: colour values outside 0-255 were clamped`);
  return [ch[0]!.value, ch[1]!.value, ch[2]!.value];
}
