/**
 * Money in, money out: every amount that enters the product (an OCR line, Huawei's answer, a
 * user's correction, an imported file, a value about to be filled) is read here and kept as an
 * exact integer number of fen (1 yuan = 10 jiao = 100 fen). No float ever holds money.
 *
 * Written forms accepted (what clerks, IMEs and printers produce):
 * - figures: `50`, `50.00`, `1,000.00`, `¥ 2,000`, `￥50.00`, `RMB 20`, `50元`, `50.00元整`, `1.5万元`;
 *   full-width digits and punctuation from a Chinese IME (`５０`, `１００．００`, `１００。００`);
 *   a decimal comma (`5,00`) only where it cannot be a thousands separator.
 * - capitals (大写, the form of GB/T 12406 money on Chinese invoices) and lowercase numerals:
 *   `壹佰圆整`, `人民币伍角整`, `零元伍角`, `玖仟陆佰陆拾伍圆壹角捌分`, `壹拾万元整`, `五十元`.
 * - prefixes `￥ ¥ Y RMB CNY 人民币` and a label (`金额:`, `小写`, `合计`…), suffixes `元 圆 圓 整 正`.
 */
import { toHalfWidth } from './normalize';

/** Money as an integer count of fen. */
export type Fen = number;

/** Why a text is not an amount, for the words shown beside a refused correction. */
export type AmountProblem = 'empty' | 'notAmount' | 'negative' | 'tooManyDecimals' | 'tooLarge';

export type AmountParse = { ok: true; fen: Fen } | { ok: false; problem: AmountProblem };

/** 1,000,000,000.00 yuan: far above any invoice or batch, far below Number.MAX_SAFE_INTEGER fen. */
const MAX_FEN = 100_000_000_000;

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 壹: 1, 一: 1, 贰: 2, 貳: 2, 二: 2, 两: 2, 兩: 2, 叁: 3, 參: 3, 三: 3, 肆: 4, 四: 4,
  伍: 5, 五: 5, 陆: 6, 陸: 6, 六: 6, 柒: 7, 七: 7, 捌: 8, 八: 8, 玖: 9, 九: 9,
};
const UNITS: Record<string, number> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000, 億: 100_000_000 };
const DIGIT_CLASS = '零〇壹一贰貳二两兩叁參三肆四伍五陆陸六柒七捌八玖九';
const NUMERAL_CLASS = `${DIGIT_CLASS}拾十佰百仟千万萬亿億`;

/** Quota invoices come in fixed denominations (fen); anything else is worth a warning, not an error. */
export const DENOMINATIONS_FEN = [50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000] as const;

export function isUsualDenomination(fen: Fen): boolean {
  return (DENOMINATIONS_FEN as readonly number[]).includes(fen);
}

/**
 * An integer written in Chinese numerals ("壹仟零伍拾" → 1050, "拾" → 10, "壹拾万零壹拾" → 100010),
 * or null when the numerals do not spell one number: two digits in a row ("壹贰"), units out of
 * order ("拾拾", "佰仟"), or a colloquial short form that hides a unit ("壹佰伍" is 150 to some
 * readers and 105 to others, "壹万伍" 15000 or 10005): money must not be guessed.
 * A bare 拾 means one ten where a section starts ("拾元", "拾万").
 */
export function parseChineseInteger(text: string): number | null {
  if (text === '') return null;
  let closedYi = 0; // the part closed by 亿
  let closedWan = 0; // the part closed by 万
  let section = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  let lastBig = Infinity;
  let zeroSinceUnit = false;
  for (const ch of text) {
    if (ch in DIGITS) {
      const d = DIGITS[ch]!;
      if (digit !== null) return null;
      if (d === 0) zeroSinceUnit = true;
      else digit = d;
    } else if (ch in UNITS) {
      const unit = UNITS[ch]!;
      if (unit >= lastUnit) return null;
      if (digit === null && !(unit === 10 && section === 0 && !zeroSinceUnit)) return null;
      section += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
      zeroSinceUnit = false;
    } else if (ch in BIG_UNITS) {
      const unit = BIG_UNITS[ch]!;
      const value = section + (digit ?? 0);
      if (unit >= lastBig || value === 0 || (digit !== null && lastUnit > 10 && lastUnit !== Infinity && !zeroSinceUnit)) return null;
      if (unit === 100_000_000) {
        closedYi = (closedWan + value) * unit;
        closedWan = 0;
      } else {
        closedWan = value * unit;
      }
      section = 0;
      digit = null;
      lastUnit = Infinity;
      lastBig = unit;
      zeroSinceUnit = false;
    } else {
      return null;
    }
  }
  if (digit !== null && !zeroSinceUnit) {
    const hidesUnit = lastUnit === Infinity ? lastBig !== Infinity : lastUnit > 10;
    if (hidesUnit) return null;
  }
  return closedYi + closedWan + section + (digit ?? 0);
}

