import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isoDate } from '@/lib/export/naming';
import { ImageViewer, type FieldRegion } from './ImageViewer';
import { MonthGlance } from './MonthGlance';
import { FIELD_LABEL } from '@/lib/ui/field-labels';
import { FIELDS, ReviewRow, type RowActions } from './ReviewRow';
import { nextSort, presetOf, SORT_PRESETS, sortViews, type SortKey, type SortPreset, type SortState } from './batch-sort';
import { totalsLine } from '@/lib/export/summary';
import { needsReview, type CheckResult } from '@/lib/invoice/checks';
import { glance } from '@/lib/invoice/groups';
import { batchTotals } from '@/lib/invoice/totals';
import { t, type MessageKey } from '@/lib/i18n';
import { effectiveFields, type Capture, type InvoiceFieldName } from '@/lib/store/capture-schema';
import type { CaptureView } from '@/lib/ui/use-captures';
import { useImageUrls } from '@/lib/ui/use-image-urls';

type Filter = 'all' | 'done' | 'failed' | 'review' | 'duplicate';
/**
 * Rows per page. Paging rather than a virtualizer: rows differ in height (a refusal, the original
 * beside a correction, a failure's words), Ctrl+F and screen readers see every row of the page,
 * and 100 rows render in a few ms, so 5,000 captures cost no more than 100 in the DOM.
 */
export const PAGE_SIZE = 100;

interface Props {
  views: CaptureView[];
  checks: Map<string, CheckResult>;
  notice: string | null;
  /** Offered after a delete: puts the deleted captures back. */
  onUndo: (() => void) | null;
  onRetry: (id: string) => void;
  /** Resolves with the words of a refusal, or null once saved. */
  onCorrect: (id: string, field: InvoiceFieldName, value: string) => Promise<string | null>;
  onExport: (captures: Capture[], clearAfter: boolean) => void;
  onDelete: (ids: string[]) => void;
  onImport: (file: File) => void;
  /** The stored image of a capture (IndexedDB), read only for the picture shown and its neighbours. */
  readImage: (id: string) => Promise<Blob | undefined>;
}

/** Captured-on dates as yyyy-mm-dd (the date inputs' format), empty = open-ended. */
interface DateRange {
  from: string;
  to: string;
}

