// Confirming the code (发票代码) and number (发票号码) by reading their lines again. One reading of a
// blurred digit can be wrong and still confident (a 6 read as 5 at 0.94 mean line confidence): a
// second look at the same line, cut a little tighter, reads a slip like that differently or weakly. An identifier is accepted as read only when the re-reads agree with it;
// otherwise the better-supported reading is kept and marked for the clerk to review.
import type { QuotaInvoiceField, QuotaInvoiceResult } from '../recognize/contract';
import { digitRuns, toHalfWidth } from '../invoice/normalize';
import { markedForReview } from '../invoice/review';
import type { DetectedLine, OcrEngine } from './engine';
import type { RotatedRect } from './geometry';
import type { RgbaImage } from './image';

/** The identifiers confirmed, and their digit counts. */
export const IDENTIFIER_DIGITS = { code: 12, number: 8 } as const;
export type Identifier = keyof typeof IDENTIFIER_DIGITS;

/**
 * Line heights (× the line's own height) at which a line is re-read; the margin taken off across
 * the text is taken off along it too. 0.7: a box found by the small (480 px) detection is about
 * 1.5 × as tall as the full-size one (held-out seeds 100004, 100012, 100035), so 0.7 is roughly the
 * full-size box. A second, looser re-read (1.15) was measured and dropped: it read correct digits
 * weakly and marked 8 of 40 correct identifiers for review (seeds 100030–100039 and their turned
 * copies), where the tight re-read alone marks 13 of 160 (100000–100039 and turned copies) with
 * none silently wrong (`npx tsx scripts/bench-accuracy.ts --count 40 --held-out --negatives 0`).
 */
export const REREAD_HEIGHTS = [0.7] as const;

/**
 * Every re-read's weakest digit of the identifier must have at least this probability (0–1) for
 * the re-reads to confirm it. The line's mean confidence hides one blurred digit: held-out seed 100035
 * turned 90° reads its code's 6 as 5 at 0.83 (second choice 6) inside a line at 0.936; its tight
 * re-read's weakest digit was about 0.90, at the floor (so this margin is thin), a correct full-size reading's
 * (seed 100012) 0.99 and 0.99.
 */
export const DIGIT_FLOOR = 0.9;

/**
 * A first reading whose every digit of the identifier has at least this probability (0–1) is taken
 * as read without a re-read. Chosen from the weakest digit of the code's and the number's first
 * readings (`npx tsx scripts/identifier-margins.ts --count 40`, held-out seeds 100000–100039 upright
 * and 100000–100028 turned): the two wrong ones had 0.36 (100004 turned 270°) and 0.92 (100012
 * turned 180°, its number's 8 read as 0), and 100035 turned 90° has its wrong code digit at 0.83
 * (DIGIT_FLOOR above), so the floor is well above all three; at 0.99, 44 of 130 correct
 * small-pass readings and 95 of 136 correct full-size ones skip their re-read.
 */
export const FIRST_READING_FLOOR = 0.99;

/** One reading of a line: its text, the recognizer's mean confidence and each character's (0–1). */
export interface LineReading {
  text: string;
  confidence: number;
  /** Aligned with `text`, one per UTF-16 unit (rec.ts RecResult). */
  charConfidences: readonly number[];
}

/** How an identifier stands after its re-reads. */
export interface SettledIdentifier {
  value: string;
  /** 0–1; below REVIEW_THRESHOLD when the readings did not agree. */
  confidence: number;
  /** Every re-read that gave the identifier's number of digits gave this value, and at least one did. */
  confirmed: boolean;
}

/**
 * A `DetectedLine.box` (corners top-left, top-right, bottom-right, bottom-left in reading order, image
 * px) back as a rotated rectangle: text along `w`, `angle` the baseline's direction (radians).
 */
export function rectOfBox(box: DetectedLine['box']): RotatedRect {
  const [tl, tr, , bl] = box;
  return {
    cx: (box[0][0] + box[1][0] + box[2][0] + box[3][0]) / 4,
    cy: (box[0][1] + box[1][1] + box[2][1] + box[3][1]) / 4,
    w: Math.hypot(tr[0] - tl[0], tr[1] - tl[1]),
    h: Math.hypot(bl[0] - tl[0], bl[1] - tl[1]),
    angle: Math.atan2(tr[1] - tl[1], tr[0] - tl[0]),
  };
}

/** The rectangles a line is re-read at (REREAD_HEIGHTS), same centre and angle, image px. */
export function rereadRects(rect: RotatedRect): RotatedRect[] {
  return REREAD_HEIGHTS.map((k) => ({ ...rect, w: Math.max(1, rect.w - (1 - k) * rect.h), h: rect.h * k }));
}

