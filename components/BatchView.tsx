import { useMemo, useState } from 'preact/hooks';
import { isoDate } from '@/lib/export/naming';
import { EditableCell } from './EditableCell';
import { FIELD_LABEL } from './field-labels';
import { checkWord } from '@/lib/export/columns';
import { totalsLine } from '@/lib/export/summary';
import { errorMessageKey } from '@/lib/ui/error-words';
import { errorText } from './error-text';
import { needsReview, type CheckResult } from '@/lib/invoice/checks';
import { batchTotals } from '@/lib/invoice/totals';
import { formatDateTime, t, type MessageKey } from '@/lib/i18n';
import { effectiveFields, type Capture, type InvoiceFieldName } from '@/lib/store/capture-schema';
import type { CaptureView } from '@/lib/ui/use-captures';

/** Table order: code and number first, as invoices are filed. */
const FIELDS: InvoiceFieldName[] = ['code', 'number', 'amount', 'location'];
type Filter = 'all' | 'done' | 'failed' | 'review' | 'duplicate';
type Sort = 'newest' | 'oldest' | 'amount' | 'code';

const SORTS: Record<Sort, (a: CaptureView, b: CaptureView, checks: Map<string, CheckResult>) => number> = {
  newest: (a, b) => b.capture.createdAt - a.capture.createdAt,
  oldest: (a, b) => a.capture.createdAt - b.capture.createdAt,
  amount: (a, b, checks) => (checks.get(b.capture.id)?.fen ?? -1) - (checks.get(a.capture.id)?.fen ?? -1),
  code: (a, b) => `${effectiveFields(a.capture).code ?? '~'}${effectiveFields(a.capture).number ?? ''}`.localeCompare(`${effectiveFields(b.capture).code ?? '~'}${effectiveFields(b.capture).number ?? ''}`),
};

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

/** Every capture of the batch: review, correct, check, select and export. */
export function BatchView({ views, checks, notice, onUndo, onRetry, onCorrect, onExport, onDelete, onImport }: Props) {
  const [sort, setSort] = useState<Sort>('newest');
  const [dates, setDates] = useState<DateRange>({ from: '', to: '' });
  const [clearAfter, setClearAfter] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const shown = useMemo(
    () => views.filter((v) => matches(v, checks.get(v.capture.id), filter, text, dates)).sort((a, b) => SORTS[sort](a, b, checks)),
    [views, checks, filter, text, sort, dates],
  );
  const totals = useMemo(() => batchTotals(shown.map((v) => v.capture), checks), [shown, checks]);
  const chosen = shown.filter((v) => selected.has(v.capture.id)).map((v) => v.capture);
  return (
    <main class="batch">
      <h1>{t('batchTitle')}</h1>
      <div class="batch-tools">
        <select aria-label={t('batchFilter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
          {(['all', 'done', 'failed', 'review', 'duplicate'] as const).map((f) => <option key={f} value={f}>{t(`batchFilter_${f}` as MessageKey)}</option>)}
        </select>
        <select aria-label={t('batchSort')} name="sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as Sort)}>
          {(['newest', 'oldest', 'amount', 'code'] as const).map((k) => <option key={k} value={k}>{t(`batchSort_${k}` as MessageKey)}</option>)}
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
      <table>
        <tbody>
          {shown.map(({ capture, thumbnail }) => {
            const check = checks.get(capture.id);
            const fields = effectiveFields(capture);
            return (
              <tr key={capture.id} data-capture-id={capture.id} data-status={capture.status} data-flags={check?.flags.join(' ')}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('batchSelect')}
                    checked={selected.has(capture.id)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.currentTarget.checked) next.add(capture.id);
                      else next.delete(capture.id);
                      setSelected(next);
                    }}
                  />
                </td>
                <td>{thumbnail && <img class="thumb" src={thumbnail} alt="" />}</td>
                {FIELDS.map((field) => {
                  const label = FIELD_LABEL[field];
                  const low = (capture.result?.confidence?.[field] ?? 1) < 0.9 && capture.corrections?.[field] === undefined;
                  const missing = check?.missing.includes(field) ?? false;
                  return (
                    <td key={field} class={[low && 'low-confidence', missing && 'missing'].filter(Boolean).join(' ')} data-missing={missing || undefined}>
                      <span class="cell-label" aria-hidden="true">{t(label)}</span>
                      <EditableCell field={field} label={t(label)} value={fields[field]} onCorrect={(f, value) => onCorrect(capture.id, f, value)} />
                      {missing && <small class="cell-missing">{t('fieldMissing')}</small>}
                      {field === 'location' && check?.derivedCity && <small class="derived" data-derived-city={check.derivedCity}>{t('derivedFromCode', check.derivedCity)}</small>}
                      {capture.corrections?.[field] !== undefined && <small class="original">{t('recognizedAs', capture.result?.[field] ?? '')}</small>}
                    </td>
                  );
                })}
                <td class="flags">
                  {capture.status === 'failed' && capture.error && (
                    <span class="failure" data-error-code={capture.error.code} data-document-kind={capture.error.documentKind}>{t('failedBecause', errorText(capture.error))} <code>{capture.error.code}</code></span>
                  )}
                  {capture.status === 'done' && check?.flags.map((f) => <span key={f} class={`flag ${f}`}>{checkWord(f, t)}</span>)}
                </td>
                <td class="meta">
                  <small>{formatDateTime(capture.createdAt)}</small>
                  <small>{capture.source.pageUrl ?? capture.source.fileName ?? ''}</small>
                  <span class="row-actions">
                    <button type="button" class="retry link" onClick={() => onRetry(capture.id)}>{t('retry')}</button>
                    <button type="button" class="delete link" onClick={() => onDelete([capture.id])}>{t('delete')}</button>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </main>
  );
}
