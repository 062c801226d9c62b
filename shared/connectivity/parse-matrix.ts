import { cleanLabelName } from '../atlas/names';
import { MATRIX_LIMITS, MatrixError, type ConnMatrix } from './types';
import { NOT_A_NUMBER, OUT_OF_RANGE, parseDecimal, parseStatus } from './number';
import { splitDelimitedLine as splitCsvLine } from '../csv/read';

type Delim = ',' | ';' | '\t' | ' ';

interface Line {
  /** 1-based line number in the file (what the user sees in an editor). */
  no: number;
  start: number;
  end: number;
}

/**
 * A square connectivity matrix from CSV / TSV / semicolon / space-separated text, with or without
 * a header row and an index column (which give node names). BOM and CRLF are fine. Size is
 * checked from the first line before anything n x n is allocated. NaN/Inf cells load with a
 * warning; asymmetry beyond 1e-6 gives a warning.
 */
export function parseMatrix(text: string, fileName: string): ConnMatrix {
  const fail = (msg: string): never => {
    throw new MatrixError(`${fileName}: ${msg}`, fileName);
  };
  if (text.length > MATRIX_LIMITS.maxTextLength) fail(`file is too large for a connectivity matrix (limit ${MATRIX_LIMITS.maxTextLength / 1048576} MB of text)`);
  const pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.trim() === '' || text.length === pos) fail('file is empty; expected a square table of numbers');
  if (looksBinary(text)) fail('not a CSV/TSV text file (it contains NUL or binary bytes); expected a square table of numbers');

  const lines = nonBlankLines(text, pos, 1, 1);
  const first = lines[0];
  const firstText = text.slice(first.start, first.end);
  const delim = detectDelimiter(firstText);
  const hasQuotes = text.includes('"');
  const cellsOf = (l: Line): string[] | null => (hasQuotes || delim === ' ' ? splitSlow(text.slice(l.start, l.end), delim) : null);

  // Size from the first line before allocating n * n.
  const firstCells = splitSlow(firstText, delim);
  if (firstCells.length > MATRIX_LIMITS.maxNodes + 1) {
    fail(`first row has ${firstCells.length} columns, more than the ${MATRIX_LIMITS.maxNodes} nodes supported; a connectivity matrix must be square (n rows x n columns)`);
  }
  const isText = (s: string) => s !== '' && (parseDecimal(s, 0, s.length), parseStatus.code === NOT_A_NUMBER);
  const header = firstCells.every((c, k) => (k === 0 && c === '') || isText(c)) && firstCells.some(isText);
  const rest = header ? nonBlankLines(text, lineAfter(text, first.end), first.no + 1, 1) : [first];
  if (rest.length === 0) fail('has a header row but no rows of numbers');
  const row1 = rest[0];
  const row1Cells = splitSlow(text.slice(row1.start, row1.end), delim);
  const indexCol = isText(row1Cells[0]) || (header && firstCells[0] === '' && row1Cells.length === firstCells.length);
  const n = row1Cells.length - (indexCol ? 1 : 0);
  if (n < 1) fail('has no columns of numbers');
  if (n > MATRIX_LIMITS.maxNodes) fail(`has ${n} columns, more than the ${MATRIX_LIMITS.maxNodes} nodes supported; a connectivity matrix must be square`);

  const values = new Float64Array(n * n);
  const rowNames: string[] = [];
  let r = 0;
  let lineNo = row1.no;
  let p = row1.start;
  const width = n + (indexCol ? 1 : 0);
  const len = text.length;
  while (p < len) {
    let e = text.indexOf('\n', p);
    if (e < 0) e = len;
    let ce = e;
    if (ce > p && text.charCodeAt(ce - 1) === 13) ce--;
    const line: Line = { no: lineNo, start: p, end: ce };
    p = e + 1;
    lineNo++;
    if (isBlank(text, line.start, line.end)) continue;
    if (r >= n) {
      const rows = n + countNonBlankLines(text, line.start);
      fail(`${rows} rows x ${n} columns; a connectivity matrix must be square (as many rows as columns)`);
    }
    const slow = cellsOf(line);
    let col: number;
    if (!slow) {
      // Hot path: numbers straight from the text into the row, no substrings or closures.
      col = fastRow(text, line.start, line.end, delim.charCodeAt(0), values, r * n, width, indexCol ? 1 : 0);
      if (col < 0) {
        col = -col - 1;
        const cells = splitCsvLine(text.slice(line.start, line.end), delim as ',' | ';' | '\t');
        cellError(fail, line.no, col, cells[col] ?? '');
      }
      if (indexCol) {
        const c = text.indexOf(delim, line.start);
        rowNames.push(text.slice(line.start, c < 0 || c > line.end ? line.end : c).trim());
      }
    } else {
      col = slow.length;
      for (let k = 0; k < slow.length && k < width; k++) {
        const str = slow[k];
        if (indexCol && k === 0) {
          rowNames.push(str);
          continue;
        }
        const v = parseDecimal(str, 0, str.length);
        if (str === '' || parseStatus.code !== 0) cellError(fail, line.no, k, str);
        values[r * n + k - (indexCol ? 1 : 0)] = v;
      }
    }
    if (col !== width) {
      fail(`row ${line.no} has ${col} columns but row ${row1.no} has ${width}; rows of different length`);
    }
    r++;
  }
  if (r < n) fail(`${r} rows x ${n} columns; a connectivity matrix must be square (as many rows as columns)`);

  const warnings: string[] = [];
  let names: string[] | undefined;
  const clean = (s: string) => cleanLabelName(s.replace(/^"|"$/g, '')).name;
  if (header) {
    const h = firstCells.slice(firstCells.length - n).map(clean);
    if (firstCells.length - n > (indexCol ? 1 : 0) || firstCells.length < n) {
      fail(`header row has ${firstCells.length} names but the rows have ${n} values`);
    }
    names = h;
  }
  if (indexCol) {
    const idx = rowNames.map(clean);
    if (names && idx.some((s, k) => s !== names![k])) warnings.push(`${fileName}: row names differ from the column names; using the column names`);
    names ??= idx;
  }
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) nonFinite++;
  if (nonFinite > 0) warnings.push(`${fileName}: ${nonFinite} cell(s) are NaN or infinite; they are treated as missing`);
  const asym = maxAsymmetry(values, n);
  if (asym.diff > MATRIX_LIMITS.symmetryTolerance) {
    warnings.push(`${fileName}: matrix is not symmetric (largest difference ${asym.diff.toPrecision(3)} between row ${asym.i + 1}, column ${asym.j + 1} and row ${asym.j + 1}, column ${asym.i + 1})`);
  }
  return names ? { n, values, names, warnings, nonFinite } : { n, values, warnings, nonFinite };
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Parse one row of numbers into out[offset ..], one pass per cell. Plain decimals of up to 15
 * digits are m / 10^k (exact operands, one rounding: the same double as strtod); anything else
 * (exponents, NaN/Inf, long numbers) goes through parseDecimal. Returns the number of cells, or
 * -(column + 1) of the first cell that is not a number.
 */
