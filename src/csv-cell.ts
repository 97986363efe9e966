/**
 * One CSV cell as every CSV the project writes spells it (the batch report, the batch template, the public registry).
 *
 * A cell that begins with = + - @ (or a tab / carriage return) would be run as a formula by a spreadsheet opening the CSV
 * — quoting does not stop Excel — so a leading apostrophe keeps it text (OWASP "CSV injection"), as the XLSX writers
 * already keep such a value a string. Then RFC 4180 quoting: always (`quote: 'always'`), or only when the cell needs it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string, quote: 'always' | 'when-needed' = 'when-needed'): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return quote === 'always' || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A line of cells (no line end). */
export const csvLine = (cells: string[], quote: 'always' | 'when-needed' = 'when-needed') => cells.map((c) => csvCell(c, quote)).join(',');
