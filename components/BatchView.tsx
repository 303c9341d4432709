import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ImageViewer, type FieldRegion } from './ImageViewer';
import { MonthGlance } from './MonthGlance';
import { FIELD_LABEL } from '@/lib/ui/field-labels';
import { FIELDS, ReviewRow, type RowActions } from './ReviewRow';
import { nextSort, presetOf, SORT_PRESETS, sortViews, type SortKey, type SortPreset, type SortState } from './batch-sort';
import { totalsLine } from '@/lib/export/summary';
import type { CheckResult } from '@/lib/invoice/checks';
import { glance } from '@/lib/invoice/groups';
import { batchTotals } from '@/lib/invoice/totals';
import { formatMonth, htmlLang, t, type MessageKey } from '@/lib/i18n';
import { effectiveFields, type Capture, type InvoiceFieldName } from '@/lib/store/capture-schema';
import { captureKeys, filterViews, indexViews, isOpen, monthsOf, NO_FILTER, parseDay, dayOrderOf, type ReviewFilter, type StatusFilter } from '@/lib/ui/review-filter';
import { useAfterPaint } from '@/lib/ui/use-after-paint';
import { scrollPageToBox, usePageScrollsFirst } from '@/lib/ui/use-page-scrolls-first';
import { useEdgeAwayFromPress } from '@/lib/ui/use-edge-away-from-press';
import { heirOf } from '@/lib/ui/row-heir';
import { firstScreenRows, rowsToDraw } from '@/lib/ui/first-screen';
import { useKept, usePerItem } from '@/lib/ui/use-kept';
import type { CaptureView } from '@/lib/ui/use-captures';
import { useImageUrls } from '@/lib/ui/use-image-urls';
import { duplicateMarks } from '@/lib/ui/duplicate-words';
import { exportStoppedWords } from '@/lib/ui/unsaved-edit';
import { editsByRow, firstEdit, holdEdit, liveEdits, NO_HELD_EDITS, type HeldEdits } from '@/lib/ui/unsaved-edits';
/**
 * Rows per page. Paging rather than a virtualizer: rows differ in height (a refusal, the original
 * beside a correction, a failure's words), Ctrl+F and screen readers see every row of the page,
 * and 100 rows render in a few ms, so 5,000 captures cost no more than 100 in the DOM.
 */
export const PAGE_SIZE = 100;

interface Props {
  views: CaptureView[];
  checks: Map<string, CheckResult>;
  /** The notice's words, and which raising of it this is (1, 2, …: the same words raised again are a new notice). */
  notice: { words: string; raised: number } | null;
  /** Offered after a delete: puts the deleted captures back. */
  onUndo: (() => void) | null;
  /** Closes the notice; a delete's captures stay for the next Delete's Undo, which counts them too. */
  onDismissNotice: () => void;
  onRetry: (id: string) => void;
  /** "Allow reading images from <host>" on a LOCAL.HOST_ACCESS row (lib/ui/allow-host.ts). */
  onAllowHost: (id: string, url: string) => void;
  /** Resolves with the words of a refusal, or null once saved. */
  onCorrect: (id: string, field: InvoiceFieldName, value: string) => Promise<string | null>;
  onExport: (captures: Capture[], clearAfter: boolean) => void;
  onDelete: (ids: string[]) => void;
  onImport: (file: File) => void;
  /** The stored image of a capture (IndexedDB), read only for the picture shown and its neighbours. */
  readImage: (id: string) => Promise<Blob | undefined>;
}

/** Where `field` was read on the capture's picture, when its provider said (the on-device engine does). */
function regionOf(capture: Capture, field: InvoiceFieldName): FieldRegion | undefined {
  const boxes = capture.result?.boxes;
  const quad = boxes?.fields[field];
  return boxes && quad ? { field, quad, width: boxes.width, height: boxes.height } : undefined;
}


const HEADERS: { key: SortKey; label: MessageKey }[] = [
  ...FIELDS.map((f) => ({ key: f, label: FIELD_LABEL[f] })),
  { key: 'checks', label: 'batchColChecks' },
  { key: 'captured', label: 'batchColCaptured' },
];