function fastRow(text: string, start: number, end: number, dc: number, out: Float64Array, offset: number, width: number, skip: number): number {
  let col = 0;
  let p = start;
  for (;;) {
    if (col < skip) {
      while (p < end && text.charCodeAt(p) !== dc) p++;
    } else {
      let c = text.charCodeAt(p);
      while (p < end && (c === 32 || (c === 9 && dc !== 9))) c = text.charCodeAt(++p);
      const s = p;
      let neg = false;
      if (c === 45 || c === 43) {
        neg = c === 45;
        c = text.charCodeAt(++p);
      }
      let m = 0;
      let digits = 0;
      let sc = 0;
      while (c >= 48 && c <= 57 && p < end) {
        m = m * 10 + (c - 48);
        digits++;
        c = text.charCodeAt(++p);
      }
      if (c === 46 && p < end) {
        c = text.charCodeAt(++p);
        while (c >= 48 && c <= 57 && p < end) {
          m = m * 10 + (c - 48);
          digits++;
          sc++;
          c = text.charCodeAt(++p);
        }
      }
      let v: number;
      if (digits > 0 && digits <= 15 && (p >= end || c === dc || c === 32 || c === 13 || c === 9)) {
        v = m / POW10[sc];
        if (neg) v = -v;
      } else {
        let q = s;
        while (q < end && text.charCodeAt(q) !== dc) q++;
        let b = q;
        while (b > s && text.charCodeAt(b - 1) <= 32) b--;
        if (b === s) return -(col + 1);
        v = parseDecimal(text, s, b);
        if (parseStatus.code !== 0) return -(col + 1);
        p = b;
      }
      c = text.charCodeAt(p);
      while (p < end && c !== dc && c <= 32) c = text.charCodeAt(++p);
      if (p < end && c !== dc) return -(col + 1);
      if (col < width) out[offset + col - skip] = v;
    }
    col++;
    if (p >= end) return col;
    p++;
  }
}

