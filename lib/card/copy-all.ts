import { amountFen, fenToYuanText } from '../invoice/amount';
import type { CopyAll } from './schema';

export interface RowFields {
  code?: string;
  number?: string;
  amount?: string;
  location?: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Tabs and line breaks inside a value would split the row: a clerk's paste must land in four cells. */
const oneCell = (s: string | undefined) => (s ?? '').replace(/[\t\r\n]+/g, ' ').trim();

/**
 * "Copy all" on the in-page card: the invoice as ONE spreadsheet row, in the order of the export's
 * columns and of the paper (code, number, amount in yuan, place), so a clerk pasting invoice after
 * invoice into Excel or WPS builds one row per invoice under the export's headers. A missing field
 * leaves its cell empty, so the columns never shift.
 *
 * Two flavours go on the clipboard together:
 * - `text`: the four values tab-separated ("233001655820\t08501638\t10.00\t浙江省"), for Google
 *   Sheets, a chat or a text editor;
 * - `html`: the same row as a table whose code and number cells carry Excel's text format
 *   (`mso-number-format:'\@'`, which Excel and WPS honour on paste), because pasted as plain text
 *   Excel turns "033012067798" into the number 33012067798 and shows 3.3012E+10: a silently wrong
 *   code. The amount cell is a number with two decimals (`0.00`), so sums work.
 * The amount goes through the one parser (lib/invoice/amount.ts) as plain yuan ("1000.00"); text
 * that does not read as an amount is copied as it is, in a text cell (never a made-up number).
 * A form is served by Fill and the per-field Copy, not by this row.
 */
export function copyAllRow(fields: RowFields): CopyAll {
  const fen = amountFen(fields.amount);
  const amount = fen === null ? oneCell(fields.amount) : fenToYuanText(fen);
  const cells = [oneCell(fields.code), oneCell(fields.number), amount, oneCell(fields.location)];
  const text = cells.join('\t');
  const asText = "mso-number-format:'\\@'";
  const styles = [asText, asText, fen === null ? asText : "mso-number-format:'0.00'", asText];
  const tds = cells.map((value, i) => `<td style="${styles[i]}">${escapeHtml(value)}</td>`).join('');
  return { text, html: `<table><tr>${tds}</tr></table>` };
}
