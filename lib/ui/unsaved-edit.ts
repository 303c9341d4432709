import type { Translate } from '@/lib/export/columns';
import { formatDateTime } from '@/lib/i18n';
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

/**
 * Why an export did not go ahead while `edit` is not saved, and what to do, e.g. "Not exported:
 * an edit is not saved, row 144031060038 35050290, Amount “1,00.00”. Fix it, or press Escape in
 * that box to keep ￥50.00, then export again." The row is named by its code and number, or by
 * its capture time when it has neither (a failed capture not yet typed in). The value kept is the
 * one the export would carry (an amount as the totals count it). Issue: trial 5, a clerk who
 * typed 1,00.00 for 100.00 exported the ￥50.00 kept, and nothing said so.
 */
export function exportStoppedWords(edit: UnsavedEdit, capture: Pick<Capture, 'createdAt' | 'result' | 'corrections'>, words: Translate): string {
  const fields = effectiveFields(capture);
  const row = [fields.code, fields.number].filter(Boolean).join(' ') || formatDateTime(capture.createdAt);
  const kept = (edit.field === 'amount' ? displayAmount(fields.amount) : fields[edit.field]) ?? '';
  const said = [row, words(FIELD_LABEL[edit.field]), edit.typed];
  return kept === '' ? words('exportStoppedUnsavedEmpty', said) : words('exportStoppedUnsaved', [...said, kept]);
}
