import type { MessageKey } from '@/lib/i18n';
import type { InvoiceFieldName } from '@/lib/store/capture-schema';

/** The message key naming each invoice field, for every view that shows one. */
export const FIELD_LABEL: Record<InvoiceFieldName, MessageKey> = {
  number: 'fieldNumber',
  code: 'fieldCode',
  location: 'fieldLocation',
  amount: 'fieldAmount',
};
