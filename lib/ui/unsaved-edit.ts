import { formatDateTime, formatDateTimeSeconds, type Translate } from '@/lib/i18n';
import { displayAmount } from '@/lib/invoice/amount';
import { effectiveFields, type Capture, type InvoiceFieldName } from '@/lib/store/capture-schema';
import { FIELD_LABEL } from './field-labels';

/** A cell of the batch holding a value the clerk typed that was refused, so not saved. */
export interface UnsavedEdit {
  id: string;
  field: InvoiceFieldName;
  /** What is in the box, as typed ("1,00.00"). */
  typed: string;
}

type Named = Pick<Capture, 'id' | 'createdAt' | 'result' | 'corrections'>;

/**
 * The words that name a row of the batch for the clerk to find it: its code and number
 * ("144031060038 35050290"), as invoices are filed; with its capture time to the second when another
 * capture of `batch` has the same code and number (two captures of one invoice, which the pair alone
 * does not tell apart, and which a minute may not either: the duplicate pointers of the batch, the
 * popup and the card give seconds too); its capture time alone when it has neither (a failed capture
 * not yet typed in).
 */
export function rowName(capture: Named, batch: readonly Named[], words: Translate): string {
  const { code, number } = effectiveFields(capture);
  const pair = [code, number].filter(Boolean).join(' ');
  if (pair === '') return formatDateTime(capture.createdAt);
  const shared = batch.some((other) => other.id !== capture.id && effectiveFields(other).code === code && effectiveFields(other).number === number);
  return shared ? words('rowNameCapturedAt', [pair, formatDateTimeSeconds(capture.createdAt)]) : pair;
}

/**
 * Why an export did not go ahead while cells hold refused values, and what to do, e.g. "Not
 * exported: an edit is not saved, row 144031060038 35050290, Amount “1,00.00”. Fix it, or press
 * Escape in that box to keep ￥50.00, then export again." `edit` is the first such cell (table
 * order), the one the focus goes to; its row is named by rowName among `batch`. The value kept is
 * the one the export would carry (an amount as the totals count it). With `unsaved` (how many
 * cells in all hold a refused value) above 1 the words say how many, and name the first. Issue: trial 5, a clerk who typed
 * 1,00.00 for 100.00 exported the ￥50.00 kept, and nothing said so.
 */
export function exportStoppedWords(edit: UnsavedEdit, capture: Named, batch: readonly Named[], unsaved: number, words: Translate): string {
  const fields = effectiveFields(capture);
  const kept = (edit.field === 'amount' ? displayAmount(fields.amount) : fields[edit.field]) ?? '';
  const said = [rowName(capture, batch, words), words(FIELD_LABEL[edit.field]), edit.typed];
  if (unsaved > 1) return kept === '' ? words('exportStoppedUnsavedManyEmpty', [...said, String(unsaved)]) : words('exportStoppedUnsavedMany', [...said, kept, String(unsaved)]);
  return kept === '' ? words('exportStoppedUnsavedEmpty', said) : words('exportStoppedUnsaved', [...said, kept]);
}
