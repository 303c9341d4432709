import { Fragment } from 'preact';
import { pure } from './pure';
import { AllowHostButton } from './AllowHostButton';
import { EditableCell } from './EditableCell';
import { errorText } from '@/lib/ui/error-text';
import { FIELD_LABEL } from '@/lib/ui/field-labels';
import { isRereadingEntry, retryFutile } from '@/lib/ui/capture-status';
import { cutInPlaceBox } from '@/lib/ui/place-box';
import { toEnterWords } from '@/lib/ui/hand-entry-words';
import { checkWord } from '@/lib/export/columns';
import type { CheckResult } from '@/lib/invoice/checks';
import { standing, stillToEnter } from '@/lib/invoice/hand-entry';
import { placeFromCode } from '@/lib/invoice/groups';
import { formatDateTime, t } from '@/lib/i18n';
import { duplicateWords, type DuplicateMark } from '@/lib/ui/duplicate-words';
import type { HeldEdit } from '@/lib/ui/unsaved-edits';
import { PhotoPart } from './PhotoPart';
import { CodeWords } from './CodeWords';
import { sourceShown } from '@/lib/ui/source-words';
import { effectiveFields, type Capture, type InvoiceFieldName } from '@/lib/store/capture-schema';

/** Table order: code and number first, as invoices are filed. */
export const FIELDS: InvoiceFieldName[] = ['code', 'number', 'amount', 'location'];

/**
 * What a row can ask of the table. The table passes one object that never changes identity (its
 * functions read the table's latest state), so a row re-renders only when its own props change.
 */
export interface RowActions {
  /** Click or focus: this row becomes the one shown in the image pane. */
  choose(id: string): void;
  /** A cell of the row got the focus: its field is the one Enter edits (and the picture marks). */
  chooseField(field: InvoiceFieldName): void;
  key(event: KeyboardEvent, id: string): void;
  select(id: string, on: boolean): void;
  /** Resolves with the words of a refusal, or null once saved. */
  correct(id: string, field: InvoiceFieldName, value: string): Promise<string | null>;
  /** Escape in a cell: the focus goes back to the row. */
  cancel(id: string): void;
  /**
   * A cell holds a refused value (what was typed and why it was refused; not saved) or no longer
   * does (null): the page keeps it while the row is off the page, the totals line says how many,
   * and Export stops while there are some.
   */
  unsaved(id: string, field: InvoiceFieldName, held: { typed: string; problem: string } | null): void;
  retry(id: string): void;
  /** "Duplicate of …": shows the capture counted in this one's place. */
  jump(id: string): void;
  /** "Allow reading images from <host>": asks for the host, then reads the capture again (LOCAL.HOST_ACCESS). */
  allowHost(id: string, url: string): void;
  remove(id: string): void;
}

interface Props {
  capture: Capture;
  check: CheckResult | undefined;
  /** This row is the one shown in the image pane. */
  current: boolean;
  /** The field Enter edits, on the current row only (null on the others, so they stay as they are). */
  activeField: InvoiceFieldName | null;
  /** The row holds the table's Tab stop (a roving tabindex). */
  tabStop: boolean;
  selected: boolean;
  /** Set on a duplicate: whether it is the one counted, and if not which one is (lib/ui/duplicate-words.ts). */
  duplicate: DuplicateMark | null;
  /** The refused values the page keeps for this row's cells (undefined: none). */
  held: Partial<Record<InvoiceFieldName, HeldEdit>> | undefined;
  actions: RowActions;
}

/**
 * One capture of the review table. Memoized: an arrow-key step re-renders the row left and the row
 * reached, not the page of 100 (keeps a step within a frame with 5,000 captures).
 */
