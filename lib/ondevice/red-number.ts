// A red-printed invoice number (发票号码) under the red supervision seal (监制章): the page's reading
// gives the seal's words across it or nothing, and the seal-free reading loses it with the seal (both
// are red). Held-out sheets 100000–100029: 8 of 194 invoices came out without a number so. Reading
// the red lines once more with only their saturated red kept (seal.ts darkRedKept) leaves the
// number's ink and drops most of the seal's lighter red. Such a reading is new and unproven, so the
// number it gives is confirmed as strictly as any other (settleIdentifier) or marked for review.
import type { QuotaInvoiceField, QuotaInvoiceResult } from '../recognize/contract';
import { compact } from '../invoice/normalize';
import { putField } from '../invoice/result-fields';
import { markedForReview } from '../invoice/review';
import { DIGIT_FLOOR, type FoundIdentifier, IDENTIFIER_DIGITS, differingDigits, fuseDigits, identifierIn, rectOfBox, settleIdentifier } from './confirm-fields';
import type { DetectedLine, OcrEngine } from './engine';
import { type RotatedRect, lengthened, shiftedAcross, spanAlong } from './geometry';
import type { RgbaImage } from './image';
import { SEAL_RED_SHARE } from './line-priority';
import { type RecResult, cropLine } from './rec';
import { DARK_RED_CUTS, redShare } from './seal';
import { insideCode } from '../invoice/code';

/**
 * A red line at least this many times the median line height spans two printed rows (the seal
 * joined the code's and the number's: training sheet 7, slip 5, 101 px among lines of about 35):
 * its dark red is read in the band of rows that holds most of it (seal.ts printBand). Ordinary
 * lines are read whole: cut to the band, two held-out number lines read a digit wrong at 0.3.
 */
const TWO_ROWS = 1.8;

/**
 * A dark-red reading with a run of 6 or 7 digits and none of 8 lost a digit or two at its box's
 * end (held-out sheet 100008 slip 4: the detection ended the number's box where the seal's words
 * began, 6873736 for 68737362); such a line is read again with its box longer by this many times
 * its height at each end (the wider crop takes in more of the seal and the label, but the dark-red
 * reading drops both). Only as a fallback: every line read longer from the start made two other
 * held-out numbers (100013 slip 4, 100025 slip 3) read a digit wrong at cut 0.3.
 */
const CUT_OFF_WIDEN = 0.75;
/** A run of 6 or 7 digits, and no run of 8 (in a compacted reading). */
const DIGITS_CUT_OFF = /^(?!.*\d{8}).*\d{6,7}/u;

/**
 * A dark-red reading's digit run one too long whose end digit is at most this probability (0–1)
 * while every other is at DIGIT_FLOOR or above took a speck of the seal's ring or the label's edge
 * for a digit (seed 200098: 803886833, its first 8 at 0.48, the rest at 0.99 and above, for
 * 03886833): that end is dropped.
 */
const SPECK_AT_END = 0.6;

/**
 * The number a dark-red reading holds (identifierIn), or, when it has none, a run of nine whose one
 * weak end (SPECK_AT_END) is dropped; undefined when neither.
 */
export function numberInDarkRed(reading: RecResult): FoundIdentifier | undefined {
  const digits = IDENTIFIER_DIGITS.number;
  const found = identifierIn(reading, digits);
  if (found) return found;
  const long = identifierIn(reading, digits + 1);
  if (!long) return undefined;
  const [head, tail] = [long.digits[0]!, long.digits[digits]!];
  const keep = head <= SPECK_AT_END && tail >= DIGIT_FLOOR ? 1 : tail <= SPECK_AT_END && head >= DIGIT_FLOOR ? 0 : undefined;
  if (keep === undefined) return undefined;
  const kept = long.digits.slice(keep, keep + digits);
  if (Math.min(...kept) < DIGIT_FLOOR) return undefined;
  return { value: long.value.slice(keep, keep + digits), digits: kept, weakest: Math.min(...kept) };
}

/** numberInDarkRed, unless its digits lie inside the page's code (`code`): then they are the code's. */
function numberApartFromCode(reading: RecResult, code: string | undefined): FoundIdentifier | undefined {
  const id = numberInDarkRed(reading);
  return id && !insideCode(code, id.value) ? id : undefined;
}

/** A number found in a dark-red reading: its value, confidence (0–1) and the line it came from. */
export interface RedNumber {
  value: string;
  confidence: number;
  /** Index into the lines given; none when found beside a label only another reading's lines hold. */
  from?: number;
  /** Both cuts read it, every digit at DIGIT_FLOOR or above. */
  confirmed: boolean;
}

