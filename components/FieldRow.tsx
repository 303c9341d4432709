import { t } from '@/lib/i18n';

interface Props {
  field: string;
  label: string;
  value: string | undefined;
  /** Given only when worth a look (below the review threshold). */
  confidence: number | undefined;
  /** The recognized value, when the user corrected the field. */
  original?: string;
  /** What Copy puts on the clipboard when it differs from what is shown ("1000.00" for ￥1,000.00). */
  copyValue?: string;
  /** The field as stored (Huawei's "￥1000.00"), in `data-value` for tools that read the popup. */
  rawValue?: string;
  /** A value taken from elsewhere, shown under the field ("石家庄市 (from the invoice code)"). */
  derived?: string;
  onCopy: (value: string) => void;
}

/** One recognized field: label, value, a copy button; a low confidence and derived values below the value. */
export function FieldRow({ field, label, value, confidence, original, copyValue, rawValue, derived, onCopy }: Props) {
  return (
    <div class="field" data-field={field} data-value={rawValue ?? value}>
      <span class="field-label">{label}</span>
      <span class={value ? 'field-value' : 'field-value missing'} title={original !== undefined ? t('recognizedAs', original) : undefined}>
        {value ?? t('fieldMissing')}
        {original !== undefined && <span class="edited">✎</span>}
      </span>
      {value ? (
        <button type="button" class="copy" aria-label={t('copyField', label)} onClick={() => onCopy(copyValue ?? value)}>
          {t('copy')}
        </button>
      ) : (
        <span />
      )}
      {derived && <small class="derived">{derived}</small>}
      {confidence !== undefined && <span class="field-confidence">{t('confidenceCheck', String(Math.round(confidence * 100)))}</span>}
    </div>
  );
}
