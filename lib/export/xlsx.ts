import ExcelJS from 'exceljs';
import { columnHeader, COLUMNS, type ExportRecord, type Translate } from './columns';

/** Widths in characters, by kind: codes and dates need their full length on screen. */
const WIDTH = { id: 15, text: 18, yuan: 13, ratio: 10, date: 19 } as const;
const YUAN_FORMAT = '"￥"#,##0.00';

/**
 * invoices.xlsx (exceljs): the same columns as the CSV, typed as a spreadsheet wants them — code
 * and number as text cells (never 1.44031E+11 or a lost leading zero), the amount as a number in
 * yuan with a currency format, the capture time as a date, confidences as percentages; a bold
 * header row, frozen, with filters. Amounts are fen / 100 exactly: every fen value below 2^53 / 100
 * is exact as a double with two decimals, and Excel keeps 15 significant digits.
 */
export async function invoicesXlsx(records: ExportRecord[], words: Translate): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.created = new Date();
  const sheet = book.addWorksheet(words('xlsxSheetName'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, header: columnHeader(c, records, words), width: WIDTH[c.kind === 'text' ? 'text' : c.kind] }));
  for (const record of records) {
    const row = sheet.addRow(COLUMNS.map((c) => {
      const value = c.value(record, words);
      if (value === null || value === undefined) return null;
      if (c.kind === 'yuan' && typeof value === 'number') return value / 100;
      // exceljs writes a Date as UTC; a spreadsheet has no time zone: write the clerk's wall clock.
      if (value instanceof Date) return new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
      return value;
    }));
    COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.kind === 'id') {
        cell.numFmt = '@'; // text: Excel will not turn it back into a number on edit
        if (typeof cell.value === 'number') cell.value = String(cell.value);
      } else if (c.kind === 'yuan') cell.numFmt = YUAN_FORMAT;
      else if (c.kind === 'ratio') cell.numFmt = '0.0%';
      else if (c.kind === 'date') cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
