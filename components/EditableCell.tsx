import { useId, useLayoutEffect, useState } from 'preact/hooks';
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
  /** A refused value stays in the box (what was typed) or is gone (null: saved, cancelled, the row left the page). */
  onUnsaved?: (field: InvoiceFieldName, typed: string | null) => void;
}

/**
 * One field of the review table, edited in place. A value that does not read (an amount that is
 * not one) is refused right here, with words that say why, and what was typed stays in the box to
 * be fixed; nothing is saved until it reads. Beside the refusal the cell says the value the row
 * keeps meanwhile (for an amount, the one the totals count: issue 13, a clerk saw "1,00.00" in the
 * box while the total still counted ￥0.50), and the table is told, so its totals line says that
 * an edit is not saved.
 */
export function EditableCell({ field, label, value, onCorrect, onCancel, counted = false, onUnsaved }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  const commit = async (text: string) => {
    const checked = checkCorrection(field, text);
    if (!checked.ok) {
      setDraft(text);
      setProblem(t(checked.messageKey, checked.text));
      return;
    }
    const refused = await onCorrect(field, text);
    setDraft(refused === null ? null : text);
    setProblem(refused);
  };
  const shown = (field === 'amount' ? displayAmount(value) : value) ?? '';
  // A layout effect, run with the render (a plain effect waits for the next frame): typing a value
  // and clicking Export at once must find it counted as unsaved when the click comes.
  useLayoutEffect(() => {
    if (draft === null) return;
    onUnsaved?.(field, draft);
    return () => onUnsaved?.(field, null);
  }, [draft, field]);
  const kept = shown === '' ? t('cellKeptEmpty') : t(counted ? 'cellKeptCounted' : 'cellKept', shown);
  return (
    <>
      <input
        aria-label={label}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        class="cell"
        data-field={field}
        title={shown || undefined}
        value={draft ?? shown}
        onChange={(e) => void commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          // Escape cancels: the saved value comes back (set on the element too, as Preact skips an
          // unchanged prop), so leaving the box fires no change and nothing is saved.
          e.preventDefault();
          e.stopPropagation();
          e.currentTarget.value = shown;
          setDraft(null);
          setProblem(null);
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
