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

export function csvRow(values: (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}

export function csvDocument(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return BOM + [csvRow(header), ...rows.map(csvRow)].join('\r\n') + '\r\n';
}
