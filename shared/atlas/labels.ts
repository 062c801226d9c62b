import { parseNiivueJson } from './parse-json';
import { parseTextTable } from './parse-text';
import { parseFslXml } from './parse-xml';
import { LABEL_LIMITS, LabelTableError, type LabelTable } from './types';

/**
 * Read a label table, choosing the format by extension and content: FSL XML, niivue JSON,
 * or text (mricron .txt/.lut, FreeSurfer LUT, TSV/CSV, Workbench label list, name lists).
 * Throws LabelTableError (userFacing) naming the file and, where known, the line.
 */
export function parseLabelTable(text: string, fileName: string): LabelTable {
  if (text.length > LABEL_LIMITS.maxTextLength) {
    throw new LabelTableError(`${fileName}: label table is too large (${Math.round(text.length / 1048576)} MB; the limit is ${LABEL_LIMITS.maxTextLength / 1048576} MB)`, fileName);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new LabelTableError(`${fileName}: label table is empty`, fileName);
  if (looksBinary(body)) {
    throw new LabelTableError(`${fileName}: not a text label table (it contains binary bytes); expected lines of "index name"`, fileName);
  }
  const lower = fileName.toLowerCase();
  const head = body.trimStart();
  if (lower.endsWith('.xml') || head.startsWith('<')) return parseFslXml(body, fileName);
  if (lower.endsWith('.json') || head.startsWith('{') || head.startsWith('[')) return parseNiivueJson(body, fileName);
  return parseTextTable(body, fileName);
}

/** Many NULs or replacement characters in the first 4 KB: a binary file (e.g. a colour-only .lut). */
function looksBinary(s: string): boolean {
  const n = Math.min(s.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  return bad > Math.max(8, n * 0.05);
}
