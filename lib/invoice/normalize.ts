/** Text clean-up before field extraction: width, spaces and OCR's letter-for-digit slips. */

/** Full-width ASCII (０-９, Ａ-Ｚ, ：) to half-width; the ideographic space to a space. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\uFFE5/g, '￥'); // keep the yen sign full-width: ￥ is how amounts are written
}

const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', i: '1', '|': '1', Z: '2', z: '2', S: '5', s: '5', B: '8', g: '9', b: '6' };

export interface DigitRun {
  digits: string;
  /** The characters as read, before look-alikes were turned into digits. */
  raw: string;
  /** Index in the (half-width, space-free) text where the run starts. */
  start: number;
  end: number;
  /** How many look-alike letters had to be read as digits. */
  repaired: number;
}

/**
 * Runs of digits in a text, reading look-alike letters as digits when they sit inside a run that
 * is mostly digits ("O1234567" → "01234567"), but never a lone word of letters.
 */
export function digitRuns(text: string, minLength = 6): DigitRun[] {
  const runs: DigitRun[] = [];
  const pattern = /[0-9OoDQlIi|ZzSsBgb]+/g;
  for (const match of text.matchAll(pattern)) {
    const raw = match[0];
    const real = raw.replace(/[^0-9]/g, '').length;
    if (raw.length < minLength || real / raw.length < 0.75) {
      // letters dominate: still report the pure-digit sub-runs inside
      for (const sub of raw.matchAll(/\d+/g)) {
        if (sub[0].length >= minLength) {
          const start = match.index + sub.index;
          runs.push({ digits: sub[0], raw: sub[0], start, end: start + sub[0].length, repaired: 0 });
        }
      }
      continue;
    }
    const digits = Array.from(raw, (c) => DIGIT_LOOKALIKES[c] ?? c).join('');
    runs.push({ digits, raw, start: match.index, end: match.index + raw.length, repaired: raw.length - real });
  }
  return runs;
}

export function compact(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '');
}