/**
 * Looks for the number in `lines` (the page's reading of `image`, image px) when `result` has
 * none, or only a `doubted` one (the seal-free reading's, not confirmed: a red number under the
 * seal leaves a ghost in it, seed 200098's 85683177 for 03886833, which a number found here
 * replaces): every line with seal red (SEAL_RED_SHARE) but the code's (`sources.code`) is read with only
 * its saturated red kept below DARK_RED_CUTS[0]; each line that gives 8 digits (numberInDarkRed; not part of the code)
 * is read again below DARK_RED_CUTS[1], and settled (settleIdentifier, the first reading's weakest
 * digit at DIGIT_FLOOR too). Confirmed only when one line gives it and it is settled; otherwise the
 * most confident is kept and marked for review (markedForReview). When none gave 8 digits, the red
 * lines are read at the washed-out cuts (washedOutNumber), then, if no number is agreed, those that
 * gave 6 or 7 digits are read longer (CUT_OFF_WIDEN). When no red line gives it, the
 * stretch beside the number's label is read (readBesideLabel; the label looked for in `lines`, then
 * in `sealFreeLines`, the seal-free reading's of the same image when there was one), always for review. Changes `result` and `sources` in
 * place; returns what it took, or undefined. Costs, only on a page without a number, one line
 * recognition per red line, one more per line holding 8 digits, and, when none did, four more per
 * red line and two per line holding 6 or 7 (read longer by CUT_OFF_WIDEN).
 */
export async function readRedNumber(
  engine: OcrEngine,
  image: RgbaImage,
  lines: readonly DetectedLine[],
  sources: Partial<Record<QuotaInvoiceField, number>>,
  result: QuotaInvoiceResult,
  doubted = false,
  sealFreeLines: readonly DetectedLine[] = [],
): Promise<RedNumber | undefined> {
  if (result.number !== undefined && !doubted) return undefined;
  const digits = IDENTIFIER_DIGITS.number;
  const red = lines.flatMap((line, from) => (from !== sources.code && redShare(cropLine(image, rectOfBox(line.box))) >= SEAL_RED_SHARE ? [from] : []));
  if (!red.length) return readBesideLabel(engine, image, lines, sources, result, sealFreeLines);
  const heights = lines.map((l) => rectOfBox(l.box).h).sort((a, b) => a - b);
  const tall = TWO_ROWS * heights[heights.length >> 1]!;
  // One line at a time: the engine reads one after another anyway.
  const reading = async (from: number, below: number, widen: number) => {
    const rect = rectOfBox(lines[from]!.box);
    return (await engine.readLines(image, [lengthened(rect, widen)], { below, band: rect.h >= tall }))[0]!;
  };
  const numbersIn = async (from: readonly number[], widen: number) => {
    const firsts: RecResult[] = [];
    for (const k of from) firsts.push(await reading(k, DARK_RED_CUTS[0], widen));
    const found = from.flatMap((k, i) => {
      const id = numberApartFromCode(firsts[i]!, result.code);
      return id ? [{ from: k, id, confidence: firsts[i]!.confidence }] : [];
    });
    return { firsts, found };
  };
  const plain = await numbersIn(red, 0);
  if (!plain.found.length) {
    const washed = await washedOutNumber(red, (k, below) => reading(k, below, 0), result.code);
    if (washed) {
      putField(result, 'number', washed.value, washed.confidence);
      sources.number = washed.from;
      return washed;
    }
  }
  // None: a digit cut off at the box's end (the seal split the detection)? Those lines read longer.
  const widen = plain.found.length ? 0 : CUT_OFF_WIDEN;
  const cutOff = red.filter((_, i) => DIGITS_CUT_OFF.test(compact(plain.firsts[i]!.text)));
  const found = widen ? (await numbersIn(cutOff, widen)).found : plain.found;
  if (!found.length) return readBesideLabel(engine, image, lines, sources, result, sealFreeLines);
  const seconds: RecResult[] = [];
  for (const f of found) seconds.push(await reading(f.from, DARK_RED_CUTS[1], widen));
  const settled = found.map((f, k) => {
    const s = settleIdentifier('number', { value: f.id.value, confidence: f.confidence, digits: f.id.digits }, [seconds[k]!]);
    return { from: f.from, value: s.value, confidence: s.confidence, confirmed: s.confirmed && f.id.weakest >= DIGIT_FLOOR };
  });
  const best = settled.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  const confirmed = best.confirmed && new Set(settled.map((s) => s.value)).size === 1;
  const taken: RedNumber = { ...best, confidence: confirmed ? best.confidence : markedForReview(best.confidence), confirmed };
  putField(result, 'number', taken.value, taken.confidence);
  sources.number = taken.from;
  return taken;
}

