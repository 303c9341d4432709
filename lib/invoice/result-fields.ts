// A recognition result's field together with its confidence: the two are written and dropped
// together, so a field never keeps a confidence it no longer has (or lacks the one it has).
import type { QuotaInvoiceField, QuotaInvoiceResult } from '../recognize/contract';

/** Sets `field` to `value` with `confidence` (0–1; undefined leaves it unrated), in place. */
export function putField(result: QuotaInvoiceResult, field: QuotaInvoiceField, value: string, confidence: number | undefined): void {
  result[field] = value;
  result.confidence = { ...result.confidence, [field]: confidence };
}

/** Takes `field` and its confidence out of `result`, in place. */
export function dropField(result: QuotaInvoiceResult, field: QuotaInvoiceField): void {
  delete result[field];
  if (!result.confidence) return;
  const { [field]: _dropped, ...rest } = result.confidence;
  result.confidence = rest;
}
