import { isoDate } from '../export/naming';
import { toHalfWidth } from '../invoice/normalize';
import { needsReview, type CheckResult } from '../invoice/checks';
import { isInvoice, standing } from '../invoice/hand-entry';
import { effectiveFields, type Capture } from '../store/capture-schema';
import type { CaptureView } from './use-captures';

/** The review table's status menu: done, failed and entered go by standing (lib/invoice/hand-entry.ts). */
export type StatusFilter = 'all' | 'done' | 'failed' | 'entered' | 'review' | 'duplicate';

/** What the review table shows: a status, a month, a day range and words to find. */
export interface ReviewFilter {
  status: StatusFilter;
  /** "yyyy-mm" (local time, as monthKey), '' = every month. */
  month: string;
  /** Captured on or after / on or before this day, "yyyy-mm-dd"; '' = open-ended. */
  from: string;
  to: string;
  /** Found, case-insensitively, in the four fields (corrections win), the page address or the file name. */
  text: string;
}

export const NO_FILTER: ReviewFilter = { status: 'all', month: '', from: '', to: '', text: '' };

/**
 * A capture with what the filter compares, worked out once per change of the data rather than
 * once per key stroke: its day, its month and its searchable words in lower case. (Filtering
 * 5,000 captures by words took 150 ms when every key stroke rebuilt and lowered each capture's words.)
 */
export interface IndexedView {
  view: CaptureView;
  day: string;
  month: string;
  words: string;
}

/** What the filter compares of one capture: its day, its month and its words in lower case. */
export type CaptureKeys = Omit<IndexedView, 'view'>;

/** One capture's filter keys (the index's entry without the view). */
export function captureKeys(capture: Capture): CaptureKeys {
  const f = effectiveFields(capture);
  const day = isoDate(capture.createdAt);
  return {
    day,
    month: day.slice(0, 7),
    words: `${f.number ?? ''} ${f.code ?? ''} ${f.location ?? ''} ${f.amount ?? ''} ${capture.source.pageUrl ?? ''} ${capture.source.fileName ?? ''}`.toLowerCase(),
  };
}

/**
 * The filter's index of `views` (same order); a few ms for 5,000 captures. `keysOf` may remember
 * each capture's keys (the batch page does, per capture object: a change of one capture then
 * costs one entry, not 5,000).
 */
export function indexViews(views: CaptureView[], keysOf: (capture: Capture) => CaptureKeys = captureKeys): IndexedView[] {
  return views.map((view) => ({ view, ...keysOf(view.capture) }));
}

/** The views `filter` lets through, in the index's order. */
export function filterViews(index: IndexedView[], checks: Map<string, CheckResult>, filter: ReviewFilter): CaptureView[] {
  const text = filter.text.trim().toLowerCase();
  const { status, month, from, to } = filter;
  const out: CaptureView[] = [];
  for (const item of index) {
    const { capture } = item.view;
    if (month && item.month !== month) continue;
    if ((from && item.day < from) || (to && item.day > to)) continue;
    if ((status === 'done' || status === 'failed' || status === 'entered') && standing(capture) !== status) continue;
    if (status === 'duplicate' && !checks.get(capture.id)?.flags.includes('duplicate')) continue;
    if (status === 'review' && !(isInvoice(capture) && needsReview(checks.get(capture.id)))) continue;
    if (text && !item.words.includes(text)) continue;
    out.push(item.view);
  }
  return out;
}

/** Whether `filter` lets every capture through (no index needed). */
export function isOpen(filter: ReviewFilter): boolean {
  return filter.status === 'all' && !filter.month && !filter.from && !filter.to && !filter.text.trim();
}

/** The months of an index's captures, newest first, "yyyy-mm" (local time, as monthKey). */
export function monthsOf(index: IndexedView[]): string[] {
  const months = new Set<string>();
  for (const item of index) months.add(item.month);
  return [...months].sort().reverse();
}

/** The order of year, month and day in a language's short dates ("11/25/26" in en: month, day, year). */
export type DayOrder = readonly ('year' | 'month' | 'day')[];

/**
 * The order in which `locale` writes a short date, as the review table's Captured column writes it
 * (Intl.DateTimeFormat, dateStyle short): en → month, day, year; zh-CN → year, month, day.
 */
export function dayOrderOf(locale: string): DayOrder {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' })
    .formatToParts(Date.UTC(2026, 10, 25))
    .flatMap((part) => (part.type === 'year' || part.type === 'month' || part.type === 'day' ? [part.type] : []));
}

/** yyyy-mm-dd for a real day, else null. */
function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A day typed by the clerk, as "yyyy-mm-dd", or null when it is no real day. Takes year first,
 * the way both Chinese and ISO write it: 2026-11-05, 2026/11/5, 2026.11.5, 2026年11月5日, 20261105,
 * in half- or full-width characters; and, given `order` (dayOrderOf the table's language), the
 * day the way the table shows it: 11/25/26 or 11/25/2026 in en (a two-digit year is 20yy: the
 * table writes the capture's year so, and no capture predates 2000). Any other order is refused,
 * never guessed (05.11.2026 is 5 November to some readers and 11 May to others).
 * '' (nothing typed) is '' (open-ended). Issue 13 (trial 6, M6): "11/25/26" copied from the table was refused.
 */
export function parseDay(typed: string, order: DayOrder = ['year', 'month', 'day']): string | null {
  // Full-width digits and separators as a Chinese input method types them (２０２６－１１－３０).
  const s = toHalfWidth(typed).trim();
  if (s === '') return '';
  const m = /^(\d{4})(?:[-/.年\s]\s*(\d{1,2})[-/.月\s]\s*(\d{1,2})日?|(\d{2})(\d{2}))$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
  // The table's own order, year last (en's month/day/year).
  if (order[2] !== 'year') return null;
  const shown = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/.exec(s);
  if (!shown) return null;
  const parts: Record<string, number> = { [order[0]!]: Number(shown[1]), [order[1]!]: Number(shown[3]), year: Number(shown[4]) };
  const year = shown[4]!.length === 2 ? 2000 + parts.year! : parts.year!;
  return isoDay(year, parts.month!, parts.day!);
}