/**
 * When no red line gave 8 digits at DARK_RED_CUTS: each of `red` (indices into the page's lines) read
 * by `read` at every WASHED_OUT_CUTS, and the number at least PLAIN_AGREE of those readings give
 * (agreedNumber, `code` the page's), always for review, from the line that gave it most; undefined
 * when none agree. Before reading lines longer (CUT_OFF_WIDEN): fresh seed 2300023 turned 180°, a
 * line gave 9075657 at 0.3 and, read longer at 0.35, 07075457 for 97075657, while at 0.4–0.55 three
 * lines gave it whole, 12 readings of 16. Costs four line recognitions per red line.
 */
async function washedOutNumber(
  red: readonly number[],
  read: (from: number, below: number) => Promise<RecResult>,
  code: string | undefined,
): Promise<RedNumber | undefined> {
  const readings: { from: number; reading: RecResult }[] = [];
  for (const from of red) for (const below of WASHED_OUT_CUTS) readings.push({ from, reading: await read(from, below) });
  const agreed = agreedNumber(readings.map((r) => r.reading), code);
  if (!agreed) return undefined;
  const votes = new Map<number, number>();
  for (const { from, reading } of readings) if (numberApartFromCode(reading, code)?.value === agreed.value) votes.set(from, (votes.get(from) ?? 0) + 1);
  const from = [...votes].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return { value: agreed.value, confidence: markedForReview(agreed.confidence), from, confirmed: false };
}

/**
 * The number's label at a line's start: 发票号码 (one of its first two characters may be misread,
 * seed 200103's 发禁号码), 号码, No.
 */
const NUMBER_LABEL_FIRST = /^(?:发票|发.|.票)?号码(?:No\.?)?|^No\.?/iu;
/** The box read from a label's start: its characters at one label height each, then this gap... */
const BESIDE_GAP = 0.2;
/** ...then this many label heights (8 digits in a print up to 1.4 × the label's)... */
const BESIDE_LENGTH = 7;
/** ...this many label heights tall (the number's print is larger, its baseline may sit lower). */
const BESIDE_HEIGHT = 2;

/**
 * Beside the label, when neither DARK_RED_CUTS gave 8 digits, the stretch is read once more with
 * only the reddest red kept (max(G, B) / R below this): the seal's words stamped as dark as the
 * number and lying across it came back at 0.3 (fresh seed 600054: 3475存税务局 for 34758582; its
 * digits measured 0.1–0.2 of that ratio, the words 0.2–0.3), and at 0.2 the number read whole, every
 * digit at 0.99 and above. Only as a fallback: on held-out sheets 0.2 lost strokes of lighter numbers
 * (seal.ts DARK_RED_CUTS).
 */
const SEAL_WORDS_CUT = 0.2;

/**
 * When neither the dark-red cuts nor SEAL_WORDS_CUT gave 8 digits beside the label, the stretch is
 * read plainly, every colour kept: a washed-out photo's pale red number falls out of every dark-red
 * cut along with the seal (fresh seed 1400025: 50512328 under the seal's 国家税务局, max(G, B) / R
 * above 0.35 throughout, while read as it is it came back whole at three of these nine boxes). At
 * these heights (× the label line's)...
 */
const PLAIN_HEIGHTS = [1.3, 1.6, 2] as const;
/** ...each moved down by these shares of the label's height (the number's larger print sits lower)... */
const PLAIN_DROPS = [0, 0.25, 0.5] as const;
/**
 * ...and a number is taken only when at least this many plain readings give it exactly and more give
 * it than any other: one reading alone is no evidence against the seal's ring read as a digit (fresh
 * seed 900074: its 07453612 read 87453612 once, at one box of nine, and by no other).
 */
const PLAIN_AGREE = 2;

/**
 * ...and, in the same vote, the stretch read with the saturated red kept at these cuts, above every
 * other (max(G, B) / R, seal.ts darkRedKept; the red lines are read at them too, washedOutNumber): a warm, washed-out photo lifts the whole red ink's
 * ratio, so the number falls out of DARK_RED_CUTS along with the seal (fresh seed 2300023: its
 * 97075657 measured 0.25–0.45, the seal's words 0.35–0.65; read at 0.3 and 0.35, dots; at 0.4, 0.45
 * and 0.55 it came back whole, every reading at 0.95 and above). One cut alone is no evidence (fresh
 * seed 2500030: 08915531 at 0.45 alone, for 08915537, the seal's ring across its last digits).
 */