/** Strips what surrounds an amount: a label before a colon, currency words, 整/正. */
const LABEL = /^(?:金额|小写金额|大写金额|小写|大写|合计|价税合计|总计|Amount|Total)?[(（]?(?:小写|大写)?[)）]?[:：]?/iu;

/**
 * Strips what surrounds an amount: a known label ("金额:", "金额(小写):", "Amount:"), currency
 * words, 整/正; spaces used as thousands separators ("1 000") become commas. Null when a space
 * splits digits any other way ("20 30" is two numbers, not 2030).
 */
function core(text: string): string | null {
  const grouped = toHalfWidth(text).trim().replace(/(\d)[ \u00a0\u202f](?=\d{3}(?!\d))/g, '$1,');
  if (/\d\s+\d/.test(grouped)) return null;
  return grouped
    .replace(/\s+/g, '')
    .replace(LABEL, '')
    .replace(/^(?:人民币|RMB|CNY|[¥￥Y])+/iu, '')
    .replace(/[整正]$/u, '');
}

/** Figures as written ("1,000.00", "50", "1.5万元") → fen, or a problem. */
function parseFigures(text: string): AmountParse | null {
  const m = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:([.。·]|,)(\d*))?(万|萬)?(?:元|圆|圓)?$/u.exec(text);
  if (!m) return null;
  const [, minus, integer, separator, decimals = '', wan] = m;
  if (separator === ',' && integer!.includes(',')) return null; // "1,000,00": a separator in the wrong place
  // "5,00" is 5.00 to some and 500 to others: money is not guessed (OCR lines, where a printed
  // point is often read as a comma, are handled by findFigureAmount with the capitals beside them).
  if (separator === ',') return null;
  const scale = wan ? 6 : 2; // 万 moves the fen four places
  if (decimals.length > scale) return { ok: false, problem: 'tooManyDecimals' };
  const digits = integer!.replace(/,/g, '') + decimals.padEnd(scale, '0');
  const fen = Number(digits);
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return { ok: false, problem: 'tooLarge' };
  if (minus) return { ok: false, problem: 'negative' };
  return { ok: true, fen };
}

const CAPITAL_MONEY = new RegExp(
  `^(?:([${NUMERAL_CLASS}]+)(?:元|圆|圓)?)?(?:([${DIGIT_CLASS}])角)?零?(?:([${DIGIT_CLASS}])分)?$`,
  'u',
);

/** Capitals ("壹佰捌拾壹元柒角", "伍角", "零元伍角") → fen, or null when the text is not capitals. */
function parseCapitals(text: string): AmountParse | null {
  const m = CAPITAL_MONEY.exec(text);
  if (!m || text === '' || text === '零') return null;
  const [, integer, jiao, fen] = m;
  // Without 元/角/分 a lone numeral is still an amount only when it is the whole text ("伍拾").
  const yuan = integer === undefined ? 0 : parseChineseInteger(integer);
  if (yuan === null) return null;
  const value = yuan * 100 + (jiao ? DIGITS[jiao]! * 10 : 0) + (fen ? DIGITS[fen]! : 0);
  if (!Number.isSafeInteger(value) || value > MAX_FEN) return { ok: false, problem: 'tooLarge' };
  return { ok: true, fen: value };
}

/**
 * The one parser: a whole text that states an amount → exact fen, or why it is not one.
 * `parseAmount('¥1,000.00')` → `{ok: true, fen: 100000}`; `parseAmount('人民币伍角整')` → 50 fen;
 * `parseAmount('电话 0755-1234')` → `{ok: false, problem: 'notAmount'}`.
 */
