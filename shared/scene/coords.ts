import type { Vec3 } from './types';

/**
 * Reads a coordinate the way people copy peaks from papers and tables:
 * '-24 -4 -18', '-24, -4, -18', '(-24,-4,-18)', '[−24; −4; −18]' (unicode minus too).
 * Returns null unless there are exactly three finite numbers.
 */
export function parseMmText(text: string): Vec3 | null {
  const cleaned = text
    .replace(/[\u2212\u2012\u2013\u2014]/g, '-')
    .replace(/[()[\]{}]/g, ' ')
    .replace(/\bmm\b/gi, ' ')
    .replace(/[,;\t]/g, ' ')
    .trim();
  if (cleaned === '') return null;
  const parts = cleaned.split(/\s+/);
  if (parts.length !== 3) return null;
  const nums = parts.map((p) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(p) ? Number(p) : NaN));
  return nums.every(Number.isFinite) ? [nums[0], nums[1], nums[2]] : null;
}

/** '-24.0, -4.0, -18.0' style, for readouts and copying back into papers. */
export function formatMm(mm: Vec3, digits = 1): string {
  const f = 10 ** digits;
  // Math.round(-0.04 * 10) is -0, which would print as '-0.0'.
  return mm.map((v) => (Math.round(v * f) === 0 ? 0 : v).toFixed(digits)).join(', ');
}
