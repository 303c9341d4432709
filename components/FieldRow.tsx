import { t } from '@/lib/i18n';

interface Props {
  field: string;
  label: string;
  value: string | undefined;
  confidence: number | undefined;
  /** The recognized value, when the user corrected the field. */
  original?: string;
  onCopy: (value: string) => void;
}

/** One recognized field: label, value, confidence, and a copy button. */
export function FieldRow({ field, label, value, confidence, original, onCopy }: Props) {
  return (
    <div class="field" data-field={field}>
      <span class="field-label">{label}</span>
      <span class={value ? 'field-value' : 'field-value missing'} title={original !== undefined ? t('recognizedAs', original) : undefined}>
        {value ?? t('fieldMissing')}
        {original !== undefined && <span class="edited">✎</span>}
      </span>
      {confidence !== undefined && (
        <span class="field-confidence">{t('confidence', String(Math.round(confidence * 100)))}</span>
      )}
      {value && (
        <button type="button" class="copy" aria-label={t('copyField', label)} onClick={() => onCopy(value)}>
          {t('copy')}
        </button>
      )}
    </div>
  );
}
