import { useId, useState } from 'preact/hooks';
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
}

/**
 * One field of the review table, edited in place. A value that does not read (an amount that is
 * not one) is refused right here, with words that say why, and what was typed stays in the box to
 * be fixed; nothing is saved until it reads.
 */
export function EditableCell({ field, label, value, onCorrect, onCancel }: Props) {
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
  return (
    <>
      <input
        aria-label={label}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        class="cell"
        data-field={field}
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
      {problem && <small id={errorId} class="cell-problem" role="alert">{problem}</small>}
    </>
  );
}