export function parseAmount(text: string | undefined | null): AmountParse {
  if (text === undefined || text === null || text.trim() === '') return { ok: false, problem: 'empty' };
  const body = core(text);
  if (body === null || body === '') return { ok: false, problem: 'notAmount' };
  return parseFigures(body) ?? parseCapitals(body) ?? { ok: false, problem: 'notAmount' };
}

/** `parseAmount` for callers that only need the value: fen, or null. */
export function amountFen(text: string | undefined | null): Fen | null {
  const parsed = parseAmount(text);
  return parsed.ok ? parsed.fen : null;
}

/**
 * The first amount written in figures inside a longer OCR line, with a currency mark before it or
 * 元 after it ("金额(小写) ￥50.00", "50.00元"); bare digit runs (phone numbers) are not amounts.
 */
export function findFigureAmount(line: string): Fen | null {
  // On a printed invoice a decimal point read as a comma ("5,00元") is OCR's slip, not a thousands
  // separator (those come in threes); the extractor checks figures against the capitals.
  const text = toHalfWidth(line).replace(/\s+/g, '').replace(/(\d),(\d{1,2})(?!\d)/g, '$1.$2');
  const marked = /(?:[¥￥Y]|RMB|CNY)(\d[\d,]*(?:[.。·]\d{1,2}|,\d{1,2})?)/iu.exec(text) ?? /(\d[\d,]*(?:[.。·]\d{1,2}|,\d{1,2})?(?:万|萬)?)(?:元|圆|圓)/u.exec(text);
  return marked ? amountFen(marked[1]!) : null;
}

/** The first amount written in capitals inside a longer OCR line ("壹拾圆整", "人民币伍角整"). */
export function findCapitalAmount(line: string): Fen | null {
  const pattern = new RegExp(`[${NUMERAL_CLASS}]*(?:元|圆|圓)(?:[${DIGIT_CLASS}]角)?零?(?:[${DIGIT_CLASS}]分)?|[${DIGIT_CLASS}]角(?:[${DIGIT_CLASS}]分)?|[${DIGIT_CLASS}]分`, 'u');
  const match = pattern.exec(line.replace(/\s+/g, ''));
  if (!match) return null;
  const fen = amountFen(match[0]);
  return fen !== null && (match[0].length > 1 || fen > 0) ? fen : null;
}

/**
 * Characters the recognizer reads in place of a capital's unit, each one stroke group off it: 任
 * for 仟 (held-out seed 2300060 turned 270°: 壹仟圆 read 壹任圆, the amount lost) and 伯 for 佰.
 * Only OCR lines are mended so (findMendedCapitalAmount); a typed amount never is.
 */
const UNIT_LOOKALIKES: Readonly<Record<string, string>> = { 任: '仟', 伯: '佰' };

/**
 * findCapitalAmount on an OCR line, and when it finds none, on the line with its unit look-alikes
 * (UNIT_LOOKALIKES) mended: `{fen, mended}` (mended: a look-alike was taken for the unit, so the
 * caller must not call the amount settled on that alone), or null.
 */
export function findMendedCapitalAmount(line: string): { fen: Fen; mended: boolean } | null {
  const fen = findCapitalAmount(line);
  if (fen !== null) return { fen, mended: false };
  const mended = Array.from(line, (c) => UNIT_LOOKALIKES[c] ?? c).join('');
  const mendedFen = mended === line ? null : findCapitalAmount(mended);
  return mendedFen === null ? null : { fen: mendedFen, mended: true };
}

/** "1000.00": fen as a plain decimal string in yuan, for form fields and the CSV's number column. */
export function fenToYuanText(fen: Fen): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Huawei's own amount format ("￥50.00", no grouping): what a result's `amount` holds. */
export function formatApiAmount(fen: Fen): string {
  return `￥${fenToYuanText(fen)}`;
}

/** Made once: `toLocaleString` builds a new formatter per call (a few ms for a page of rows). */
const YUAN_GROUPS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "￥1,000.00": how finance staff read an amount, in both languages. */
export function formatAmount(fen: Fen): string {
  const yuan = Math.trunc(fen / 100);
  return `￥${YUAN_GROUPS.format(yuan)}.${String(fen % 100).padStart(2, '0')}`;
}

/** An amount as a person should see it: formatted when it parses, the raw text otherwise. */
export function displayAmount(text: string | undefined): string {
  const fen = amountFen(text);
  return fen === null ? (text ?? '') : formatAmount(fen);
}
