import { parseChannel, parseIndex, TableBuilder } from './table-builder';
import { LabelTableError, type LabelTable } from './types';

/** ITK-SNAP label description line: IDX R G B A VIS MSH "LABEL" (A is 0..1, VIS and MSH 0/1). */
const ITK_LINE = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+"(.*)"\s*$/;

/** True when the first data line has ITK-SNAP's shape: seven numbers, then a quoted label. */
export function looksLikeItkSnap(firstDataLine: string): boolean {
  const m = ITK_LINE.exec(firstDataLine);
  return !!m && m.slice(1, 8).every((c) => parseIndex(c) !== null);
}

/**
 * ITK-SNAP label descriptions (the `.txt` ITK-SNAP exports). Every data line must have the shape;
 * one that does not is refused with its line number rather than read into wrong names.
 */
export function parseItkSnap(rawLines: string[], dataLines: number[], fileName: string): LabelTable {
  const b = new TableBuilder(fileName);
  for (const n of dataLines) {
    const m = ITK_LINE.exec(rawLines[n - 1]);
    if (!m || !m.slice(1, 8).every((c) => parseIndex(c) !== null)) {
      throw new LabelTableError(
        `${fileName}: line ${n} is not an ITK-SNAP label line (expected IDX R G B A VIS MSH "LABEL", as the file's first line is); the table is not read, so no region gets a wrong name`,
        fileName,
        n,
      );
    }
    const ch = [m[2], m[3], m[4]].map((c) => parseChannel(c)!);
    if (ch.some((c) => c.clamped)) b.warnings.add(`line ${n}: colour values outside 0-255 were clamped`);
    b.add(m[1], m[8], `line ${n}`, [ch[0].value, ch[1].value, ch[2].value]);
  }
  return b.finish('itk-snap');
}
