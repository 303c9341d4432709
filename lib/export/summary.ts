import { formatAmount } from '../invoice/amount';
import { groupName, type GroupTotals } from '../invoice/groups';
import type { BatchTotals } from '../invoice/totals';
import type { Translate } from './columns';
import { localDateTime } from './records';

/**
 * "8 invoices · ￥1,234.00 · 1 entered by hand · 1 duplicate not counted (￥1,000.00) · 2 failed ·
 * 3 to review": the same line above the batch, in summary.txt and in the export's notice, in the
 * UI language. The hand-entered part is said only when there are some.
 */
export function totalsLine(totals: BatchTotals, words: Translate): string {
  const parts = [words('totalsInvoices', [String(totals.invoices), formatAmount(totals.fen)])];
  if (totals.entered > 0) parts.push(words('totalsEntered', String(totals.entered)));
  if (totals.duplicates > 0) parts.push(words('totalsDuplicates', [String(totals.duplicates), formatAmount(totals.duplicatesFen)]));
  parts.push(words('totalsFailed', String(totals.failed)), words('totalsToReview', String(totals.toReview)));
  if (totals.pending > 0) parts.push(words('totalsPending', String(totals.pending)));
  return parts.join(' · ');
}

/**
 * What the batch says once a ZIP is written: how many captures went into it (rows, duplicates and
 * failures included) and what they add up to, in the same words as its summary.txt, e.g.
 * "Exported 21 captures as a ZIP (see your downloads): 11 invoices · ￥1,110.00 · …".
 */
export function exportedNotice(captures: number, totals: BatchTotals, cleared: boolean, words: Translate): string {
  return words(cleared ? 'batchExportedCleared' : 'batchExported', [String(captures), totalsLine(totals, words)]);
}

/**
 * What the batch says once a ZIP is imported, e.g. "Imported captures: 4 (invoices: 2, duplicates
 * not counted: 1, failed: 1) · already here: 0.": its invoices and duplicates as the totals count
 * them (ImportResult, lib/export/import.ts).
 */
export function importedNotice(result: { added: number; invoices: number; duplicates: number; failed: number; skipped: number }, words: Translate): string {
  return words('batchImported', [result.added, result.invoices, result.duplicates, result.failed, result.skipped].map(String));
}

/** "2026-11: 8 invoices · ￥1,234.00 · …", one line per month or city. */
function groupLines(heading: string, groups: GroupTotals[], words: Translate): string[] {
  if (groups.length === 0) return [];
  return ['', heading, ...groups.map((g) => `${groupName(g, words)}: ${totalsLine(g.totals, words)}`)];
}

/** summary.txt: what a bookkeeper reads first when the ZIP arrives; then per month and per city. */
export function summaryText(totals: BatchTotals, words: Translate, exportedAt: Date, groups?: { byMonth: GroupTotals[]; byCity: GroupTotals[] }): string {
  return [
    words('summaryTitle', localDateTime(exportedAt)), // 2026-11-30 09:30:05: one form in both languages
    totalsLine(totals, words),
    words('summaryRules'),
    ...groupLines(words('glanceByMonth'), groups?.byMonth ?? [], words),
    ...groupLines(words('glanceByCity'), groups?.byCity ?? [], words),
    '',
  ].join('\r\n');
}
