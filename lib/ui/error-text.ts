import type { DocumentKind, RecognitionError } from '@/lib/recognize/contract';
import { errorMessageKey } from './error-words';
import { t, tDynamic, type MessageKey } from '@/lib/i18n';

/** How each recognized other kind is named inside "This looks like …, not a quota invoice". */
const KIND_LABEL: Record<Exclude<DocumentKind, 'unknown'>, MessageKey> = {
  'taxi-receipt': 'kind_taxi_receipt',
  'train-ticket': 'kind_train_ticket',
  'air-itinerary': 'kind_air_itinerary',
  'vat-special': 'kind_vat_special',
  'vat-ordinary': 'kind_vat_ordinary',
  'e-invoice': 'kind_e_invoice',
  'machine-printed': 'kind_machine_printed',
  'vehicle-sales': 'kind_vehicle_sales',
  'toll-parking': 'kind_toll_parking',
};

/**
 * The words explaining a failed capture: the kind of paper it looks like when the recognizer told
 * one (AIS.0104 with `documentKind`), else the code's own message.
 */
export function errorText(error: Pick<RecognitionError, 'code' | 'documentKind'>): string {
  const kind = error.documentKind;
  if (kind && kind !== 'unknown') return t('notQuotaInvoice', t(KIND_LABEL[kind]));
  return tDynamic(errorMessageKey(error.code));
}
