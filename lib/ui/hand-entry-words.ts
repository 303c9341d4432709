import { t, type MessageKey } from '@/lib/i18n';
import type { InvoiceFieldKey } from '@/lib/invoice/checks';

/**
 * Each field a hand entry still needs, named with what makes it usable (lib/invoice/hand-entry.ts
 * `usable`: a 12-digit code, an 8-digit number, an amount above zero), so a clerk who typed 11
 * digits learns why the row is not counted yet, not only that the code is "still to enter".
 */
const NEEDED: Record<InvoiceFieldKey, MessageKey> = {
  code: 'handEntryNeedCode',
  number: 'handEntryNeedNumber',
  amount: 'handEntryNeedAmount',
  location: 'fieldLocation',
};

/** "Not counted yet — still to enter: Invoice code (12 digits), …." for handEntryGaps' fields, in the UI's language. */
export function toEnterWords(toEnter: readonly InvoiceFieldKey[]): string {
  return t('handEntryToEnter', toEnter.map((field) => t(NEEDED[field])).join(t('handEntryListJoin')));
}
