import { useId } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { displayAmount } from '@/lib/invoice/amount';
import { checkCorrection } from '@/lib/invoice/correction';
import type { InvoiceFieldName } from '@/lib/store/capture-schema';

interface Props {
  field: InvoiceFieldName;
  label: string;
  /** The field as the user means it (a correction wins over the recognized value). */
  value: string | undefined;
  /** Saves a checked value; resolves with the refusal's words when the background refuses it. */
  onCorrect: (field: InvoiceFieldName, value: string) => Promise<string | null>;
  /** Escape pressed: the edit was cancelled (the table gives the focus back to the row). */
  onCancel?: () => void;
  /** The saved value is in the totals (an amount of a counted invoice): a refusal says so. */
  counted?: boolean;
  /**
   * The refused value this cell holds, kept by the page (lib/ui/unsaved-edits.ts) so that it
   * outlives the row leaving the page: what was typed and why it was refused.
   */
  held?: { typed: string; problem: string } | undefined;
  /** The cell now holds a refused value, or none (null: saved, or cancelled with Escape). */
  onHeld: (field: InvoiceFieldName, held: { typed: string; problem: string } | null) => void;
}

/**
 * One field of the review table, edited in place. A value that does not read (an amount that is
 * not one) is refused right here, with words that say why, and what was typed stays in the box to
 * be fixed; nothing is saved until it reads. Beside the refusal the cell says the value the row
 * keeps meanwhile (for an amount, the one the totals count: issue 13, a clerk saw "1,00.00" in the
 * box while the total still counted ￥0.50), and the table is told, so its totals line says that
 * an edit is not saved.
 */
export function EditableCell({ field, label, value, onCorrect, onCancel, counted = false, held, onHeld }: Props) {
  const errorId = useId();
  const draft = held?.typed ?? null;
  const problem = held?.problem ?? null;
  // Told to the page in the change event itself: typing a value and clicking Export at once must
  // find it counted as unsaved when the click comes.
  const commit = async (text: string) => {
    const checked = checkCorrection(field, text);
    if (!checked.ok) {
      onHeld(field, { typed: text, problem: t(checked.messageKey, checked.text) });
      return;
    }
    const refused = await onCorrect(field, text);
    onHeld(field, refused === null ? null : { typed: text, problem: refused });
  };
  const shown = (field === 'amount' ? displayAmount(value) : value) ?? '';
  const kept = shown === '' ? t('cellKeptEmpty') : t(counted ? 'cellKeptCounted' : 'cellKept', shown);
  // An amount's box is as wide as its value (batch.css): cut, "￥1,000,000,0" reads as another
  // figure (trial 6, M4). Counted in character cells: a full-width sign (￥) takes two.
  const boxStyle = field === 'amount' ? { '--chars': String([...(draft ?? shown)].reduce((n, ch) => n + (ch >= '\u2e80' ? 2 : 1), 0)) } : undefined;
  return (
    <>
      <input
        aria-label={label}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        class="cell"
        data-field={field}
        title={shown || undefined}
        style={boxStyle}
        value={draft ?? shown}
        onChange={(e) => void commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          // Escape cancels: the saved value comes back (set on the element too, as Preact skips an
          // unchanged prop), so leaving the box fires no change and nothing is saved.
          e.preventDefault();
          e.stopPropagation();
          e.currentTarget.value = shown;
          onHeld(field, null);
          onCancel?.();
        }}
      />
      {problem && (
        <small id={errorId} class="cell-problem" role="alert">
          {problem} <span class="cell-kept" data-kept={shown}>{kept}</span>
        </small>
      )}
    </>
  );
}
