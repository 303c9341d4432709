// Whether a value the engine read would reach the clerk as settled or as to review: the one rule
// both benches (test/bench/accuracy.ts, test/bench/sheets.ts) count "silently wrong" by.
import type { QuotaInvoiceResult } from '../../lib/recognize/contract';
import { checkBatch, type CheckId } from '../../lib/invoice/checks';
import { gbt2260 } from '../../lib/invoice/gbt2260';
import { REVIEW_THRESHOLD } from '../../lib/invoice/review';

type Field = 'code' | 'number' | 'amount' | 'location';

/**
 * Every reason (`, `-joined) the product would put `field` of this read to review, or null when it would show it settled:
 * - `confidence 0.xx`: the field's own confidence (0–1; a missing one counts as 0) is below
 *   REVIEW_THRESHOLD (lib/invoice/review.ts); the engine's doubt marks (markedForReview) land here.
 * - the product's checks of the capture (lib/invoice/checks.ts checkBatch, alone in its batch):
 *   e.g. `unusual-amount` (not a quota denomination), `code-format`, `region-mismatch`.
 *   `duplicate` never sends to review (needsReview) and `needs-review` (another field's low
 *   confidence) is left out on purpose, so one doubtful field does not excuse another: stricter
 *   than the product, which marks the whole capture.
 */
export function reviewReason(result: QuotaInvoiceResult, field: Field): string | null {
  const confidence = result.confidence?.[field] ?? 0;
  const { code, number, amount, location } = result;
  const check = checkBatch([{ id: 'read', fields: { code, number, amount, location } }], gbt2260(), REVIEW_THRESHOLD).get('read');
  const reasons = [
    ...(confidence < REVIEW_THRESHOLD ? [`confidence ${confidence.toFixed(2)}`] : []),
    ...(check?.flags ?? []).filter((f: CheckId) => f !== 'duplicate' && f !== 'needs-review'),
  ];
  return reasons.length ? reasons.join(', ') : null;
}

