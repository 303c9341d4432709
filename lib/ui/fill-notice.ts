import { FIELD_LABEL } from './field-labels';
import { t } from '@/lib/i18n';
import type { FillReport, UndoReport } from '@/lib/autofill/report';

/**
 * The popup's words for a fill: what went where (by the labels the page shows, 发票代码 → 发票代码),
 * which dropdown had no option for the value (开票地点: no “杭州市”), which field was not found.
 * Empty string when nothing at all was found.
 */
export function fillNotice(report: FillReport): string {
  const parts: string[] = [];
  if (report.filled.length > 0) parts.push(t('fillDone', report.filled.map((f) => `${t(FIELD_LABEL[f.field])} → ${f.label}`).join('; ')));
  for (const n of report.noOption) parts.push(t('fillNoOption', [n.label || t(FIELD_LABEL[n.field]), n.value]));
  if (report.cleared.length > 0) parts.push(t('fillCleared', report.cleared.map((c) => c.label || t(FIELD_LABEL[c.field])).join(', ')));
  if (report.unmatched.length > 0) parts.push(t('fillUnmatched', report.unmatched.map((f) => t(FIELD_LABEL[f])).join(', ')));
  return report.filled.length + report.noOption.length + report.cleared.length > 0 ? parts.join(' · ') : '';
}

/** The words after Undo: how many fields got their values back, and which lists kept Fill's choice. */
export function undoNotice(report: UndoReport): string {
  const kept = report.kept.length > 0 ? [t('undoKept', report.kept.join(t('listSeparator')))] : [];
  return [t('undone', String(report.restored)), ...kept].join(' ');
}
