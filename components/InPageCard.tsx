import type { CardProps } from '@/lib/card/card-ui';

export type InPageCardProps = CardProps;

/**
 * The small card shown in the page beside the invoice the user right-clicked (lib/card): the
 * recognition's stage in words, then code, number, amount (tabular figures) and place, each with
 * Copy, plus Copy all and Fill; or the failure in words with its code. Every text comes from the
 * worker in the UI language; when Huawei refused the keys, that in words with a way to Settings;
 * collapsed to a chip when no place beside the picture is free. Handlers take only trusted events: the page can script its own
 * clicks, not the user's (see lib/card/page-card.ts). Keeps the automation contract: the card
 * carries data-capture-id and data-status, each field data-field and data-value.
 */
export function InPageCard({ view, words, notice, busy, collapsed, onExpand, onCopy, onFill, onUndo, onOpenSettings, onClose }: InPageCardProps) {
  const done = view.state === 'done';
  if (collapsed) {
    // The chip: the title and the amount (or the stage), one button that opens the card; the
    // fields stay in the DOM, hidden, so tools read them as from the card.
    const amount = view.fields.find((f) => f.field === 'amount')?.value;
    return (
      <section class="qic-card qic-collapsed" aria-labelledby="qic-title" data-capture-id={view.captureId} data-status={view.state}>
        <button type="button" class="qic-chip" aria-expanded="false" title={words.expand} onClick={onExpand}>
          <span id="qic-title" class="qic-chip-title">{words.title}</span>
          {/* A duplicate or a check is not hidden behind the chip: its mark, the words in the title. */}
          {done && (view.duplicate || view.review) && (
            <span class="qic-chip-warning" title={[view.duplicate?.words, view.review].filter(Boolean).join(' — ')} data-duplicate={view.duplicate ? (view.duplicate.counted ? 'counted' : 'not-counted') : undefined}>
              !
            </span>
          )}
          <span class={`qic-chip-state ${view.state}`}>
            {view.state === 'working' && <span class="qic-spinner" aria-hidden="true" />}
            {done && amount ? amount : view.statusText}
          </span>
          <span class="qic-chip-open" aria-hidden="true">▸</span>
        </button>
        <button type="button" class="qic-close" aria-label={words.close} title={words.close} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
        <div hidden>
          {view.fields.map((f) => <span key={f.field} data-field={f.field} data-value={f.copy ?? ''}><span class="qic-value">{f.value ?? ''}</span></span>)}
        </div>
      </section>
    );
  }
  return (
    <section class="qic-card" role="dialog" aria-labelledby="qic-title" tabIndex={-1} data-capture-id={view.captureId} data-status={view.state}>
      <header class="qic-head">
        <h2 id="qic-title">{words.title}</h2>
        <button type="button" class="qic-close" aria-label={words.close} title={words.close} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <p class={`qic-status ${view.state}`} role="status">
        {view.state === 'working' && <span class="qic-spinner" aria-hidden="true" />}
        {view.statusText}
      </p>
      {view.photo && <p class="qic-photo" data-photo-of={view.photo.of}>{view.photo.words}</p>}
      {/* Said above the fields and Fill: Fill stays possible, the clerk decides with these words in view. */}
      {done && view.duplicate && (
        <p class={view.duplicate.counted ? 'qic-warning counted' : 'qic-warning'} data-duplicate={view.duplicate.counted ? 'counted' : 'not-counted'}>
          {view.duplicate.words}
        </p>
      )}
      {done && view.review && <p class="qic-warning review" data-review="checks">{view.review}</p>}
      {view.error && (
        <p class="qic-error" data-error-code={view.error.code}>
          {view.error.words} <code>{view.error.code}</code>
        </p>
      )}
      {/* Held back until the keys are fixed: the way there, not a spinner. */}
      {view.state === 'keys' && (
        <div class="qic-actions">
          <button type="button" class="qic-settings primary" onClick={onOpenSettings}>{words.openSettings}</button>
        </div>
      )}
      {done && (
        <div class="qic-fields">
          {view.fields.map((f) => (
            <div class="qic-field" key={f.field} data-field={f.field} data-value={f.copy ?? ''}>
              <span class="qic-label">{f.label}</span>
              <span class={f.value === undefined ? 'qic-value missing' : 'qic-value'}>{f.value ?? words.missing}</span>
              {f.copy !== undefined ? (
                <button type="button" class="qic-copy" aria-label={words.copyField.replace('$1', f.label)} onClick={() => onCopy(f.copy!, 'field')}>
                  {words.copy}
                </button>
              ) : (
                <span />
              )}
              {f.note && <small class="qic-note">{f.note}</small>}
            </div>
          ))}
        </div>
      )}
      {done && view.copyAll && (
        <div class="qic-actions">
          {/* A repeat of an invoice already captured keeps Fill (the clerk may mean it) but not as the main action, as in the popup. */}
          <button type="button" class={view.duplicate && !view.duplicate.counted ? 'qic-fill' : 'qic-fill primary'} disabled={busy} onClick={onFill}>{words.fill}</button>
          <button type="button" class="qic-copy-all" onClick={() => onCopy(view.copyAll!.text, 'row', view.copyAll!.html)}>{words.copyAll}</button>
          {notice?.canUndo && <button type="button" class="qic-undo" disabled={busy} onClick={onUndo}>{words.undo}</button>}
        </div>
      )}
      <p class={notice && !notice.ok ? 'qic-notice failed' : 'qic-notice'} role="status">{notice?.notice ?? ''}</p>
    </section>
  );
}