/** Every capture of the batch: review against the picture, correct, check, select and export. */
export function BatchView({ views, checks, notice, onUndo, onDismissNotice, onRetry, onAllowHost, onCorrect, onExport, onDelete, onImport, readImage }: Props) {
  const [sort, setSort] = useState<SortState>(SORT_PRESETS.newest);
  const [clearAfter, setClearAfter] = useState(false);
  const [filter, setFilter] = useState<ReviewFilter>(NO_FILTER);
  /** The days as typed (the filter holds them once they are real days). */
  const [typedDays, setTypedDays] = useState({ from: '', to: '' });
  /** A box left (or Enter pressed) with something that is no day: said beside it. */
  const [badDay, setBadDay] = useState({ from: false, to: false });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  /**
   * Cells holding a refused value (by "id field"), kept here, not in the rows: a row paged, sorted
   * or filtered away keeps its edit (trial 6, M1). The totals count the value kept, and say so.
   */
  const [held, setHeld] = useState<HeldEdits>(NO_HELD_EDITS);
  /** Why the last Export did not go ahead, said while the unsaved edits are still those it met. */
  const [stopped, setStopped] = useState<{ words: string; for: HeldEdits } | null>(null);
  /** The row the clerk chose (click, focus, arrow keys): shown in the image pane and moved by the arrow keys. */
  const [current, setCurrent] = useState<string | null>(null);
  /** The field Enter edits (← → move it). */
  const [field, setField] = useState<InvoiceFieldName>('code');
  /** The page shown, for the filter and sort it was chosen under: a new filter or sort starts at page 1. */
  const [paging, setPaging] = useState<{ page: number; filter: ReviewFilter; sort: SortState }>({ page: 0, filter: NO_FILTER, sort: SORT_PRESETS.newest });
  const table = useRef<HTMLTableElement>(null);
  // Below 1240 px the table scrolls in its own box above the picture: the page goes first.
  const list = useRef<HTMLDivElement>(null);
  usePageScrollsFirst(list);
  /** Set by a keyboard move: the next render focuses that row. */
  const focusNext = useRef<string | null>(null);
  /**
   * Set by an Export stopped on a refused edit (its cell), or a duplicate's link to the original
   * (its row), when off the page: renders to come bring it into view and focus it.
   */
  const editNext = useRef<{ id: string; field?: InvoiceFieldName } | null>(null);

  const open = isOpen(filter);
  // Each capture's filter keys and glance item are worked out once per capture object (a change
  // of one capture costs one entry, not 5,000; issue 13).
  const keysOf = usePerItem(captureKeys);
  const groupItemOf = usePerItem((c: Capture) => ({ ...c, fields: effectiveFields(c) }));
  // Built once per change of the data, a frame after the table is drawn, so the first key stroke
  // finds it ready; a filter before that builds it then.
  const indexed = useAfterPaint(views, null);
  const readyIndex = useMemo(() => (indexed ? indexViews(indexed, keysOf) : null), [indexed, keysOf]);
  const index = useMemo(() => (open ? null : indexed === views && readyIndex ? readyIndex : indexViews(views, keysOf)), [views, open, indexed, readyIndex, keysOf]);
  const filtered = useMemo(() => (index ? filterViews(index, checks, filter) : views), [index, views, checks, filter]);
  // The whole set's order and figures are kept while a filter is on: clearing the filter finds
  // them ready (it re-sorted and re-added 5,000 captures, 314 ms; issue 13).
  const sortedAll = useKept(open, () => sortViews(views, checks, sort), [views, checks, sort]);
  const sortedSome = useMemo(() => (open ? null : sortViews(filtered, checks, sort)), [open, filtered, checks, sort]);
  const shown = sortedAll ?? sortedSome ?? [];
  // From the filtered set, not the sorted one: the figures do not depend on the order, so a sort
  // (or a row chosen) does not recompute them.
  const totalsAll = useKept(open, () => batchTotals(views.map((v) => v.capture), checks), [views, checks]);
  const totalsSome = useMemo(() => (open ? null : batchTotals(filtered.map((v) => v.capture), checks)), [open, filtered, checks]);
  const totals = totalsAll ?? totalsSome!;
  const ids = useMemo(() => new Set(views.map((v) => v.capture.id)), [views]);
  // A deleted capture's refused edit no longer counts (Undo brings it back with the capture).
  const unsaved = useMemo(() => liveEdits(held, ids), [held, ids]);
  const heldByRow = useMemo(() => editsByRow(unsaved), [unsaved]);
  // The month at a glance and the month menu wait for the table to be painted (first screen
  // first); the whole set's glance is kept for when the filter is cleared.
  // Which capture of a duplicate counts, settled over the whole batch (not the filtered rows).
  const duplicates = useMemo(() => duplicateMarks(views.map((v) => v.capture), checks), [views, checks]);
  const glanced = useAfterPaint(filtered, null);
  const groupsAll = useKept(glanced !== null && glanced === views, () => glance(views.map((v) => groupItemOf(v.capture)), checks), [views, checks]);
  const groupsSome = useMemo(() => (glanced && glanced !== views ? glance(glanced.map((v) => groupItemOf(v.capture)), checks) : null), [glanced, views, checks, groupItemOf]);
  const groups = groupsAll ?? groupsSome;
  const months = useMemo(() => (readyIndex ? monthsOf(readyIndex) : []), [readyIndex]);
  // Days are also read the way the Captured column writes them (11/25/26 in en).
  const dayOrder = useMemo(() => dayOrderOf(htmlLang()), []);
  /**
   * A from/to box holds something that is no day: the rows shown are not those the clerk asked
   * for (the bound is left open), so "Export all shown" waits, saying why, rather than exporting
   * every row (trial 6, M6: 240 rows went out under a refused day). Waiting, not exporting nothing:
   * a clerk who meant a day wants it fixed, and an empty ZIP would look like a done job.
   */
  const dayRefused = parseDay(typedDays.from, dayOrder) === null || parseDay(typedDays.to, dayOrder) === null;
  const typeDay = (end: 'from' | 'to', typed: string) => {
    setTypedDays((before) => ({ ...before, [end]: typed }));
    const day = parseDay(typed, dayOrder);
    // A day half typed, or no day, bounds nothing (more rows shown, never a guessed bound).
    setFilter((before) => ({ ...before, [end]: day ?? '' }));
    if (day !== null) setBadDay((before) => ({ ...before, [end]: false }));
  };
  const leaveDay = (end: 'from' | 'to', typed: string) => setBadDay((before) => ({ ...before, [end]: parseDay(typed, dayOrder) === null }));
  const chosen = shown.filter((v) => selected.has(v.capture.id)).map((v) => v.capture);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  // Derived rather than reset by an effect: the effect drew every filter and sort twice.
  const page = paging.filter === filter && paging.sort === sort ? paging.page : 0;
  const setPage = (n: number) => setPaging({ page: n, filter, sort });
  const pageNow = Math.min(page, pages - 1);
  const rows = shown.slice(pageNow * PAGE_SIZE, (pageNow + 1) * PAGE_SIZE);
  // The render that brings the data draws a screenful; the page's other rows follow once it is
  // painted (lib/ui/first-screen.ts). True from then on, while there are captures.
  const painted = useAfterPaint(views.length > 0, false);
  const drawn = rowsToDraw(rows, painted, firstScreenRows(window.innerHeight));
  const chosenAt = current === null ? -1 : shown.findIndex((v) => v.capture.id === current);
  // Until the clerk chooses a row (or when the one chosen is filtered out), the page's first row is
  // the one beside the picture: the page opens on a picture to check the first row against, and a
  // search for a number shows that invoice at once, where the pane stood empty with a blank zoom
  // figure (issue 13). It is marked as the chosen row, so which row the picture is of is never in
  // doubt, and the arrow keys go on from it.
  const currentAt = chosenAt >= 0 ? chosenAt : rows.length > 0 ? pageNow * PAGE_SIZE : -1;
  const currentView = currentAt < 0 ? undefined : shown[currentAt];
  const currentId = currentView?.capture.id ?? null;
  // The chosen row takes the Tab stop when it is on this page, else the first row (a roving tabindex).
  const tabStopId = rows.some((r) => r.capture.id === currentId) ? currentId : rows[0]?.capture.id;
  // The picture shown, and the rows above and below it ready for the next arrow key.
  const pictures = useImageUrls(readImage, [currentAt - 1, currentAt, currentAt + 1].flatMap((i) => (currentAt >= 0 && shown[i] ? [shown[i].capture] : [])));

  /** Focuses the row when it is rendered; undefined when it is not (another page). */
  const focusRow = (id: string, options?: FocusOptions) => {
    const tr = table.current?.querySelector<HTMLElement>(`tr[data-capture-id="${CSS.escape(id)}"]`);
    tr?.focus(options);
    return tr ? true : undefined;
  };
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    focusRow(id);
  });

  const moveTo = (index: number) => {
    if (shown.length === 0) return;
    const i = Math.max(0, Math.min(shown.length - 1, index));
    const id = shown[i]!.capture.id;
    setCurrent(id);
    setPage(Math.floor(i / PAGE_SIZE));
    // Focus at once when the row is on this page, so a quick second key press starts from it;
    // on another page, once that page is rendered.
    if (focusRow(id) === undefined) focusNext.current = id;
    // Below 1240 px: the page to the table's box, so the picture under it is in view too.
    if (list.current) scrollPageToBox(list.current);
  };
  /**
   * Prev / Next page: the new page's first row becomes the chosen and focused one, the table's top in view (the
   * box's rows at their top, the page scrolled up to the table when it had gone past it). The
   * picture showed the last page's row and the box stayed scrolled at its end, over rows nobody
   * chose (new-user check, stop 32).
   */
  const turnPage = (n: number) => {
    const first = shown[n * PAGE_SIZE];
    if (!first) return;
    setCurrent(first.capture.id);
    setPage(n);
    // The focus to that row (the next render draws it): the button pressed went disabled on the
    // last or first page and the focus fell to the page (new-user check of stop 33); ↑ ↓ go on from it.
    focusNext.current = first.capture.id;
    const box = list.current;
    if (!box) return;
    box.scrollTop = 0;
    const top = box.getBoundingClientRect().top;
    if (top < 0) window.scrollBy(0, top);
    else scrollPageToBox(box);
  };
  const edit = (id: string, f: InvoiceFieldName) => {
    const input = table.current?.querySelector<HTMLInputElement>(`tr[data-capture-id="${CSS.escape(id)}"] input[data-field="${f}"]`);
    input?.focus();
    input?.select();
  };
  const onRowKey = (e: KeyboardEvent, id: string) => {
    if (e.target !== e.currentTarget) return; // keys inside a cell's box belong to the box
    const index = shown.findIndex((v) => v.capture.id === id);
    const fieldAt = FIELDS.indexOf(field);
    switch (e.key) {
      case 'ArrowDown': moveTo(index + 1); break;
      case 'ArrowUp': moveTo(index - 1); break;
      case 'PageDown': moveTo(index + PAGE_SIZE); break;
      case 'PageUp': moveTo(index - PAGE_SIZE); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(shown.length - 1); break;
      case 'ArrowRight': setField(FIELDS[Math.min(FIELDS.length - 1, fieldAt + 1)]!); break;
      case 'ArrowLeft': setField(FIELDS[Math.max(0, fieldAt - 1)]!); break;
      case 'Enter': edit(id, field); break;
      default: return;
    }
    e.preventDefault();
  };

  /** The rows' actions: one object for good (rows are memoized), reading the latest state through a ref. */
  /** Moves to capture `id` (a duplicate's counted twin), clearing the filter when it hides it. */
  const jumpTo = (id: string) => {
    const at = shown.findIndex((v) => v.capture.id === id);
    if (at >= 0) moveTo(at);
    else if (ids.has(id)) reveal({ id });
  };
  /** Rows being deleted and the row that takes their place (heirOf), till the store's change arrives. */
  const afterDelete = useRef<{ gone: string[]; heir: string } | null>(null);
  /**
   * Deletes `gone` (ids); the row that takes their place becomes the chosen one, with the focus if
   * the focus went with them. Enter on a row's Delete left the focus on the page, so the next Tab
   * started from the top and ↑ ↓ from the picture's row; the picture jumped to the page's first row.
   */
  const remove = (gone: string[]) => {
    const heir = heirOf(shown, gone);
    afterDelete.current = heir ? { gone, heir } : null;
    onDelete(gone);
  };
  useEffect(() => {
    const after = afterDelete.current;
    if (!after || after.gone.some((id) => ids.has(id))) return;
    afterDelete.current = null;
    if (current !== null && after.gone.includes(current)) setCurrent(after.heir);
    const focused = document.activeElement;
    if (focused !== null && focused !== document.body) return;
    // Where the deleted row was, in view: the page and the rows stay where they are (a focus that
    // scrolled moved the rows under the pointer clearing them one after another).
    if (focusRow(after.heir, { preventScroll: true }) === undefined) focusNext.current = after.heir;
  }, [ids]);
  const latest = useRef({ onRowKey, onCorrect, onRetry, onAllowHost, remove, focusRow, jumpTo, moveTo, currentAt });
  latest.current = { onRowKey, onCorrect, onRetry, onAllowHost, remove, focusRow, jumpTo, moveTo, currentAt };
  // ↑ ↓ with nothing focused (the page as it opens, or after a click on its background) go on from
  // the row beside the picture, as the keys hint says: they scrolled the page instead (new-user check).
  // Read through `latest`: an effect's own closure lagged a render behind a click.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { currentAt: at, moveTo: move } = latest.current;
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || at < 0) return;
      if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || (document.activeElement !== null && document.activeElement !== document.body)) return;
      e.preventDefault();
      move(at + (e.key === 'ArrowDown' ? 1 : -1));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const rowActions = useMemo<RowActions>(
    () => ({
      choose: (id) => setCurrent(id),
      chooseField: (f) => setField(f),
      key: (e, id) => latest.current.onRowKey(e, id),
      select: (id, on) =>
        setSelected((before) => {
          const next = new Set(before);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      correct: (id, f, value) => latest.current.onCorrect(id, f, value),
      cancel: (id) => void latest.current.focusRow(id),
      unsaved: (id, f, h) => setHeld((before) => holdEdit(before, id, f, h)),
      retry: (id) => latest.current.onRetry(id),
      jump: (id) => latest.current.jumpTo(id),
      allowHost: (id, url) => latest.current.onAllowHost(id, url),
      remove: (id) => latest.current.remove([id]),
    }),
    [],
  );

  /**
   * Exports `captures` unless a cell holds a refused edit: then nothing is exported, the notice
   * names the first such cell (table order; its row told apart from a duplicate's) and what to do,
   * and how many there are when more than one, and the focus goes to it. Exporting
   * meanwhile would ship the value kept (￥50.00 where the clerk typed 1,00.00 meaning 100.00)
   * without a word (trial 5).
   */
  const exportOrStop = (captures: Capture[]) => {
    if (unsaved.size === 0) {
      setStopped(null);
      onExport(captures, clearAfter);
      return;
    }
    // The first in the rows shown; one whose row a filter hides comes after them.
    const first = firstEdit(unsaved, shown.map((v) => v.capture.id), FIELDS)!;
    const capture = views.find((v) => v.capture.id === first.id)?.capture;
    const batch = views.map((v) => v.capture);
    setStopped({ words: capture ? exportStoppedWords(first, capture, batch, unsaved.size, t) : t('totalsUnsaved', String(unsaved.size)), for: unsaved });
    reveal(first);
  };
  /**
   * Brings the row `target.id` into view and focuses it (its cell `target.field` when given): the
   * row chosen, its page shown, and the filter cleared when it hides the row (a clerk must see the
   * cell to fix it; the filter is one click to set again). The focus comes once the page holding
   * the row is drawn (the effect below).
   */
  const reveal = (target: { id: string; field?: InvoiceFieldName }) => {
    setCurrent(target.id);
    if (!shown.some((v) => v.capture.id === target.id)) {
      setFilter(NO_FILTER);
      setTypedDays({ from: '', to: '' });
      setBadDay({ from: false, to: false });
    }
    editNext.current = target;
    revealStep();
  };
  /** One step of reveal: go to the page of the row, or, once it is drawn, focus the cell. */
  const revealStep = () => {
    const target = editNext.current;
    if (!target) return;
    const at = shown.findIndex((v) => v.capture.id === target.id);
    if (at < 0) {
      // Not shown yet (the filter is being cleared); given up once nothing hides it any more.
      if (filter === NO_FILTER) editNext.current = null;
      return;
    }
    const onPage = Math.floor(at / PAGE_SIZE);
    if (onPage !== pageNow) {
      setPage(onPage);
      return;
    }
    editNext.current = null;
    if (target.field) edit(target.id, target.field);
    else focusRow(target.id);
  };
  useEffect(revealStep);
  const stoppedWords = stopped?.for === unsaved ? stopped.words : null;
  // A notice floats at the window's edge away from the press that raised it (never under the pointer).
  const noticeEdge = useEdgeAwayFromPress(stoppedWords ? stopped : notice?.raised);

  return (
    <main class="batch">
      <h1>{t('batchTitle')}</h1>
      {/* Two rows: what is shown, then what is done with it. A day that is no day is said at the
          end of the first row, in the room the filters leave (issue 13: said under its box, it
          grew the toolbar and pushed Export and Delete onto another line). */}
      <div class="batch-tools">
        <div class="tools-row">
          <select aria-label={t('batchFilter')} value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.currentTarget.value as StatusFilter })}>
            {(['all', 'done', 'failed', 'entered', 'review', 'duplicate'] as const satisfies readonly StatusFilter[]).map((f) => <option key={f} value={f}>{t(`batchFilter_${f}` as MessageKey)}</option>)}
          </select>
          <select
            aria-label={t('batchSort')}
            name="sort"
            value={presetOf(sort)}
            onChange={(e) => {
              const preset = e.currentTarget.value as SortPreset | 'custom';
              if (preset !== 'custom') setSort(SORT_PRESETS[preset]);
            }}
          >
            {(Object.keys(SORT_PRESETS) as SortPreset[]).map((k) => <option key={k} value={k}>{t(`batchSort_${k}` as MessageKey)}</option>)}
            <option value="custom" disabled hidden={presetOf(sort) !== 'custom'}>{t('batchSort_custom')}</option>
          </select>
          <select aria-label={t('batchMonth')} name="month" value={filter.month} onChange={(e) => setFilter({ ...filter, month: e.currentTarget.value })}>
            <option value="">{t('batchAllMonths')}</option>
            {/* The month chosen stays listed while the data arrive or change. */}
            {(filter.month && !months.includes(filter.month) ? [filter.month, ...months] : months).map((m) => <option key={m} value={m}>{formatMonth(m)}</option>)}
          </select>
          {/* Text, not <input type=date>: Chromium draws a date box in the system's language
              (年/月/日 on an English page), and a clerk types a day faster than he picks one. */}
          {(['from', 'to'] as const).map((end) => (
            <span class="day-box" key={end}>
              <input
                type="text"
                name={end}
                inputMode="numeric"
                autoComplete="off"
                size={11}
                aria-label={t(end === 'from' ? 'batchFrom' : 'batchTo')}
                placeholder={`${t(end === 'from' ? 'batchFrom' : 'batchTo')} ${t('batchDayHint')}`}
                value={typedDays[end]}
                aria-invalid={badDay[end] || undefined}
                aria-describedby={badDay[end] ? `day-error-${end}` : undefined}
                onInput={(e) => typeDay(end, e.currentTarget.value)}
                onChange={(e) => leaveDay(end, e.currentTarget.value)}
              />
            </span>
          ))}
          <input type="search" aria-label={t('batchSearch')} placeholder={t('batchSearch')} value={filter.text} onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })} />
          {(['from', 'to'] as const).map((end) => badDay[end] && <span class="day-error" key={end} id={`day-error-${end}`} role="alert">{t('batchDayInvalid')}</span>)}
        </div>
        <div class="tools-row">
          <button type="button" class="export-selected" disabled={chosen.length === 0} onClick={() => exportOrStop(chosen)}>{t('batchExportSelected', String(chosen.length))}</button>
          {/* Why it waits: on the button (title), and beside the box left with no day (the day
              error, on the filters' row: here it wrapped the toolbar). */}
          <button
            type="submit"
            class="export-all"
            disabled={dayRefused || shown.length === 0}
            title={dayRefused ? t('batchExportWaitsDay') : shown.length === 0 ? t('batchExportNothing') : undefined}
            onClick={() => exportOrStop(shown.map((v) => v.capture))}
          >
            {t('batchExportAll', String(shown.length))}
          </button>
          <button type="button" class="delete-selected" disabled={chosen.length === 0} onClick={() => remove(chosen.map((c) => c.id))}>{t('delete')}</button>
          <label class="choice">
            <input type="checkbox" name="clearAfter" checked={clearAfter} onChange={(e) => setClearAfter(e.currentTarget.checked)} />
            {t('batchClearAfter')}
          </label>
          <label class="file-pick">
            {t('batchImport')}
            <input
              type="file"
              name="import"
              accept=".zip,application/zip"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) onImport(file);
                e.currentTarget.value = '';
              }}
            />
          </label>
        </div>
      </div>
      <p class="batch-totals" data-count={shown.length} data-invoices={totals.invoices} data-fen={totals.fen}>
        {totalsLine(totals, t)}
        {unsaved.size > 0 && <span class="totals-unsaved" data-unsaved={unsaved.size}>{` · ${t('totalsUnsaved', String(unsaved.size))}`}</span>}
      </p>
      {stoppedWords && (
        <p class="notice export-stopped" role="alert" data-edge={noticeEdge}>
          <span class="notice-text">{stoppedWords}</span>
          <NoticeClose onClose={() => setStopped(null)} />
        </p>
      )}
      {!stoppedWords && notice && (
        <p class="notice" role="status" data-edge={noticeEdge}>
          <span class="notice-text">{notice.words}</span>
          {onUndo && <button type="button" class="undo" onClick={onUndo}>{t('undo')}</button>}
          <NoticeClose onClose={onDismissNotice} />
        </p>
      )}
      <MonthGlance groups={groups} />
      <div class="review">
        <div class="review-list" ref={list}>
          <p class="keys-hint" id="batch-keys">{t('batchKeysHint')}</p>
          <table class="review-table" ref={table} aria-describedby="batch-keys">
            <caption class="visually-hidden">{t('batchTableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col"><span class="visually-hidden">{t('batchSelect')}</span></th>
                {HEADERS.map((h) => (
                  <th key={h.key} scope="col" data-sort-key={h.key} aria-sort={sort.key === h.key ? sort.dir : undefined}>
                    <button type="button" class="sort" onClick={() => setSort(nextSort(sort, h.key))}>
                      {t(h.label)}
                      <span class="sort-mark" aria-hidden="true">{sort.key === h.key ? (sort.dir === 'ascending' ? '▲' : '▼') : ''}</span>
                    </button>
                  </th>
                ))}
                <th scope="col"><span class="visually-hidden">{t('batchColActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {drawn.map(({ capture }) => (
                <ReviewRow
                  key={capture.id}
                  capture={capture}
                  check={checks.get(capture.id)}
                  current={capture.id === currentId}
                  activeField={capture.id === currentId ? field : null}
                  tabStop={capture.id === tabStopId}
                  selected={selected.has(capture.id)}
                  duplicate={duplicates.get(capture.id) ?? null}
                  held={heldByRow.get(capture.id)}
                  actions={rowActions}
                />
              ))}
              {/* Said in the table, where the rows would be: an empty table under a row of headers
                  looked like a page still loading, and never said how invoices get here. */}
              {shown.length === 0 && (
                <tr class="empty-rows">
                  <td colSpan={HEADERS.length + 2}>{views.length === 0 ? t('batchEmpty', t('menuRecognize')) : t('batchNoMatch', String(views.length))}</td>
                </tr>
              )}
            </tbody>
          </table>
          {pages > 1 && (
            <nav class="pager" aria-label={t('batchTableLabel')}>
              <button type="button" class="prev-page" disabled={pageNow === 0} onClick={() => turnPage(pageNow - 1)}>{t('batchPrevPage')}</button>
              <span class="page-of" data-page={pageNow + 1} data-pages={pages}>{t('batchPage', [String(pageNow + 1), String(pages)])}</span>
              <button type="button" class="next-page" disabled={pageNow >= pages - 1} onClick={() => turnPage(pageNow + 1)}>{t('batchNextPage')}</button>
            </nav>
          )}
        </div>
        <ImageViewer
          src={currentView && pictures.get(currentView.capture.id)}
          region={currentView && regionOf(currentView.capture, field)}
          chosen={currentView !== undefined}
          alt={t('viewerImageOf', `${effectiveFields(currentView?.capture ?? {}).code ?? ''} ${effectiveFields(currentView?.capture ?? {}).number ?? ''}`.trim())}
        />
      </div>
    </main>
  );
}

/**
 * A floating notice's close button: notices stay until the next action and lie over what is under
 * them (an export's words over a row's cells at 800 px; new-user check of stop 33), so a clerk can
 * put one away.
 */
function NoticeClose({ onClose }: { onClose: () => void }) {
  return (
    // The × is drawn by the style sheet: the notice's text stays its words alone (read, copied and tested whole).
    <button type="button" class="notice-close link" aria-label={t('batchNoticeClose')} title={t('batchNoticeClose')} onClick={onClose} />
  );
}