export const WASHED_OUT_CUTS = [0.4, 0.45, 0.5, 0.55] as const;

/**
 * ...and, in the same vote, the digits-only reader (engine.ts readDigits) reads the stretch from the
 * label line's start (the label in it, as the lines it was trained on hold theirs) at these heights
 * (× the label line's)...
 */
const DIGITS_BESIDE_HEIGHTS = [1, 1.3] as const;
/** ...each moved down by these shares of the label's height... */
const DIGITS_BESIDE_DROPS = [0, 0.25] as const;
/**
 * ...and this many label heights beyond the label (8 digits, the shorter one ending before the
 * seal's words past them). PP-OCR reads the seal's words over a red number as words and loses
 * the digits under them; the digits reader, trained on such lines, reads only the digits (held-out
 * seeds 6300034: 52129895 with the seal's 国家税务局 over its last three digits, which no plain or
 * dark-red reading gave twice, came back at 5 of these 8 boxes; 6300084: 82496952 under 大连市, once
 * here and once plainly). Held-out 6300000–6300119: all four fields 96.7 → 98.3 % upright, 97.5 →
 * 98.3 % turned, money fields marked 70 → 69, none silently wrong. Costs 8 digit-reader crops (about
 * 5 ms each in Node), only beside a label where every other reading failed.
 */
const DIGITS_BESIDE_LENGTHS = [6, 7] as const;

/** A label line to read beside: the line, and its index into the page's lines (none: another reading's). */
interface LabelLine {
  line: DetectedLine;
  from: number | undefined;
}

/**
 * When no red line gave the number, the detection lost it under the seal: no box at all (seed
 * 200083 turned 180°: the red number under the seal's words), or a box that ends where the seal
 * begins (seed 200032: 发票号码0). A line that begins with the number's label and holds fewer than
 * 8 digits (among `lines`, then among `moreLines`: the seal-free reading's, which may have found the
 * label where the page's reading found none, fresh seed 1400025) is read from its start, the label's
 * width and the number's beyond it, for dark red only (the black label drops out), in the band of rows
 * holding most of it, at DARK_RED_CUTS and, when neither gave 8 digits, at SEAL_WORDS_CUT, and when
 * that gave none either, at WASHED_OUT_CUTS, plainly (PLAIN_HEIGHTS, PLAIN_DROPS) and by the digits-only reader
 * (DIGITS_BESIDE_HEIGHTS, DIGITS_BESIDE_DROPS, DIGITS_BESIDE_LENGTHS; none when the engine has no such reader), by vote (PLAIN_AGREE). Beside a label only
 * `moreLines` holds, every one of those readings is a vote and only PLAIN_AGREE of them make a number;
 * a label of `moreLines` where one of `lines` was read already is skipped. What it gives was never a
 * detected line, so it always goes to review. Costs two line recognitions per such label line, three
 * when the first two found none, sixteen and eight digit-reader crops when none of those did.
 */
