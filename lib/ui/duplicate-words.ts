import { formatDateTimeSeconds, t } from '../i18n';
import type { CheckResult } from '../invoice/checks';
import { countedCaptures, countedTwin, type TotalsItem } from '../invoice/totals';

/** A duplicate capture as the batch row and the popup card mark it. */
export interface DuplicateMark {
  /** This capture is the one the totals count (lib/invoice/totals.ts countedCaptures). */
  counted: boolean;
  /** When not counted: the capture counted in its place (id, and when it was captured, ms). */
  twin?: { id: string; createdAt: number };
}

/**
 * The duplicate marks of a set of captures, by id (only captures flagged `duplicate`), from the
 * one rule the totals use, settled over the whole set so a mark agrees with the totals above it.
 * One object per capture per change of the data, so memoized rows keep theirs.
 */
export function duplicateMarks(items: TotalsItem[], checks: Map<string, CheckResult>): Map<string, DuplicateMark> {
  const marks = new Map<string, DuplicateMark>();
  const flagged = items.filter((item) => checks.get(item.id)?.flags.includes('duplicate'));
  if (flagged.length === 0) return marks; // the usual batch: nothing to settle
  const counted = countedCaptures(items, checks);
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const item of flagged) {
    const twinId = countedTwin(item.id, checks, counted);
    const twin = twinId === undefined ? undefined : byId.get(twinId);
    marks.set(item.id, { counted: counted.has(item.id), twin: twin && { id: twin.id, createdAt: twin.createdAt } });
  }
  return marks;
}

/**
 * "Duplicate — this one is counted", "Duplicate of the capture of 11/30/26, 2:56:07 PM — not
 * counted" (to the second: several captures share a minute), or "Duplicate — not counted".
 */
export function duplicateWords(mark: DuplicateMark): string {
  if (mark.counted) return t('duplicateCounted');
  return mark.twin ? t('duplicateOf', formatDateTimeSeconds(mark.twin.createdAt)) : t('duplicateNotCounted');
}

/**
 * The popup's one-line badge: "Duplicate · not counted" or "Duplicate · counted" (重复·未计入 /
 * 重复·计入). The whole sentence (duplicateWords) goes in its title and in the row's details:
 * in a 400 px popup it wrapped to three lines and cost a row (issue 13).
 */
export function duplicateShortWords(mark: DuplicateMark): string {
  return t(mark.counted ? 'duplicateShortCounted' : 'duplicateShortNotCounted');
}