export const ReviewRow = pure(function ReviewRow({ capture, check, current, activeField, tabStop, selected, duplicate, held, actions }: Props) {
  const fields = effectiveFields(capture);
  // A failed capture typed in by hand stands as an invoice ("entered"): the contract's
  // data-status says so, as its words do; the failure itself stays in the record and below.
  const stands = standing(capture);
  const invoice = stands === 'done' || stands === 'entered';
  const toEnter = stillToEnter(capture);
  // The amount this row adds to the totals: a counted invoice's (not a duplicate left out).
  const counted = invoice && (duplicate?.counted ?? true);
  const fromCode = placeFromCode(fields, check);
  const source = sourceShown(capture.source);
  return (
    <tr
      data-capture-id={capture.id}
      data-status={stands}
      data-flags={check?.flags.join(' ')}
      data-selected={current || undefined}
      aria-current={current || undefined}
      class={current ? 'current' : undefined}
      tabIndex={tabStop ? 0 : -1}
      onClick={() => actions.choose(capture.id)}
      onFocusIn={() => actions.choose(capture.id)}
      onKeyDown={(e) => actions.key(e, capture.id)}
    >
      <td>
        <input type="checkbox" aria-label={t('batchSelect')} checked={selected} onChange={(e) => actions.select(capture.id, e.currentTarget.checked)} />
      </td>
      {FIELDS.map((f) => {
        const low = (capture.result?.confidence?.[f] ?? 1) < 0.9 && capture.corrections?.[f] === undefined;
        // A place the code gives is no gap in the row (the month at a glance files it there too);
        // the check still lists a recognized one's location as not printed (a hand entry's is optional).
        const missing = ((check?.missing.includes(f) ?? false) || toEnter.includes(f)) && !(f === 'location' && fromCode);
        const active = f === activeField;
        return (
          <td key={f} class={[low && 'low-confidence', missing && 'missing', active && 'active'].filter(Boolean).join(' ')} data-missing={missing || undefined} onFocusIn={() => actions.chooseField(f)}>
            <EditableCell
              field={f}
              label={t(FIELD_LABEL[f])}
              value={fields[f]}
              counted={f === 'amount' && counted}
              onCorrect={(ff, value) => actions.correct(capture.id, ff, value)}
              onCancel={() => actions.cancel(capture.id)}
              held={held?.[f]}
              onHeld={(ff, h) => actions.unsaved(capture.id, ff, h)}
            />
            {missing && invoice && <small class="cell-missing">{t('fieldMissing')}</small>}
            {/* A place the box cuts, whole under it, readable without focusing or hovering the box
                (issue 13); the box keeps editing as before. Hidden from screen readers: the box's
                value already says it. */}
            {f === 'location' && cutInPlaceBox(fields.location) && <small class="place-whole" aria-hidden="true">{fields.location}</small>}
            {f === 'location' && fromCode && <small class="derived" data-derived-city={fromCode}>{t('derivedFromCode', fromCode)}</small>}
            {capture.corrections?.[f] !== undefined && (
              <small class="original">{capture.result?.[f] === undefined ? t('typedByHand') : t('recognizedAs', capture.result[f])}</small>
            )}
          </td>
        );
      })}
      <td class="flags">
        {stands === 'failed' && capture.error && (
          <span class="failure" data-error-code={capture.error.code} data-document-kind={capture.error.documentKind}><CodeWords text={t('failedBecause', errorText(capture.error))} /> <code><CodeWords text={capture.error.code} /></code></span>
        )}
        {toEnter.length > 0 && (
          <span class="to-enter" data-to-enter={toEnter.join(' ')}>{toEnterWords(toEnter)}</span>
        )}
        {/* Counted now: said as a badge; why the reading failed stays one line (its words on hover). */}
        {stands === 'entered' && <span class="flag entered-badge">{t('statusEntered')}</span>}
        {isRereadingEntry(capture) && (
          <small class="rereading">{t('enteredRereading')}</small>
        )}
        {stands === 'entered' && capture.error && (
          <small class="entered" data-error-code={capture.error.code} title={errorText(capture.error)}><CodeWords text={t('enteredFailedCode', capture.error.code)} /></small>
        )}
        {stands !== 'entered' && <AllowHostButton capture={capture} onAllowHost={actions.allowHost} look="link" />}
        {invoice &&
          check?.flags.map((flag) =>
            flag === 'duplicate' && duplicate ? (
              <DuplicateFlag key={flag} mark={duplicate} onJump={actions.jump} />
            ) : (
              <span key={flag} class={`flag ${flag}`}>{checkWord(flag, t)}</span>
            ),
          )}
      </td>
      <td class="meta">
        <small>{formatDateTime(capture.createdAt)}</small>
        <small class="source" title={source?.title}>
          {/* A URL may wrap after its slashes: host on one line, file name on the next. */}
          {(source?.text ?? '').split(/(?<=\/)/).map((piece, i) => (
            <Fragment key={i}>
              {i > 0 && <wbr />}
              {piece}
            </Fragment>
          ))}
        </small>
        <PhotoPart part={capture.photo} />
      </td>
      <td class="row-actions">
        {/* Not where the same image read again says the same: paper named as another kind, a 10×10 px picture (retryFutile).
            Its place is kept, unseen, so Delete stands where it does on every row (a clerk deleting row
            after row clicks one spot). */}
        {retryFutile(capture) ? (
          <button type="button" class="retry-slot link" tabIndex={-1} aria-hidden="true" disabled>{t('retry')}</button>
        ) : (
          <button type="button" class="retry link" onClick={() => actions.retry(capture.id)}>{t('retry')}</button>
        )}
        <button type="button" class="delete link" onClick={() => actions.remove(capture.id)}>{t('delete')}</button>
      </td>
    </tr>
  );
});

/** The duplicate flag: on the one left out, a link to the capture counted in its place. */
function DuplicateFlag({ mark, onJump }: { mark: DuplicateMark; onJump: (id: string) => void }) {
  const words = duplicateWords(mark);
  const twin = mark.counted ? undefined : mark.twin;
  return twin ? (
    <button
      type="button"
      class="flag duplicate link"
      data-counted="false"
      data-duplicate-of={twin.id}
      onClick={(e) => {
        // Not this row's click too: that would choose this row again after the jump.
        e.stopPropagation();
        onJump(twin.id);
      }}
    >
      {words}
    </button>
  ) : (
    <span class="flag duplicate" data-counted={String(mark.counted)}>{words}</span>
  );
}