async function readBesideLabel(
  engine: OcrEngine,
  image: RgbaImage,
  lines: readonly DetectedLine[],
  sources: Partial<Record<QuotaInvoiceField, number>>,
  result: QuotaInvoiceResult,
  moreLines: readonly DetectedLine[] = [],
): Promise<RedNumber | undefined> {
  const labels: LabelLine[] = [...lines.map((line, from) => ({ line, from })), ...moreLines.map((line) => ({ line, from: undefined }))];
  const tried: RotatedRect[] = [];
  for (const { line: labelLine, from } of labels) {
    const text = compact(labelLine.text);
    const label = NUMBER_LABEL_FIRST.exec(text)?.[0];
    if (!label || /\d{8}/u.test(text)) continue;
    const line = rectOfBox(labelLine.box);
    // The other reading's box of a label already read beside is not read again: its cuts, a few px
    // off, only give the seal's strokes another chance to pass for digits (fresh seed 1200044: its
    // page's label read nothing, the seal-free reading's box of it 18611823 for 28612823).
    if (tried.some((t) => Math.hypot(t.cx - line.cx, t.cy - line.cy) < t.h)) continue;
    tried.push(line);
    // From the line's start (its left end along the text) to `length` label heights past the label, `height` label heights tall.
    const beside = (height: number, length: number = BESIDE_LENGTH) => spanAlong(line, -line.w / 2, -line.w / 2 + (label.length + BESIDE_GAP + length) * line.h, height * line.h);
    // Every `heights` × `drops` × `lengths` box beside the label, in that order, each moved down by its drop (× the label's height).
    const besideGrid = (heights: readonly number[], drops: readonly number[], lengths: readonly number[] = [BESIDE_LENGTH]) =>
      heights.flatMap((h) => drops.flatMap((drop) => lengths.map((length) => shiftedAcross(beside(h, length), drop * line.h))));
    const rect = beside(BESIDE_HEIGHT);
    const readings: RecResult[] = [];
    const numbersFound = () =>
      readings.flatMap((r, at) => {
        const id = numberApartFromCode(r, result.code);
        return id ? [{ id, confidence: r.confidence, at }] : [];
      });
    for (const below of DARK_RED_CUTS) readings.push((await engine.readLines(image, [rect], { below, band: true }))[0]!);
    let found = numbersFound();
    if (!found.length) {
      readings.push((await engine.readLines(image, [rect], { below: SEAL_WORDS_CUT, band: true }))[0]!);
      found = numbersFound();
    }
    let taken: RedNumber | undefined;
    // A label only the other reading found is a second chance, held to agreement throughout: its
    // cuts' one reading of 8 digits is a vote, not a number (fresh seed 1200044 turned 270°: 18611813
    // at one cut, 1861183 at the other, for 28612823).
    if (found.length && from !== undefined) {
      const first = found[0]!;
      // Settled against the other cut's reading, not against itself (when only the second cut gave 8 digits).
      const others = readings.filter((_, at) => at !== first.at);
      const s = settleIdentifier('number', { value: first.id.value, confidence: first.confidence, digits: first.id.digits }, others);
      taken = { value: s.value, confidence: markedForReview(s.confidence), from, confirmed: false };
    } else {
      const boxes = besideGrid(PLAIN_HEIGHTS, PLAIN_DROPS);
      const washed: RecResult[] = [];
      for (const below of WASHED_OUT_CUTS) washed.push((await engine.readLines(image, [rect], { below, band: true }))[0]!);
      const digitReadings = (await engine.readDigits?.(image, besideGrid(DIGITS_BESIDE_HEIGHTS, DIGITS_BESIDE_DROPS, DIGITS_BESIDE_LENGTHS))) ?? [];
      const agreed = agreedNumber([...readings, ...washed, ...(await engine.readLines(image, boxes)), ...digitReadings], result.code);
      if (agreed) taken = { ...agreed, confidence: markedForReview(agreed.confidence), from, confirmed: false };
    }
    if (!taken) continue;
    putField(result, 'number', taken.value, taken.confidence);
    if (from === undefined) delete sources.number;
    else sources.number = from;
    return taken;
  }
  return undefined;
}

/**
 * The number that at least PLAIN_AGREE of `readings` give exactly (numberApartFromCode, `code` the
 * page's), and more of them than give any other, with the highest confidence (0–1) among those; else,
 * when at least PLAIN_AGREE give 8 digits and each is within one digit of every other, their digits
 * pooled (fuseDigits); undefined otherwise.
 */
export function agreedNumber(readings: readonly RecResult[], code: string | undefined): { value: string; confidence: number } | undefined {
  const found = readings.flatMap((r) => {
    const id = numberApartFromCode(r, code);
    return id ? [{ ...id, confidence: r.confidence }] : [];
  });
  const votes = new Map<string, number[]>();
  for (const id of found) votes.set(id.value, [...(votes.get(id.value) ?? []), id.confidence]);
  const ranked = [...votes].sort((a, b) => b[1].length - a[1].length);
  const [best, next] = ranked;
  if (best && best[1].length >= PLAIN_AGREE && !(next && next[1].length === best[1].length)) return { value: best[0], confidence: Math.max(...best[1]) };
  // No value agreed, but every reading giving 8 digits is within one digit of every other: those
  // digits pooled, each place by its readings' probabilities (fresh seed 3700032: beside the
  // label, 85016155 at 0.3, 85016158 at 0.35, the seal's ring across the last 5).
  const near = found.length >= PLAIN_AGREE && found.every((a) => found.every((b) => differingDigits(a.value, b.value) <= 1));
  return near ? { value: fuseDigits(found), confidence: Math.max(...found.map((f) => f.confidence)) } : undefined;
}