/**
 * The identifier a reading holds: its run of exactly `digits` digits (look-alike letters read as
 * digits, as the extractor does; a "No" whose N was lost leaves an o before a number, dropped),
 * preferring `expected` when the line holds several, with the lowest probability among its
 * characters (`weakest`, 0–1); undefined when no run has that length (a digit lost or doubled: the
 * reading says nothing either way).
 */
export function identifierIn(reading: LineReading, digits: number, expected?: string): { value: string; weakest: number } | undefined {
  // The text without spaces (as the extractor's compact()), each character with its probability.
  const kept = Array.from(toHalfWidth(reading.text), (c, i) => ({ c, p: reading.charConfidences[i] ?? reading.confidence })).filter(({ c }) => !/\s/u.test(c));
  const clean = kept.map(({ c }) => c).join('');
  const found = digitRuns(clean, digits).map((r) => {
    const start = r.digits.length === digits + 1 && /^[oO]/.test(r.raw) ? r.start + 1 : r.start;
    return { value: r.digits.slice(start - r.start), weakest: Math.min(...kept.slice(start, r.end).map(({ p }) => p)) };
  });
  const exact = found.filter((f) => f.value.length === digits);
  return exact.find((f) => f.value === expected) ?? exact[0];
}

/**
 * The rule. `first`: the identifier as the page's reading gave it (value and confidence 0–1);
 * `rereads`: the same line read again. Confirmed (confidence kept) when every re-read that holds an
 * identifier of that length agrees, at least one does, and each of those read every digit with at
 * least DIGIT_FLOOR. Otherwise the value with the most readings (the first reading counts as one; a
 * tie keeps the first reading) is kept, its confidence brought below REVIEW_THRESHOLD so the
 * capture goes to review: a wrong code or number must never pass unmarked.
 */
export function settleIdentifier(field: Identifier, first: { value: string; confidence: number }, rereads: readonly LineReading[]): SettledIdentifier {
  const digits = IDENTIFIER_DIGITS[field];
  const votes = new Map<string, { count: number; confidence: number; weakest: number }>([[first.value, { count: 1, confidence: first.confidence, weakest: 1 }]]);
  let voted = 0;
  for (const reading of rereads) {
    const found = identifierIn(reading, digits, first.value);
    if (found === undefined) continue;
    voted += 1;
    const v = votes.get(found.value) ?? { count: 0, confidence: 0, weakest: 1 };
    votes.set(found.value, { count: v.count + 1, confidence: Math.max(v.confidence, reading.confidence), weakest: Math.min(v.weakest, found.weakest) });
  }
  if (votes.size === 1 && voted > 0 && votes.get(first.value)!.weakest >= DIGIT_FLOOR) return { value: first.value, confidence: first.confidence, confirmed: true };
  let best = first.value;
  for (const [value, v] of votes) if (v.count > votes.get(best)!.count) best = value;
  return { value: best, confidence: markedForReview(votes.get(best)!.confidence), confirmed: false };
}

/**
 * Re-reads the lines the code and the number were taken from (`sources`: field → index into
 * `lines`, as extractWithEvidence gives them) out of `image` (the image the lines were found in, at
 * its own resolution), recognition only, and settles each (settleIdentifier), changing `result` in
 * place. An identifier whose first reading already has every digit at FIRST_READING_FLOOR or above
 * is confirmed as it stands, without a re-read. Costs one line recognition (two under seal red) per
 * identifier re-read. Returns the identifiers that were not confirmed.
 */
export async function confirmIdentifiers(
  engine: OcrEngine,
  image: RgbaImage,
  lines: readonly DetectedLine[],
  sources: Partial<Record<QuotaInvoiceField, number>>,
  result: QuotaInvoiceResult,
): Promise<Identifier[]> {
  const fields = (Object.keys(IDENTIFIER_DIGITS) as Identifier[]).filter(
    (f) => result[f] !== undefined && sources[f] !== undefined && !clearlyRead(lines[sources[f]!]!, f, result[f]!),
  );
  const rects = fields.flatMap((f) => rereadRects(rectOfBox(lines[sources[f]!]!.box)));
  const readings = rects.length ? await engine.readLines(image, rects) : [];
  const doubtful: Identifier[] = [];
  fields.forEach((field, i) => {
    const first = { value: result[field]!, confidence: result.confidence?.[field] ?? 0 };
    const settled = settleIdentifier(field, first, readings.slice(i * REREAD_HEIGHTS.length, (i + 1) * REREAD_HEIGHTS.length));
    result[field] = settled.value;
    result.confidence = { ...result.confidence, [field]: settled.confidence };
    if (!settled.confirmed) doubtful.push(field);
  });
  return doubtful;
}

/** The first reading of `line` holds `value` as `field` with every digit at FIRST_READING_FLOOR or above. */
export function clearlyRead(line: LineReading, field: Identifier, value: string): boolean {
  const found = identifierIn(line, IDENTIFIER_DIGITS[field], value);
  return found?.value === value && found.weakest >= FIRST_READING_FLOOR;
}
