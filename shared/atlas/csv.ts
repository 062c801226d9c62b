// CSV rows for the CLI's ROI/cluster exports, written by the one CSV/TSV writer in shared/csv.
import { escapeCell } from '../csv';

/** One CSV cell: formula-like text gets a leading quote, numbers stay numbers, NaN is "NaN". */
export function csvCell(value: string | number): string {
  return escapeCell(value, ',');
}

export function csvRow(cells: (string | number)[]): string {
  return cells.map(csvCell).join(',');
}
