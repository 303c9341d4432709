import { useEffect, useRef, useState } from 'preact/hooks';
import { pure } from './pure';
import { formatAmount } from '@/lib/invoice/amount';
import { groupName, type GroupTotals } from '@/lib/invoice/groups';
import { t, type MessageKey } from '@/lib/i18n';

interface Props {
  /** null while the groups wait for the table's first paint: the same box, empty, is drawn. */
  groups: { byMonth: GroupTotals[]; byCity: GroupTotals[] } | null;
}

/** One group table: totals per month or city, with a bar of its amount (plain SVG, theme colours). */
function GroupTable({ groups, caption, keyLabel, kind }: { groups: GroupTotals[]; caption: MessageKey; keyLabel: MessageKey; kind: string }) {
  const max = Math.max(1, ...groups.map((g) => g.totals.fen));
  return (
    <table class={`glance-table glance-${kind}`}>
      <caption>{t(caption)}</caption>
      <thead>
        <tr>
          <th scope="col">{t(keyLabel)}</th>
          <th scope="col" class="num">{t('glanceInvoices')}</th>
          <th scope="col" class="num">{t('glanceAmount')}</th>
          <th scope="col" class="bar-col"><span class="visually-hidden">{t('glanceAmount')}</span></th>
          <th scope="col" class="num">{t('glanceDuplicates')}</th>
          <th scope="col" class="num">{t('glanceToReview')}</th>
          <th scope="col" class="num">{t('glanceFailed')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key} data-group={g.key} data-fen={g.totals.fen} data-invoices={g.totals.invoices}>
            <th scope="row" title={groupName(g, t)}>{groupName(g, t)}</th>
            <td class="num">{g.totals.invoices}</td>
            <td class="num">{formatAmount(g.totals.fen)}</td>
            <td class="bar-col">
              <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="bar-track" x="0" y="0" width="100" height="10" rx="2" />
                <rect class="bar-fill" x="0" y="0" width={(100 * g.totals.fen) / max} height="10" rx="2" />
              </svg>
            </td>
            <td class="num">{g.totals.duplicates || ''}</td>
            <td class="num">{g.totals.toReview || ''}</td>
            <td class="num">{g.totals.failed || ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Totals and a small bar chart by month and by city: what 金蝶/用友's invoice pools show.
 * Memoized: the groups change with the data or the filter, not when a row is chosen.
 * The groups' box has one fixed height (batch.css `--glance-height`, scrolled inside when the
 * groups are longer) and is drawn empty until they are ready: the groups come a frame after the
 * table (lib/ui/use-after-paint.ts), and a box growing then pushed the table down under the
 * pointer (a click landed on the wrong row, issue 13).
 */
export const MonthGlance = pure(function MonthGlance({ groups }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const more = useWholeRowsAndMoreBelow(box, groups);
  return (
    <section class="glance" aria-labelledby="glance-title" aria-busy={groups === null || undefined}>
      <h2 id="glance-title">{t('glanceTitle')}</h2>
      <div class="glance-frame">
        {/* Focusable: a box that scrolls must be reachable by keyboard (axe scrollable-region-focusable). */}
        <div class="glance-groups" ref={box} tabIndex={0} role="group" aria-labelledby="glance-title">
          {groups && <GroupTable groups={groups.byMonth} caption="glanceByMonth" keyLabel="glanceMonth" kind="month" />}
          {groups && <GroupTable groups={groups.byCity} caption="glanceByCity" keyLabel="glanceCity" kind="city" />}
        </div>
        {/* Under the box, on a line of its own that is always there (empty while nothing is hidden):
            over the box's foot it covered the last row shown (issue 13, zh_CN), and a line coming
            and going would move the table below. A visual cue only (the rows themselves are all
            in the DOM for a screen reader). */}
        <p class="glance-more" aria-hidden="true" data-more={more || undefined}>{more ? t('glanceMoreBelow') : ''}</p>
      </div>
    </section>
  );
});

/**
 * Fits the box to whole rows (fitWholeRows) and tells whether it holds rows below what it shows:
 * a fixed-height box cut its last city in half with no sign of more (issue 13's trial: Chromium
 * draws no scroll bar until one scrolls). Fitted when the tables' size changes (the
 * ResizeObserver's first report, when the groups arrive, is the first fit; after the paint: read
 * in a layout effect, the box's height forced the whole page's layout inside the render that
 * brings 5,000 captures; the line it fills is always there, so a frame's wait moves nothing) and
 * on resize; "more below" checked again on scroll.
 */
function useWholeRowsAndMoreBelow(box: { current: HTMLElement | null }, groups: unknown): boolean {
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setMore(el.scrollHeight - el.scrollTop - el.clientHeight > 1);
    const fit = () => {
      fitWholeRows(el);
      check();
    };
    // The observer reports each table once when observed (the first fit), and again when its rows
    // change height after the first paint: the CJK font arrives (a new user's first open
    // of the batch cut a city in zh_CN), a window's width wraps the box's sideways scroll bar in.
    const tables = new ResizeObserver(fit);
    el.querySelectorAll('table').forEach((table) => tables.observe(table));
    if (!groups) check(); // no table to report: nothing below
    el.addEventListener('scroll', check, { passive: true });
    window.addEventListener('resize', fit);
    return () => {
      tables.disconnect();
      el.removeEventListener('scroll', check);
      window.removeEventListener('resize', fit);
    };
  }, [box, groups]);
  return more;
}

/**
 * Shortens the groups' box (at most batch.css `--glance-height`) to the foot of the last row it
 * shows whole, so no row is cut in half above "more below" (zh_CN at 1024 px: the sideways scroll
 * bar took 15 px and cut a city; new-user check of stop 36). A cut is taken only where no row of
 * either table straddles it. The frame around keeps its one height: the table below never moves.
 * Units: CSS px; rows measured at the box's top (scrollTop 0 or not: positions are made relative).
 */
function fitWholeRows(el: HTMLElement): void {
  el.style.height = '';
  const room = el.clientHeight; // at the CSS height, less a sideways scroll bar
  const top = el.getBoundingClientRect().top + el.clientTop - el.scrollTop;
  const rows = Array.from(el.querySelectorAll('tbody tr'), (r) => {
    const box = r.getBoundingClientRect();
    return { top: box.top - top, bottom: box.bottom - top };
  }).sort((a, b) => a.top - b.top);
  // One pass down the rows of both tables: rows that overlap (a month's row beside a city's) make
  // one band, and a band's foot is a cut no row straddles; the lowest such foot within the room.
  let cut: number | undefined;
  let band: { top: number; bottom: number } | undefined;
  for (const row of rows) {
    if (band && row.top < band.bottom - 0.5) {
      band.bottom = Math.max(band.bottom, row.bottom);
      continue;
    }
    if (band && band.bottom <= room + 0.5) cut = band.bottom;
    band = { ...row };
  }
  if (band && band.bottom <= room + 0.5) return; // every row fits: the CSS height stands
  if (cut !== undefined) el.style.height = `${cut + el.offsetHeight - el.clientHeight}px`;
}
