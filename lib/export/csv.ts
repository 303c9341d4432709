/**
 * CSV for Excel: UTF-8 with a BOM (without it Excel reads Chinese as mojibake), CRLF rows, every
 * value quoted when needed, and text a spreadsheet would run as a formula (= + - @, tab, CR)
 * prefixed with ' so it stays text (CSV injection).
 */
export const BOM = '\uFEFF';

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * `="033012067798"` as a CSV cell: the form Excel and WPS open as text, keeping leading zeros and
 * all 12 digits (a plain 144031900111 shows as 1.44031E+11). Only for digit strings: nothing else
 * may become a formula.
 */
export function csvFormulaText(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error('csvFormulaText takes digits only');
  return `"=""${digits}"""`;
}

/** Rows of cells already written by csvCell / csvFormulaText. */
export function csvDocument(header: string[], rows: string[][]): string {
  return BOM + [header.map(csvCell).join(','), ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
}
