// Confirming the code (发票代码) and number (发票号码) by reading their lines again. One reading of a
// blurred digit can be wrong and still confident (a 6 read as 5 at 0.94 mean line confidence): a
// second look at the same line, cut a little tighter, reads a slip like that differently or weakly.
// An identifier is accepted as read only when the re-reads agree with it; otherwise every reading
// of it is pooled digit by digit and the result marked for the clerk to review.
import type { QuotaInvoiceField, QuotaInvoiceResult } from '../recognize/contract';
import { codeDigitPossible } from '../invoice/code';
import { compact, digitRuns, toHalfWidth } from '../invoice/normalize';
import { putField } from '../invoice/result-fields';
import { markedForReview } from '../invoice/review';
import type { DetectedLine, OcrEngine } from './engine';
import { type RotatedRect, lengthened, spanAlong } from './geometry';
import { cropRotatedRect, type RgbaImage } from './image';

/** The identifiers confirmed, and their digit counts. */
export const IDENTIFIER_DIGITS = { code: 12, number: 8 } as const;
export type Identifier = keyof typeof IDENTIFIER_DIGITS;
/** The identifiers, code first. */
export const IDENTIFIERS = Object.keys(IDENTIFIER_DIGITS) as Identifier[];

/**
 * Line heights (× the line's own height) at which a line is re-read, its length kept (rereadRect).
 * 0.7: a box found by the small (480 px) detection is about 1.5 × as tall as the full-size one
 * (held-out seeds 100004, 100012, 100035), so 0.7 is roughly the full-size box. A second, looser
 * re-read (1.15) was measured and dropped: it read correct digits weakly and marked 8 of 40 correct
 * identifiers for review (seeds 100030–100039 and their turned copies), where the tight re-read
 * alone marks 13 of 160 (100000–100039 and turned copies) with none silently wrong
 * (`npx tsx scripts/bench-accuracy.ts --count 40 --held-out --negatives 0`).
 */
export const REREAD_HEIGHTS = [0.7] as const;

/**
 * When no re-read agrees with the first reading (one against one, or the re-read lost a digit),
 * the line is read once more at this height to break the tie: the digit-by-digit pooling
 * (fuseDigits) then has three readings. It cannot always side with the truth: seed 200133's first
 * reading had its code's 2 right at 0.79, and the re-read and the tie-break both read it as 7 at
 * 0.98 (shown as 7, marked for review); seed 200135's number went the other way and comes out right.
 */
export const TIEBREAK_HEIGHT = 0.85;

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
 * small-pass readings and 95 of 136 correct full-size ones skip their re-read. Fresh seeds
 * 200040–200079 (upright and turned, `--first 200040`): the one wrong first reading had 0.47; at
 * 0.98, 207 of 280 correct ones would skip against 177 at 0.99, kept for the margin over 0.92.
 */
export const FIRST_READING_FLOOR = 0.99;

