import { formatApiAmount, parseAmount, type AmountProblem } from './amount';
import { toHalfWidth } from './normalize';

export type CorrectionField = 'code' | 'number' | 'amount' | 'location';

/** A user's correction as it will be stored, or why it is refused (an i18n key and the text typed). */
export type CorrectionCheck = { ok: true; value: string } | { ok: false; messageKey: `amountProblem_${AmountProblem | 'zero'}`; text: string };

/**
 * Reads a correction the way the rest of the product reads values: an amount through the one
 * amount parser and stored as Huawei writes it ("伍拾元" → "￥50.00"), so a total can never meet
 * text it cannot read; codes and numbers typed with a Chinese IME lose their full width and
 * spaces ("０３３０ １２" → "033012"). Empty means "back to the recognized value".
 */
export function checkCorrection(field: CorrectionField, text: string): CorrectionCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: '' };
  if (field === 'amount') {
    const parsed = parseAmount(trimmed);
    if (!parsed.ok) return { ok: false, messageKey: `amountProblem_${parsed.problem}`, text: trimmed };
    // No quota invoice is worth nothing (the smallest is 伍角): a zero is a slip, not a value.
    if (parsed.fen === 0) return { ok: false, messageKey: 'amountProblem_zero', text: trimmed };
    return { ok: true, value: formatApiAmount(parsed.fen) };
  }
  if (field === 'code' || field === 'number') return { ok: true, value: toHalfWidth(trimmed).replace(/\s+/g, '') };
  return { ok: true, value: trimmed };
}