function matches(view: CaptureView, check: CheckResult | undefined, filter: Filter, text: string, dates: DateRange): boolean {
  const { capture } = view;
  const day = isoDate(capture.createdAt);
  if ((dates.from && day < dates.from) || (dates.to && day > dates.to)) return false;
  if (filter === 'done' || filter === 'failed') { if (capture.status !== filter) return false; }
  if (filter === 'duplicate' && !check?.flags.includes('duplicate')) return false;
  if (filter === 'review' && !(capture.status === 'done' && needsReview(check))) return false;
  if (!text) return true;
  const haystack = [...Object.values(effectiveFields(capture)), capture.source.pageUrl, capture.source.fileName].join(' ');
  return haystack.toLowerCase().includes(text.toLowerCase());
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
export function BatchView({ views, checks, notice, onUndo, onRetry, onCorrect, onExport, onDelete, onImport, readImage }: Props) {
  const [sort, setSort] = useState<SortState>(SORT_PRESETS.newest);
  const [dates, setDates] = useState<DateRange>({ from: '', to: '' });
  const [clearAfter, setClearAfter] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  /** The row shown in the image pane and moved by the arrow keys. */
  const [current, setCurrent] = useState<string | null>(null);
  /** The field Enter edits (← → move it). */
  const [field, setField] = useState<InvoiceFieldName>('code');
  const [page, setPage] = useState(0);
  const table = useRef<HTMLTableElement>(null);
  /** Set by a keyboard move: the next render focuses that row. */
  const focusNext = useRef<string | null>(null);

  const filtered = useMemo(() => views.filter((v) => matches(v, checks.get(v.capture.id), filter, text, dates)), [views, checks, filter, text, dates]);
  const shown = useMemo(() => sortViews(filtered, checks, sort), [filtered, checks, sort]);
  // From the filtered set, not the sorted one: the figures do not depend on the order, so a sort
  // (or a row chosen) does not recompute them.
  const totals = useMemo(() => batchTotals(filtered.map((v) => v.capture), checks), [filtered, checks]);
  const groups = useMemo(() => glance(filtered.map((v) => ({ ...v.capture, fields: effectiveFields(v.capture) })), checks), [filtered, checks]);
  const chosen = shown.filter((v) => selected.has(v.capture.id)).map((v) => v.capture);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const pageNow = Math.min(page, pages - 1);
  const rows = shown.slice(pageNow * PAGE_SIZE, (pageNow + 1) * PAGE_SIZE);
  const currentAt = current === null ? -1 : shown.findIndex((v) => v.capture.id === current);
  const currentView = currentAt < 0 ? undefined : shown[currentAt];
  // The first row takes the Tab stop until one on this page is chosen (a roving tabindex).
  const tabStopId = rows.some((r) => r.capture.id === current) ? current : rows[0]?.capture.id;
  // The picture shown, and the rows above and below it ready for the next arrow key.
  const pictures = useImageUrls(readImage, [currentAt - 1, currentAt, currentAt + 1].flatMap((i) => (currentAt >= 0 && shown[i] ? [shown[i].capture] : [])));

  /** Focuses the row when it is rendered; undefined when it is not (another page). */
  const focusRow = (id: string) => {
    const tr = table.current?.querySelector<HTMLElement>(`tr[data-capture-id="${CSS.escape(id)}"]`);
    tr?.focus();
    return tr ? true : undefined;
  };
  useEffect(() => setPage(0), [filter, text, dates, sort]);
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
  const latest = useRef({ onRowKey, onCorrect, onRetry, onDelete, focusRow });
  latest.current = { onRowKey, onCorrect, onRetry, onDelete, focusRow };
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
      retry: (id) => latest.current.onRetry(id),
      remove: (id) => latest.current.onDelete([id]),
    }),
    [],
  );

  return (
    <main class="batch">
      <h1>{t('batchTitle')}</h1>
      <div class="batch-tools">
        <select aria-label={t('batchFilter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
          {(['all', 'done', 'failed', 'review', 'duplicate'] as const).map((f) => <option key={f} value={f}>{t(`batchFilter_${f}` as MessageKey)}</option>)}
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
        <input type="date" name="from" aria-label={t('batchFrom')} value={dates.from} onInput={(e) => setDates({ ...dates, from: e.currentTarget.value })} />
        <input type="date" name="to" aria-label={t('batchTo')} value={dates.to} onInput={(e) => setDates({ ...dates, to: e.currentTarget.value })} />
        <input type="search" aria-label={t('batchSearch')} placeholder={t('batchSearch')} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="button" class="export-selected" disabled={chosen.length === 0} onClick={() => onExport(chosen, clearAfter)}>{t('batchExportSelected', String(chosen.length))}</button>
        <button type="submit" class="export-all" onClick={() => onExport(shown.map((v) => v.capture), clearAfter)}>{t('batchExportAll', String(shown.length))}</button>
        <button type="button" class="delete-selected" disabled={chosen.length === 0} onClick={() => onDelete(chosen.map((c) => c.id))}>{t('delete')}</button>
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
      <p class="batch-totals" data-count={shown.length} data-invoices={totals.invoices} data-fen={totals.fen}>
        {totalsLine(totals, t)}
      </p>
      {notice && (
        <p class="notice" role="status">
          <span class="notice-text">{notice}</span>
          {onUndo && <button type="button" class="undo" onClick={onUndo}>{t('undo')}</button>}
        </p>
      )}
      <MonthGlance byMonth={groups.byMonth} byCity={groups.byCity} />
      <div class="review">
        <div class="review-list">
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
              {rows.map(({ capture }) => (
                <ReviewRow
                  key={capture.id}
                  capture={capture}
                  check={checks.get(capture.id)}
                  current={capture.id === current}
                  activeField={capture.id === current ? field : null}
                  tabStop={capture.id === tabStopId}
                  selected={selected.has(capture.id)}
                  actions={rowActions}
                />
              ))}
            </tbody>
          </table>
          {pages > 1 && (
            <nav class="pager" aria-label={t('batchTableLabel')}>
              <button type="button" class="prev-page" disabled={pageNow === 0} onClick={() => setPage(pageNow - 1)}>{t('batchPrevPage')}</button>
              <span class="page-of" data-page={pageNow + 1} data-pages={pages}>{t('batchPage', [String(pageNow + 1), String(pages)])}</span>
              <button type="button" class="next-page" disabled={pageNow >= pages - 1} onClick={() => setPage(pageNow + 1)}>{t('batchNextPage')}</button>
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
