import { LABEL_LIMITS } from './types';

// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width chars and BOM:
// they can hide or reorder text in the UI and in exported CSVs.
const UNSAFE = '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff]';
const UNSAFE_ONE = new RegExp(UNSAFE);
const UNSAFE_ALL = new RegExp(UNSAFE, 'g');

/** Clean a label name for display and export. Returns the name and what was changed. */
export function cleanLabelName(raw: string): { name: string; stripped: boolean; truncated: boolean } {
  const max = LABEL_LIMITS.maxNameLength;
  // Bound the work on hostile 1 MB names before running regexes over them.
  const head = raw.length > 4 * max ? raw.slice(0, 4 * max) : raw;
  const stripped = UNSAFE_ONE.test(head);
  let name = head.replace(UNSAFE_ALL, ' ').replace(/\s+/g, ' ').trim();
  let truncated = false;
  if (name.length > max || head.length < raw.length) {
    name = name.slice(0, max - 1) + '\u2026';
    truncated = true;
  }
  return { name, stripped, truncated };
}

/** Collects warnings with a cap, so a million bad lines cannot make a million strings. */
export class WarningList {
  readonly items: string[] = [];
  private dropped = 0;
  constructor(private readonly fileName: string) {}
  add(message: string): void {
    if (this.items.length < LABEL_LIMITS.maxWarnings) this.items.push(`${this.fileName}: ${message}`);
    else this.dropped++;
  }
  done(): string[] {
    if (this.dropped > 0) this.items.push(`${this.fileName}: ${this.dropped} more warnings not shown`);
    return this.items;
  }
}