/** One reading of a line: its text, the recognizer's mean confidence and each character's (0–1). */
export interface LineReading {
  text: string;
  confidence: number;
  /** Aligned with `text`, one per UTF-16 unit (rec.ts RecResult). */
  charConfidences: readonly number[];
  /** Each character's centre along the line, 0–1, when the recognizer says (rec.ts RecResult). */
  charPositions?: readonly number[];
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

/**
 * The rectangle a line is re-read at: `k` × its height (REREAD_HEIGHTS), its whole length, same centre
 * and angle, image px. The length was once cut by the height's margin too, (1 − k) × h, which took
 * the edge off a last digit the detected box ends at: fresh seed 3500055's 211001529022 was re-read
 * 211001529027 (a 2 without its foot), 3500024's 235021495367 as 235021493367; kept whole, both read
 * right, and on held-out 3100000–3300000, 3700000 and the sheets nothing else changed.
 */
export function rereadRect(rect: RotatedRect, k: number): RotatedRect {
  return { ...rect, h: rect.h * k };
}

/**
 * The rectangle a line that nearly holds a missing code is read again at (readMissingCode): `k` ×
 * its height, the margin so taken off across it taken off along it too, same centre and angle, image
 * px. Cut so, seed 200114's seal-free line gave its 6 (read whole, a 0) and held-out 2100006's
 * longer boxes their last two digits.
 */
function nearMissRect(rect: RotatedRect, k: number): RotatedRect {
  return { ...rect, w: Math.max(1, rect.w - (1 - k) * rect.h), h: rect.h * k };
}

/**
 * Along the line, the re-read keeps this many digit pitches (centre to centre) beyond the centres
 * of the identifier's first and last digits: half a digit's width of the gap either side.
 */
export const SPAN_MARGIN = 1;

/**
 * Where along its line an identifier was read: the centres of its first and last digits as shares
 * (0–1) of the line's length (rec.ts `charPositions`, from the recognizer's CTC time steps).
 */
export interface DigitSpan {
  from: number;
  to: number;
}

/**
 * The rectangles a line is re-read at (REREAD_HEIGHTS), same centre and angle, image px. With
 * `span` (the identifier's `digits` digits), each is cut along the line to those digits and
 * SPAN_MARGIN pitches either side, within the whole-line rectangle: the label beside them (发票代码,
 * No) is not read again, and the recognizer's input is about half as wide. A span whose pitch is
 * not a digit's (under 0.15 or over 1.5 × the line's height) is not trusted: the whole line then.
 */
export function rereadRects(rect: RotatedRect, span?: DigitSpan, digits = 12): RotatedRect[] {
  return REREAD_HEIGHTS.map((k) => {
    const whole = rereadRect(rect, k);
    const w = whole.w;
    if (!span || digits < 2) return whole;
    const pitch = ((span.to - span.from) * rect.w) / (digits - 1);
    if (!(pitch >= 0.15 * rect.h && pitch <= 1.5 * rect.h)) return whole;
    const u0 = Math.max(-w / 2, -rect.w / 2 + span.from * rect.w - SPAN_MARGIN * pitch);
    const u1 = Math.min(w / 2, -rect.w / 2 + span.to * rect.w + SPAN_MARGIN * pitch);
    return u1 - u0 < 1 ? whole : spanAlong(whole, u0, u1);
  });
}

/** One reading of an identifier: its digits and each one's probability (0–1, aligned with `value`). */
export interface DigitReading {
  value: string;
  digits: readonly number[];
}

/** An identifier found in a reading: its digits, each digit's probability and the lowest of them. */
export interface FoundIdentifier extends DigitReading {
  weakest: number;
}

/**
 * Every reading of the page's code and number made so far (a reading of the page, a re-read),
 * kept across passes: a pass that has to settle a doubted identifier pools them all (fuseDigits).
 */
export type IdentifierReadings = Partial<Record<Identifier, DigitReading[]>>;

/**
 * The identifier a reading holds: its run of exactly `digits` digits (look-alike letters read as
 * digits, as the extractor does; a "No" whose N was lost leaves an o before a number, dropped),
 * preferring `expected` when the line holds several, with each digit's probability and the lowest
 * of them (`weakest`, 0–1); undefined when no run has that length (a digit lost or doubled: the
 * reading says nothing either way).
 */
export function identifierIn(reading: LineReading, digits: number, expected?: string): FoundIdentifier | undefined {
  const found = identifierAt(reading, digits, expected);
  return found && { value: found.value, digits: found.digits, weakest: found.weakest };
}

/** identifierIn, with where the run stands in `reading.text` (`first`, `last`: indices of its first and last digit). */
function identifierAt(reading: LineReading, digits: number, expected?: string): (FoundIdentifier & { first: number; last: number }) | undefined {
  // The text without spaces (as the extractor's compact()), each character with its probability.
  const kept = Array.from(toHalfWidth(reading.text), (c, i) => ({ c, i, p: reading.charConfidences[i] ?? reading.confidence })).filter(({ c }) => !/\s/u.test(c));
  const clean = kept.map(({ c }) => c).join('');
  const found = digitRuns(clean, digits).map((r) => {
    const start = r.digits.length === digits + 1 && /^[oO]/.test(r.raw) ? r.start + 1 : r.start;
    const probs = kept.slice(start, r.end).map(({ p }) => p);
    return { value: r.digits.slice(start - r.start), digits: probs, weakest: Math.min(...probs), first: kept[start]!.i, last: kept[r.end - 1]!.i };
  });
  const exact = found.filter((f) => f.value.length === digits && f.digits.length === digits);
  return exact.find((f) => f.value === expected) ?? exact[0];
}

/** The identifier each reading holds (identifierIn), with that reading's mean confidence; readings holding none are left out. */
export function identifiersIn(readings: readonly LineReading[], digits: number, expected?: string): (FoundIdentifier & { confidence: number })[] {
  return readings.flatMap((reading) => {
    const id = identifierIn(reading, digits, expected);
    return id ? [{ ...id, confidence: reading.confidence }] : [];
  });
}

/** Where `value` (`digits` long) stands along the line that read it, when the reading says (DigitSpan). */
export function digitSpan(line: LineReading, digits: number, value: string): DigitSpan | undefined {
  const at = identifierAt(line, digits, value);
  const from = at && line.charPositions?.[at.first];
  const to = at && line.charPositions?.[at.last];
  if (at?.value !== value || from === undefined || to === undefined || !(to > from)) return undefined;
  return { from, to };
}

/**
 * An earlier pass's reading of an identifier is pooled with this one's only when it differs from
 * it in at most this many places: a misread of the same digits differs in one or two, another run
 * of digits (the seal's tax number, a phone number taken by a poorer reading) in most.
 */
export const POOLED_DIFFERENCE = 2;

/** A reading's mean digit probability (0–1): how sure it is as a whole. */
function meanDigit(r: DigitReading): number {
  return r.digits.reduce((a, b) => a + b, 0) / Math.max(1, r.digits.length);
}

/** In how many places two strings of one length differ. */
export function differingDigits(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/**
 * The rule. `first`: the identifier as the page's reading gave it (value, confidence 0–1 and, when
 * known, each digit's probability); `rereads`: the same line read again. Confirmed (confidence kept)
 * when every re-read that holds an identifier of that length agrees, at least one does, and each of
 * those read every digit with at least DIGIT_FLOOR. Otherwise the readings are pooled digit by digit
 * (fuseDigits; a re-read far from every other reading and less sure than the first left out) and
 * the value so read is kept, its confidence brought below REVIEW_THRESHOLD so the capture goes to
 * review: a wrong code or number must never pass unmarked, and the one shown for review should be
 * the likeliest. `otherReader`: the same line read by another reader (the digits-only one): its
 * readings vote in that pooling, never confirm.
 */
export function settleIdentifier(
  field: Identifier,
  first: { value: string; confidence: number; digits?: readonly number[] },
  rereads: readonly LineReading[],
  earlier: readonly DigitReading[] = [],
  otherReader: readonly LineReading[] = [],
): SettledIdentifier {
  const found = identifiersIn(rereads, IDENTIFIER_DIGITS[field], first.value);
  if (found.length > 0 && found.every((f) => f.value === first.value && f.weakest >= DIGIT_FLOOR)) return { value: first.value, confidence: first.confidence, confirmed: true };
  const others = identifiersIn(otherReader, IDENTIFIER_DIGITS[field], first.value);
  const firstDigits = first.digits?.length === first.value.length ? first.digits : Array.from(first.value, () => first.confidence);
  const same = earlier.filter((r) => r.value.length === first.value.length && differingDigits(r.value, first.value) <= POOLED_DIFFERENCE);
  const readings: DigitReading[] = [{ value: first.value, digits: firstDigits }, ...found, ...same];
  // A re-read that differs in more than POOLED_DIFFERENCE places from every other reading, and is
  // less sure than the first (mean digit probability), is no reading of the same digits and gets no
  // vote (fresh seed 2900015 turned 270°: 244000982209, mean 0.91, read again as 174600683209, mean
  // 0.80 and five places off, whose 6 outvoted the 0 at the fourth place). A surer one keeps its
  // vote: held-out sheet 100013 slip 4's weak first reading 54371164 (mean 0.81) lost three digits
  // its re-read, 54377084 at 0.96, read right.
  const voting = (r: DigitReading) => meanDigit(r) > meanDigit(readings[0]!) || readings.some((o) => o !== r && o.value.length === r.value.length && differingDigits(o.value, r.value) <= POOLED_DIFFERENCE);
  const value = fuseDigits([readings[0]!, ...found.filter(voting), ...same, ...others], DIGIT_POSSIBLE[field]);
  const confidence = Math.max(first.confidence, ...found.map((f) => f.confidence));
  return { value, confidence: markedForReview(confidence), confirmed: false };
}

/**
 * Readings of one identifier (same length, each digit with its probability 0–1) pooled digit by
 * digit: at each place the digit whose readings' probabilities sum highest, a tie going to the
 * earlier reading. A digit misread in one reading is outvoted where the others read it surely
 * (seed 200135: the number's 5 read as 3 at 0.85 by the seal-free reading, as 5 at 0.99 by its
 * re-read); two readings that agree outvote a third. Readings of another length are skipped.
 * `possible` (digit, place 0-based, the digits fused before it) rules a digit out where some reading
 * has one it allows: a code's first digit is 0, 1 or 2 (codeDigitPossible), and held-out seed
 * 2300007's 2 read at 0.48 lost to two re-reads' 7 (744011373082, a code no authority issues); its
 * printing year is not one to come.
 */
export function fuseDigits(readings: readonly DigitReading[], possible: DigitPossible = () => true): string {
  const length = readings[0]?.value.length ?? 0;
  const same = readings.filter((r) => r.value.length === length);
  let fused = '';
  for (let at = 0; at < length; at++) {
    const allowed = same.filter((r) => possible(r.value[at]!, at, fused));
    const voters = allowed.length ? allowed : same;
    const sums = new Map<string, number>();
    for (const r of voters) sums.set(r.value[at]!, (sums.get(r.value[at]!) ?? 0) + r.digits[at]!);
    let best = voters[0]!.value[at]!;
    for (const [digit, sum] of sums) if (sum > sums.get(best)!) best = digit;
    fused += best;
  }
  return fused;
}

/** Whether `digit` can stand at place `at` (0-based) of an identifier whose digits before it are `before`. */
export type DigitPossible = (digit: string, at: number, before: string) => boolean;

/** The digits each identifier can hold where (fuseDigits `possible`): a code's first names its authority, its 6th–7th a printing year past. */
export const DIGIT_POSSIBLE: Record<Identifier, DigitPossible> = { code: codeDigitPossible, number: () => true };

/**
 * Re-reads the lines the code and the number were taken from (`sources`: field → index into
 * `lines`, as extractWithEvidence gives them) out of `image` (the image the lines were found in, at
 * its own resolution), recognition only, and settles each (settleIdentifier), changing `result` in
 * place. An identifier whose first reading already has every digit at FIRST_READING_FLOOR or above
 * is confirmed as it stands, without a re-read; with `breakTies`, one no re-read agrees with is
 * read once more (TIEBREAK_HEIGHT). `pool`, when given, lends a doubted identifier the
 * readings earlier passes made of it and keeps this pass's for later ones. Costs one line
 * recognition (two under seal red) per identifier re-read, one more per tie. Returns the identifiers that were not
 * confirmed.
 */
export async function confirmIdentifiers(
  engine: OcrEngine,
  image: RgbaImage,
  lines: readonly DetectedLine[],
  sources: Partial<Record<QuotaInvoiceField, number>>,
  result: QuotaInvoiceResult,
  { pool = {}, breakTies = true, digitsOnly = false }: { pool?: IdentifierReadings; breakTies?: boolean; digitsOnly?: boolean } = {},
): Promise<Identifier[]> {
  const read = IDENTIFIERS.filter((f) => result[f] !== undefined && sources[f] !== undefined);
  const firsts = new Map(read.map((f) => [f, identifierIn(lines[sources[f]!]!, IDENTIFIER_DIGITS[f], result[f])] as const));
  const fields = read.filter((f) => !clearlyRead(lines[sources[f]!]!, f, result[f]!));
  const rects = fields.flatMap((f) => {
    const line = lines[sources[f]!]!;
    return rereadRects(rectOfBox(line.box), digitsOnly ? digitSpan(line, IDENTIFIER_DIGITS[f], result[f]!) : undefined, IDENTIFIER_DIGITS[f]);
  });
  const readings = rects.length ? await engine.readLines(image, rects) : [];
  const rereads = new Map(fields.map((f, i) => [f, readings.slice(i * REREAD_HEIGHTS.length, (i + 1) * REREAD_HEIGHTS.length)]));
  // No re-read agreeing with the first reading: one more, to break the tie.
  const tied = fields.filter((f) => breakTies && !identifiersIn(rereads.get(f)!, IDENTIFIER_DIGITS[f], result[f]).some((id) => id.value === result[f]));
  const tiebreaks = tied.length ? await engine.readLines(image, tied.map((f) => rereadRect(rectOfBox(lines[sources[f]!]!.box), TIEBREAK_HEIGHT))) : [];
  tied.forEach((f, i) => rereads.get(f)!.push(tiebreaks[i]!));
  const firstOf = (field: Identifier) => ({ value: result[field]!, confidence: result.confidence?.[field] ?? 0, digits: firsts.get(field)?.digits });
  // What PP-OCR's re-reads left in doubt is read by the digits-only reader too (engine.ts
  // readDigits): another reader, with errors of its own, whose readings vote in the pooling.
  const unconfirmed = fields.filter((f) => !settleIdentifier(f, firstOf(f), rereads.get(f)!, pool[f]).confirmed);
  const reread = (f: Identifier) => rects.slice(fields.indexOf(f) * REREAD_HEIGHTS.length, (fields.indexOf(f) + 1) * REREAD_HEIGHTS.length);
  const perField = REREAD_HEIGHTS.length + 1;
  const digitRects = unconfirmed.flatMap((f) => [...reread(f), rereadRect(rectOfBox(lines[sources[f]!]!.box), DIGIT_READ_HEIGHT)]);
  const digitReadings = digitRects.length ? ((await engine.readDigits?.(image, digitRects)) ?? []) : [];
  const byDigitReader = new Map(unconfirmed.map((f, i) => [f, digitReadings.slice(i * perField, (i + 1) * perField)]));
  const doubtful: Identifier[] = [];
  for (const field of fields) {
    const first = firstOf(field);
    const settled = settleIdentifier(field, first, rereads.get(field)!, pool[field], byDigitReader.get(field));
    pool[field] = [...(pool[field] ?? []), ...identifiersIn(rereads.get(field)!, IDENTIFIER_DIGITS[field], first.value)];
    putField(result, field, settled.value, settled.confidence);
    if (!settled.confirmed) doubtful.push(field);
  }
  for (const [field, first] of firsts) if (first) pool[field] = [...(pool[field] ?? []), first];
  return doubtful;
}

/**
 * The digits-only reader (engine.ts readDigits) reads a code's or number's line PP-OCR's re-reads
 * left in doubt twice: where PP-OCR re-read it (REREAD_HEIGHTS, cut to the digits where that
 * re-read was) and the whole line at this height (× the line's own height). Its line-by-line
 * accuracy by cut, on held-out seeds 4300000–4300119 and 4500000–4500119 (420 lines as the engine
 * cut them; scripts/models/digits/README.md): the digits' span at 0.7 370 of 372, 0.7 403 of 420,
 * 0.85 401, the whole height 388; PP-OCR 352, 371, 375, 367.
 */
export const DIGIT_READ_HEIGHT = 0.85;

/**
 * Line heights (× the line's own height) at which a line that nearly holds a missing identifier is
 * read again (readMissingCode): the re-read's, the tie-break's and the box as found.
 */
export const NEAR_MISS_HEIGHTS = [REREAD_HEIGHTS[0], TIEBREAK_HEIGHT, 1] as const;

/**
 * Each near-miss height is also read stretched along the line to this many times its width.
 * A digit lost in a row of like ones (111 read 11: the recognizer's CTC merges two steps of one
 * digit with no blank between them) or two digits fused into one wide glyph (15 read 钙) come apart
 * when each digit spans more of the recognizer's steps: fresh seed 600034's seal-free 110a1456090
 * read 111001456090 so at two of three heights, seed 600069's 钙1011674014 read 151011674014 at
 * one; at 2× the label and digits broke up.
 */
export const NEAR_MISS_STRETCH = 1.5;

/**
 * Each near-miss height is also read with the box longer by each of these many times its height at
 * each end: the seal can end the detected box before the code's last digits. Fresh seed 600012
 * turned 90°: its seal-free reading 03301182375, the final 7 outside the box, read 033011823757 at
 * 0.75 at two of three heights (at 1.0 the label's 码 came in). Held-out seed 2100006 turned 90°:
 * 2320012946, its last two digits under the seal's words and outside the box, read 232001294694 only
 * at 1.5 (two digits are about 1.2 heights). As red-number.ts does for a number cut off so.
 */
export const NEAR_MISS_WIDEN = [0.75, 1.5] as const;

/**
 * How many digits each stretch of `text` (compacted) holds that could be a misread 12-digit code:
 * its digit runs (look-alike letters read as digits, digitRuns) and its runs of digits with one
 * letter or character inside (seed 600034's 110a1456090, an a for a 0) or one of the symbols a
 * digit under the seal's strokes is read as (# * & @ % $ ? !: fresh seed 1400025's 133#21296679),
 * each of at least `min` digits. Not a dash or other separator: 0592-1234567 is a phone number.
 */
function nearRunLengths(text: string, min: number): number[] {
  const clean = compact(text);
  const strays = Array.from(clean.matchAll(/\d+[\p{L}#*&@%$?!]\d+/gu), (m) => m[0].length - 1);
  return [...digitRuns(clean, min).map((r) => r.digits.length), ...strays].filter((n) => n >= min);
}

/**
 * A stretched copy of `rect` cut out of `image` (`stretch` × its width along the line, its height
 * as it is) and the rectangle that is the whole of that copy, for `OcrEngine.readLines`.
 */
function stretchedLine(image: RgbaImage, rect: RotatedRect, stretch: number): { image: RgbaImage; rect: RotatedRect } {
  const copy = cropRotatedRect(image, rect, Math.round(rect.w * stretch), Math.round(rect.h));
  return { image: copy, rect: { cx: copy.width / 2, cy: copy.height / 2, w: copy.width, h: copy.height, angle: 0 } };
}

/**
 * A page's reading without a code: a line whose digits came out one or two too few or too many
 * (`near`: a run of 11 or 13 digits, look-alike letters read as digits, or one other character
 * inside it; 10 beside a 代码 label) is read again at NEAR_MISS_HEIGHTS, each as cut, longer at both
 * ends (each of NEAR_MISS_WIDEN) and stretched (NEAR_MISS_STRETCH), and the readings holding 12 digits are
 * pooled digit by digit (fuseDigits); so is each box joining two pieces of one row whose digits
 * come within one of 12 (splitCodeLines). When none holds 12 but at least SHORT_AGREEING hold 11,
 * those pooled may give the code whose region digit was lost (codeOfShortReading, `titled`: whether
 * a code's region digits name the page's place; none by default).
 * Seed 200114: its seal-free reading 发票代码23502165140k (a k for the 8) read again as the box was
 * found gives 235021651408. What comes of it was never read as a whole by the page's reading, so it
 * always goes to review. `lines`: the page's reading of `image`; `skip`: lines that are no place for
 * it (the number's). Costs twelve line recognitions for each such line or joined box, only on a page with no code.
 * Returns the code and its confidence (0–1, below REVIEW_THRESHOLD), or undefined.
 */
export async function readMissingCode(
  engine: OcrEngine,
  image: RgbaImage,
  lines: readonly DetectedLine[],
  skip: readonly number[] = [],
  titled: (code: string) => boolean = () => false,
): Promise<{ value: string; confidence: number; from: number } | undefined> {
  const length = IDENTIFIER_DIGITS.code;
  const near = lines.flatMap((line, from) => {
    if (skip.includes(from)) return [];
    const runs = nearRunLengths(line.text, length - 2);
    return runs.some((n) => n !== length && Math.abs(n - length) <= 1) || (runs.includes(length - 2) && /代码/u.test(line.text)) ? [from] : [];
  });
  const candidates = [...near.map((from) => ({ from, rect: rectOfBox(lines[from]!.box) })), ...splitCodeLines(lines, skip)];
  for (const { from, rect } of candidates) {
    const cuts = NEAR_MISS_HEIGHTS.map((k) => nearMissRect(rect, k));
    const longer = NEAR_MISS_WIDEN.flatMap((k) => cuts.map((c) => lengthened(c, k)));
    const readings: LineReading[] = await engine.readLines(image, [...cuts, ...longer]);
    for (const cut of cuts.map((c) => stretchedLine(image, c, NEAR_MISS_STRETCH))) readings.push(...(await engine.readLines(cut.image, [cut.rect])));
    const found = identifiersIn(readings, length);
    if (found.length) return { value: fuseDigits(found, DIGIT_POSSIBLE.code), confidence: markedForReview(Math.max(...found.map((f) => f.confidence))), from };
    const short = identifiersIn(readings, length - 1);
    const restored = short.length >= SHORT_AGREEING ? codeOfShortReading(fuseDigits(short), titled) : undefined;
    if (restored) return { value: restored, confidence: markedForReview(Math.min(...short.map((f) => f.confidence))), from };
  }
  return undefined;
}

/** How many re-reads of a line must hold 11 digits before its code is restored from them (codeOfShortReading). */
const SHORT_AGREEING = 2;

/**
 * The code a reading one digit short (`short`, 11 digits) stands for when the lost digit was one of
 * its region digits (2nd–5th, GB/T 2260): the one 12-digit code that putting back a single digit
 * anywhere makes, possible at every place (codeDigitPossible) and whose region `titled` accepts (it
 * names the page's place, read from the title); undefined when none or more than one does, as when
 * the digit was lost after the region (any of ten fits). Fresh seed 3300004: the seal's words took
 * a 1 of 011001872124 from every re-read (01001872124) under 国家税务总局北京市税务局: only a 1
 * put back at the 2nd or 3rd place makes region 11xx, 北京市.
 */
export function codeOfShortReading(short: string, titled: (code: string) => boolean): string | undefined {
  const codes = new Set<string>();
  for (let at = 0; at <= short.length; at++) {
    for (const digit of '0123456789') {
      const code = short.slice(0, at) + digit + short.slice(at);
      if (Array.from(code).every((d, i) => codeDigitPossible(d, i, code.slice(0, i))) && titled(code)) codes.add(code);
    }
  }
  return codes.size === 1 ? [...codes][0] : undefined;
}

/**
 * Two pieces of one code line (each a run of at least SPLIT_PIECE_DIGITS digits, together within one
 * of 12) may be joined when they lie on one row: their angles within SPLIT_ANGLE (rad), their
 * centres within this share of the first's height across the row, their heights within a factor of
 * 1.5 of each other, and the gap between their ends along the row at most SPLIT_GAP heights.
 */
const SPLIT_ACROSS = 0.5;
/** The least digits of each piece of a split code line. */
const SPLIT_PIECE_DIGITS = 3;
/** The most the two pieces' angles differ (rad, about 6°). */
const SPLIT_ANGLE = 0.1;
/** The widest gap between the pieces' ends along the row, in heights of the first (the seal's words, two characters). */
const SPLIT_GAP = 2.5;

/**
 * The code lines the seal's words split in two (fresh seed 2700059 turned 270°: the seal-free
 * reading gave 161011 and 1238964 as two lines for 161011238964): each pair of `lines` (but `skip`)
 * whose digit runs together come within one of 12 and which lie on one row (SPLIT_ACROSS,
 * SPLIT_ANGLE, SPLIT_GAP), as one box spanning both along the row (image px), with the index of the
 * piece it starts at.
 */
function splitCodeLines(lines: readonly DetectedLine[], skip: readonly number[]): { from: number; rect: RotatedRect }[] {
  const length = IDENTIFIER_DIGITS.code;
  const pieces = lines.flatMap((line, from) => {
    if (skip.includes(from)) return [];
    const runs = digitRuns(compact(line.text), SPLIT_PIECE_DIGITS).map((r) => r.digits.length);
    return runs.length === 1 && runs[0]! < length - 1 ? [{ from, rect: rectOfBox(line.box), digits: runs[0]! }] : [];
  });
  const joined: { from: number; rect: RotatedRect }[] = [];
  for (const a of pieces) {
    for (const b of pieces) {
      if (a === b || Math.abs(a.digits + b.digits - length) > 1) continue;
      const { rect: ra } = a;
      const { rect: rb } = b;
      const turn = Math.abs(Math.atan2(Math.sin(rb.angle - ra.angle), Math.cos(rb.angle - ra.angle)));
      if (turn > SPLIT_ANGLE || Math.max(ra.h, rb.h) > 1.5 * Math.min(ra.h, rb.h)) continue;
      const [dx, dy] = [rb.cx - ra.cx, rb.cy - ra.cy];
      const along = dx * Math.cos(ra.angle) + dy * Math.sin(ra.angle);
      const across = -dx * Math.sin(ra.angle) + dy * Math.cos(ra.angle);
      // b after a along the row (each pair is met both ways round: this keeps the one in reading order).
      if (along <= 0 || Math.abs(across) > SPLIT_ACROSS * ra.h) continue;
      const gap = along - rb.w / 2 - ra.w / 2;
      if (gap > SPLIT_GAP * ra.h) continue;
      joined.push({ from: a.from, rect: spanAlong(ra, -ra.w / 2, Math.max(ra.w / 2, along + rb.w / 2), Math.max(ra.h, rb.h)) });
    }
  }
  return joined;
}

/**
 * The identifier earlier passes read (`readings`: a pool's, IdentifierReadings) for a page whose
 * later readings all lost it: the reading with the surest digits (highest mean probability) pooled
 * digit by digit (fuseDigits) with those differing from it in at most POOLED_DIFFERENCE places.
 * Fresh seed 600028: the small pass read its code 142001231681 right but weakly (two digits near
 * 0.5), so the page was read at full size, where the seal cost the code line five digits, and the
 * seal-free reading one. Returns the value and that reading's mean digit probability (0–1), or
 * undefined when there are no readings; the caller marks it for review. `possible`: as fuseDigits.
 */
export function pooledReading(readings: readonly DigitReading[], possible?: DigitPossible): { value: string; confidence: number } | undefined {
  const surest = readings.reduce<DigitReading | undefined>((best, r) => (best && meanDigit(best) >= meanDigit(r) ? best : r), undefined);
  if (!surest) return undefined;
  const same = readings.filter((r) => r !== surest && r.value.length === surest.value.length && differingDigits(r.value, surest.value) <= POOLED_DIFFERENCE);
  return { value: fuseDigits([surest, ...same], possible), confidence: Math.round(meanDigit(surest) * 1000) / 1000 };
}

/** The first reading of `line` holds `value` as `field` with every digit at FIRST_READING_FLOOR or above. */
export function clearlyRead(line: LineReading, field: Identifier, value: string): boolean {
  const found = identifierIn(line, IDENTIFIER_DIGITS[field], value);
  return found?.value === value && found.weakest >= FIRST_READING_FLOOR;
}
