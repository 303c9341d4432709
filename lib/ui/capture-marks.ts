import { checkWord } from '../export/columns';
import { t } from '../i18n';
import { checksFor } from '../invoice/capture-checks';
import { needsReview, type CheckId, type CheckResult } from '../invoice/checks';
import type { Capture } from '../store/capture-schema';
import { duplicateMarks, type DuplicateMark } from './duplicate-words';

/** What the batch says of each capture, for the popup and the in-page card to say the same. */
export interface CaptureMarks {
  /** lib/invoice/checks.ts checkBatch's results, by capture id. */
  checks: Map<string, CheckResult>;
  /** Duplicates only: whether each is the one counted (lib/ui/duplicate-words.ts duplicateMarks). */
  duplicates: Map<string, DuplicateMark>;
}

/**
 * The checks and duplicate marks of `all` — which must be every stored capture (the batch page's
 * set, records only), never the newest few: the popup once looked for duplicates only among the
 * 20 it lists, so a second claim of a month-old invoice showed a green ✓ and Fill (trial 6, M2).
 * The same rule the batch rows, the totals and every export use (checksFor + countedCaptures).
 */
export function captureMarks(all: Capture[]): CaptureMarks {
  const checks = checksFor(all);
  return { checks, duplicates: duplicateMarks(all, checks) };
}

/** The flags that put an invoice on the to-review list (needsReview), in the batch's order. */
export function reviewFlags(check: CheckResult | undefined): CheckId[] {
  return needsReview(check) ? check!.flags.filter((f) => f !== 'duplicate') : [];
}

/** Those flags in the UI language, as the batch's Checks column words them ("unusual amount"). */
export function reviewReasons(check: CheckResult | undefined): string[] {
  return reviewFlags(check).map((flag) => checkWord(flag, t));
}
