import type { Fen } from './amount';
import { needsReview, type CheckResult } from './checks';

/** The figures a bookkeeper reads above a batch and in the export's summary. */
export interface BatchTotals {
  /** Distinct recognized invoices: a duplicate counts once, a failure never. */
  invoices: number;
  /** Sum of those invoices' amounts, exact fen. */
  fen: Fen;
  /** Recognized captures left out because an earlier capture is the same invoice. */
  duplicates: number;
  duplicatesFen: Fen;
  failed: number;
  /** Queued or running: not read yet, so not in the sum. */
  pending: number;
  /** Recognized captures with something to look at (a missing field, a format, low confidence…). */
  toReview: number;
}

export interface TotalsItem {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** ms since the epoch; the earliest capture of an invoice is the one counted. */
  createdAt: number;
}

/**
 * Totals of a set of captures (the whole batch, or what a filter shows): duplicates are settled
 * within the set, so of two captures of one invoice the earlier one counts (ties: the smaller id).
 * `among`: the larger set the duplicates are settled in (default: the items themselves).
 */
export function batchTotals(items: TotalsItem[], checks: Map<string, CheckResult>, among: TotalsItem[] = items): BatchTotals {
  const done = items.filter((i) => i.status === 'done');
  // Twins are looked up among `among` (the whole set when totalling one group of it), so a
  // duplicate whose first capture sits in another month still counts once overall.
  const doneAt = new Map(among.filter((i) => i.status === 'done').map((i) => [i.id, i]));
  const earlier = (a: TotalsItem, b: TotalsItem) => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
  const totals: BatchTotals = { invoices: 0, fen: 0, duplicates: 0, duplicatesFen: 0, failed: 0, pending: 0, toReview: 0 };
  for (const item of items) {
    if (item.status === 'failed') totals.failed += 1;
    if (item.status === 'queued' || item.status === 'running') totals.pending += 1;
  }
  for (const item of done) {
    const check = checks.get(item.id);
    const fen = check?.fen ?? 0;
    if (needsReview(check)) totals.toReview += 1;
    const counted = (check?.duplicateOf ?? []).some((other) => {
      const twin = doneAt.get(other);
      return twin !== undefined && earlier(twin, item);
    });
    if (counted) {
      totals.duplicates += 1;
      totals.duplicatesFen += fen;
    } else {
      totals.invoices += 1;
      totals.fen += fen;
    }
  }
  return totals;
}
