import { cleanLabelName, WarningList } from './names';
import { LABEL_LIMITS, LabelTableError, type LabelEntry, type LabelTable } from './types';

/**
 * Accumulates label entries from any format with the same checks: whole-number index within
 * the cap (never used to size anything), cleaned names, first of duplicate indices kept.
 */
export class TableBuilder {
  readonly entries = new Map<number, LabelEntry>();
  readonly warnings: WarningList;
  private truncatedNames = 0;
  private strippedNames = 0;

  constructor(readonly fileName: string) {
    this.warnings = new WarningList(fileName);
  }

  /** `where` is e.g. 'line 5' or 'label 3'; returns false when the entry was skipped. */
  add(rawIndex: string | number, rawName: string, where: string, color?: [number, number, number]): boolean {
    const index = typeof rawIndex === 'number' ? rawIndex : parseIndex(rawIndex);
    const shown = String(rawIndex).slice(0, 40);
    if (index === null || !Number.isInteger(index)) {
      this.warnings.add(`${where}: label index "${shown}" is not a whole number; skipped`);
      return false;
    }
    if (index < 0) {
      this.warnings.add(`${where}: label index ${shown} is negative; skipped`);
      return false;
    }
    if (index > LABEL_LIMITS.maxIndex) {
      this.warnings.add(`${where}: label index ${shown} is above the largest supported index ${LABEL_LIMITS.maxIndex}; skipped`);
      return false;
    }
    const { name, stripped, truncated } = cleanLabelName(rawName);
    if (truncated) this.truncatedNames++;
    if (stripped) this.strippedNames++;
    if (!name) {
      this.warnings.add(`${where}: label ${index} has no name; skipped`);
      return false;
    }
    if (this.entries.has(index)) {
      this.warnings.add(`${where}: label index ${index} appears again ("${name}"); keeping "${this.entries.get(index)!.name}"`);
      return false;
    }
    if (this.entries.size >= LABEL_LIMITS.maxEntries) {
      throw new LabelTableError(`${this.fileName}: more than ${LABEL_LIMITS.maxEntries} labels; this is not a label table we can use`, this.fileName);
    }
    this.entries.set(index, color ? { index, name, color } : { index, name });
    return true;
  }

  finish(format: string): LabelTable {
    if (this.truncatedNames) this.warnings.add(`${this.truncatedNames} label name(s) longer than ${LABEL_LIMITS.maxNameLength} characters were truncated`);
    if (this.strippedNames) this.warnings.add(`${this.strippedNames} label name(s) contained control or text-direction characters, which were removed`);
    if (this.entries.size === 0) {
      const first = this.warnings.items[0];
      throw new LabelTableError(`${this.fileName}: no usable labels found${first ? ` (${first.slice(this.fileName.length + 2)})` : ''}`, this.fileName);
    }
    return { entries: this.entries, warnings: this.warnings.done(), format };
  }
}

/** A label index as written in a file: digits only (or an exponent form that is still a whole number). */
export function parseIndex(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Clamp a colour channel to 0..255; returns null for non-numbers. */
export function parseChannel(s: string): { value: number; clamped: boolean } | null {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) return null;
  const c = Math.round(Math.min(255, Math.max(0, v)));
  return { value: c, clamped: c !== v };
}
