// When a read field goes to the clerk: the one threshold the batch checks (lib/invoice/checks.ts,
// via lib/invoice/capture-checks.ts checksFor) and the readers that mark doubtful fields both use.

/**
 * A recognized capture whose lowest field confidence (0–1) is below this is flagged
 * `needs-review` in the batch view and in exports.
 */
export const REVIEW_THRESHOLD = 0.9;

/**
 * The confidence (0–1) a reader gives a field it doubts, whatever the recognizer said: just below
 * REVIEW_THRESHOLD, so the capture is flagged for review and the field's reading is kept as a hint.
 */
export function markedForReview(confidence: number): number {
  return Math.min(confidence, Math.round((REVIEW_THRESHOLD - 0.01) * 1000) / 1000);
}