function cellError(fail: (msg: string) => never, lineNo: number, col: number, cell: string): never {
  const where = `row ${lineNo}, column ${col + 1}`;
  if (cell === '') return fail(`${where} is empty; every cell must be a number`);
  parseDecimal(cell, 0, cell.length);
  if (parseStatus.code === OUT_OF_RANGE) return fail(`${where}: "${cell.slice(0, 40)}" is too large for a number`);
  return fail(`${where}: "${cell.slice(0, 40)}" is not a number`);
}

function splitSlow(line: string, delim: Delim): string[] {
  if (delim === ' ') return line.trim().split(/[ \t]+/).map((c) => c.replace(/^"(.*)"$/, '$1'));
  return splitCsvLine(line, delim);
}

function detectDelimiter(line: string): Delim {
  let comma = 0;
  let semi = 0;
  let tab = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 44) comma++;
    else if (c === 59) semi++;
    else if (c === 9) tab++;
  }
  if (tab >= comma && tab >= semi && tab > 0) return '\t';
  if (semi > comma) return ';';
  if (comma > 0) return ',';
  return ' ';
}

function isBlank(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (text.charCodeAt(i) > 32) return false;
  return true;
}

function lineAfter(text: string, p: number): number {
  const e = text.indexOf('\n', p);
  return e < 0 ? text.length : e + 1;
}

/** Up to `max` non-blank lines starting at `from`, the start of line number `no`. */
function nonBlankLines(text: string, from: number, no: number, max: number): Line[] {
  const out: Line[] = [];
  let p = from;
  while (p < text.length && out.length < max) {
    let e = text.indexOf('\n', p);
    if (e < 0) e = text.length;
    let ce = e;
    if (ce > p && text.charCodeAt(ce - 1) === 13) ce--;
    if (!isBlank(text, p, ce)) out.push({ no, start: p, end: ce });
    p = e + 1;
    no++;
  }
  return out;
}

function countNonBlankLines(text: string, from: number): number {
  let n = 0;
  let p = from;
  while (p < text.length) {
    let e = text.indexOf('\n', p);
    if (e < 0) e = text.length;
    if (!isBlank(text, p, e)) n++;
    p = e + 1;
  }
  return n;
}

function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  return bad > Math.max(4, n * 0.02);
}

function maxAsymmetry(v: Float64Array, n: number): { diff: number; i: number; j: number } {
  let diff = 0;
  let bi = 0;
  let bj = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs(v[i * n + j] - v[j * n + i]);
      if (d > diff) {
        diff = d;
        bi = i;
        bj = j;
      }
    }
  }
  return { diff, i: bi, j: bj };
}
