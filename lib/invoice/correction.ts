import { DENOMINATIONS_FEN, formatApiAmount, parseAmount, type AmountProblem, type Fen } from './amount';
import { toHalfWidth } from './normalize';

export type CorrectionField = 'code' | 'number' | 'amount' | 'location';

/** A user's correction as it will be stored, or why it is refused (an i18n key and the text typed). */
export type CorrectionCheck =
  | { ok: true; value: string }
  | { ok: false; messageKey: `amountProblem_${AmountProblem | 'zero' | 'aboveQuota'}` | 'identifierNotDigits'; text: string };

/**
 * The largest amount a correction may hold: ￥10,000.00 (1,000,000 fen), the largest denomination
 * printed (DENOMINATIONS_FEN). Quota invoices are printed in fixed denominations, so a value above
 * every one of them is a slip of the keyboard, not an invoice: trial 6 typed 1000000000 (the totals
 * became ￥1,000,030,930.00), trial 7 typed 10000.01 for 100.01 (taken, flagged, counted: the totals
 * jumped by ￥9,980). Below the bound a value that is no denomination (￥1,000.50) is taken and
 * flagged "unusual amount" for review.
 */
export const MAX_CORRECTION_FEN: Fen = DENOMINATIONS_FEN[DENOMINATIONS_FEN.length - 1];

/**
 * Reads a correction the way the rest of the product reads values: an amount through the one
 * amount parser and stored as Huawei writes it ("伍拾元" → "￥50.00"), so a total can never meet
 * text it cannot read; codes and numbers typed with a Chinese IME lose their full width and
 * spaces ("０３３０ １２" → "033012"). Empty means "back to the recognized value". An amount of
 * zero or above MAX_CORRECTION_FEN is refused (the words say why and what to do). A code or number
 * holding anything but digits once widths and spaces are gone is refused (`identifierNotDigits`):
 * 发票代码 and 发票号码 are digits only, and a letter O typed for 0 looks like it in the table's
 * monospace while its check only said "not 12 digits" (trial 7). Never turned into a digit: a guess
 * at an identifier is worse than a question. A typed amount may start at its point (".5" → "￥0.50").
 */
export function checkCorrection(field: CorrectionField, text: string): CorrectionCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: '' };
  if (field === 'amount') {
    // A clerk types ".5" for 伍角 (five jiao), as a calculator takes it: a point with nothing
    // before it means 0 yuan. Only here, where a person typed it: in an OCR reading a lost leading
    // digit would look the same, and parseAmount never takes it there.
    const parsed = parseAmount(trimmed.replace(/^([¥￥]?\s*)([.。])(?=\d)/u, '$10$2'));
    if (!parsed.ok) return { ok: false, messageKey: `amountProblem_${parsed.problem}`, text: trimmed };
    // No quota invoice is worth nothing (the smallest is 伍角): a zero is a slip, not a value.
    if (parsed.fen === 0) return { ok: false, messageKey: 'amountProblem_zero', text: trimmed };
    if (parsed.fen > MAX_CORRECTION_FEN) return { ok: false, messageKey: 'amountProblem_aboveQuota', text: trimmed };
    return { ok: true, value: formatApiAmount(parsed.fen) };
  }
  if (field === 'code' || field === 'number') {
    const value = toHalfWidth(trimmed).replace(/\s+/g, '');
    return /^\d+$/.test(value) ? { ok: true, value } : { ok: false, messageKey: 'identifierNotDigits', text: trimmed };
  }
  return { ok: true, value: trimmed };
}
