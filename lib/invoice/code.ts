/**
 * The 12-digit quota-invoice code: digit 1 the issuing authority, digits 2–5 the region's GB/T 2260
 * prefix, digits 6–7 the printing year, digit 8 the industry, the rest a batch number.
 */
export type Authority = 'general' | 'national-tax' | 'local-tax';

export interface DecodedCode {
  authority: Authority | null;
  regionPrefix: string;
  /** Two-digit printing year as a full year (e.g. "15" → 2015). */
  printYear: number;
  industry: string;
}

const AUTHORITY: Record<string, Authority> = { '0': 'general', '1': 'national-tax', '2': 'local-tax' };

/**
 * Whether a code's printing year (its 6th–7th digits, `yy`, two characters) can be: not later than
 * `thisYear` (4-digit, default the clock's). A code is printed before it is issued, so a year still
 * to come is a misread or mistyped digit (fresh seed 2900074: 044037151266 for 044032151266, "printed"
 * in 2071). Two digits from 90 up are 199x, as decodeCode reads them.
 */
export function printYearPossible(yy: string, thisYear: number = new Date().getFullYear()): boolean {
  const year = Number(yy);
  return /^\d{2}$/u.test(yy) && (year >= 90 || 2000 + year <= thisYear);
}

/**
 * Whether `digit` can stand at place `at` (0-based) of a code whose digits before it are `before`
 * (fewer when the caller does not know them): the first digit names the issuing authority and is 0,
 * 1 or 2 (DESIGN.md "Code"); the 6th and 7th are the printing year, not one to come
 * (printYearPossible; the 6th alone: a decade it can start); any digit elsewhere. The code-authority
 * and code-year checks (checks.ts) flag a code that breaks them; a reader pooling several readings
 * keeps to them.
 */
export function codeDigitPossible(digit: string, at: number, before = '', thisYear: number = new Date().getFullYear()): boolean {
  if (at === 0) return digit in AUTHORITY;
  if (at === 5) return printYearPossible(`${digit}0`, thisYear);
  if (at === 6 && before.length >= 6) return printYearPossible(`${before[5]}${digit}`, thisYear);
  return true;
}

/** The bureau's words as the title and the supervision seal print them, with the code's first digit each issues (DESIGN.md "Code"). */
const BUREAU_AUTHORITY: readonly [RegExp, string][] = [
  [/国家税务总局/u, '0'], // the merged bureau, since 2018: general
  [/国家税务局|国税局/u, '1'],
  [/地方税务局|地税局/u, '2'],
];

/**
 * The first digit of the code of an invoice whose printed texts (`texts`: the title, the
 * supervision seal's words) name its bureau: 国家税务总局…税务局 0, …国家税务局 1, …地方税务局 2
 * (DESIGN.md "Code"). Undefined when no text names one, or texts name two.
 */
export function authorityDigitOf(texts: readonly string[]): string | undefined {
  const named = new Set(texts.flatMap((text) => BUREAU_AUTHORITY.filter(([words]) => words.test(text)).map(([, digit]) => digit)));
  return named.size === 1 ? [...named][0] : undefined;
}

export const CODE_PATTERN = /^\d{12}$/;
export const NUMBER_PATTERN = /^\d{8}$/;

export function decodeCode(code: string): DecodedCode | null {
  if (!CODE_PATTERN.test(code)) return null;
  const yy = Number(code.slice(5, 7));
  return {
    authority: AUTHORITY[code[0]!] ?? null,
    regionPrefix: code.slice(1, 5),
    printYear: yy >= 90 ? 1900 + yy : 2000 + yy,
    industry: code[7]!,
  };
}

/**
 * True when `number`'s digits lie inside `code`: a number so read was taken off the code's line and
 * is the code's digits (held-out seed 200032), and a code so read holds the number's. False when
 * either is missing.
 */
export function insideCode(code: string | undefined, number: string | undefined): boolean {
  return code !== undefined && number !== undefined && code.includes(number);
}

/** Code + number identify an invoice nationwide: the duplicate key. */
export function duplicateKey(code: string | undefined, number: string | undefined): string | null {
  return code && number && CODE_PATTERN.test(code) && NUMBER_PATTERN.test(number) ? `${code}-${number}` : null;
}
