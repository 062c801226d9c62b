/**
 * One CSV cell for export. Text starting with = + - @ TAB or CR gets a leading single quote so a
 * spreadsheet does not run it as a formula (numbers such as -0.5 are left alone); cells with a
 * comma, quote or line break are quoted.
 */
export function csvCell(value: string | number): string {
  let s = typeof value === 'number' ? formatNumber(value) : value;
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvRow(cells: (string | number)[]): string {
  return cells.map(csvCell).join(',');
}

/** Full precision, NaN as "NaN" (read back as NaN by pandas and numpy). */
function formatNumber(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}
