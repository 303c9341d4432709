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
import { DIGIT_FLOOR, type FoundIdentifier, IDENTIFIER_DIGITS, identifierIn, rectOfBox, settleIdentifier } from './confirm-fields';
import type { DetectedLine, OcrEngine } from './engine';
import { spanAlong } from './geometry';
import type { RgbaImage } from './image';
import { SEAL_RED_SHARE } from './line-priority';
import { type RecResult, cropLine } from './rec';
import { DARK_RED_CUTS, redShare } from './seal';

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
  return id && !(code ?? '').includes(id.value) ? id : undefined;
}

/** A number found in a dark-red reading: its value, confidence (0–1) and the line it came from. */
export interface RedNumber {
  value: string;
  confidence: number;
  /** Index into the lines given. */
  from: number;
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
 * most confident is kept and marked for review (markedForReview). When no red line gives it, the
 * stretch beside the number's label is read (readBesideLabel), always for review. Changes `result` and `sources` in
 * place; returns what it took, or undefined. Costs, only on a page without a number, one line
 * recognition per red line, one more per line holding 8 digits, and, when none did, two per line
 * holding 6 or 7 (read longer by CUT_OFF_WIDEN).
 */
export async function readRedNumber(
  engine: OcrEngine,
  image: RgbaImage,
  lines: readonly DetectedLine[],
  sources: Partial<Record<QuotaInvoiceField, number>>,
  result: QuotaInvoiceResult,
  doubted = false,
): Promise<RedNumber | undefined> {
  if (result.number !== undefined && !doubted) return undefined;
  const digits = IDENTIFIER_DIGITS.number;
  const red = lines.flatMap((line, from) => (from !== sources.code && redShare(cropLine(image, rectOfBox(line.box))) >= SEAL_RED_SHARE ? [from] : []));
  if (!red.length) return readBesideLabel(engine, image, lines, sources, result);
  const heights = lines.map((l) => rectOfBox(l.box).h).sort((a, b) => a - b);
  const tall = TWO_ROWS * heights[heights.length >> 1]!;
  // One line at a time: the engine reads one after another anyway.
  const reading = async (from: number, below: number, widen: number) => {
    const rect = rectOfBox(lines[from]!.box);
    return (await engine.readLines(image, [{ ...rect, w: rect.w + 2 * widen * rect.h }], { below, band: rect.h >= tall }))[0]!;
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
  // None: a digit cut off at the box's end (the seal split the detection)? Those lines read longer.
  const widen = plain.found.length ? 0 : CUT_OFF_WIDEN;
  const cutOff = red.filter((_, i) => DIGITS_CUT_OFF.test(compact(plain.firsts[i]!.text)));
  const found = widen ? (await numbersIn(cutOff, widen)).found : plain.found;
  if (!found.length) return readBesideLabel(engine, image, lines, sources, result);
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
 * When no red line gave the number, the detection lost it under the seal: no box at all (seed
 * 200083 turned 180°: the red number under the seal's words), or a box that ends where the seal
 * begins (seed 200032: 发票号码0). A line that begins with the number's label and holds fewer than
 * 8 digits is read from its start, the label's width and the number's beyond it, for dark red only
 * (the black label drops out), in the band of rows holding most of it, at DARK_RED_CUTS and, when
 * neither gave 8 digits, at SEAL_WORDS_CUT. What it gives was never a detected line, so it always goes
 * to review. Costs two line recognitions per such label line, three when the first two found none.
 */
async function readBesideLabel(
  engine: OcrEngine,
  image: RgbaImage,
  lines: readonly DetectedLine[],
  sources: Partial<Record<QuotaInvoiceField, number>>,
  result: QuotaInvoiceResult,
): Promise<RedNumber | undefined> {
  for (let from = 0; from < lines.length; from++) {
    const text = compact(lines[from]!.text);
    const label = NUMBER_LABEL_FIRST.exec(text)?.[0];
    if (!label || /\d{8}/u.test(text)) continue;
    const line = rectOfBox(lines[from]!.box);
    const length = (label.length + BESIDE_GAP + BESIDE_LENGTH) * line.h;
    // From the line's start (its left end along the text) to `length` beyond it.
    const rect = spanAlong(line, -line.w / 2, -line.w / 2 + length, BESIDE_HEIGHT * line.h);
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
    if (!found.length) continue;
    const first = found[0]!;
    // Settled against the other cut's reading, not against itself (when only the second cut gave 8 digits).
    const others = readings.filter((_, at) => at !== first.at);
    const s = settleIdentifier('number', { value: first.id.value, confidence: first.confidence, digits: first.id.digits }, others);
    const taken: RedNumber = { value: s.value, confidence: markedForReview(s.confidence), from, confirmed: false };
    putField(result, 'number', taken.value, taken.confidence);
    sources.number = from;
    return taken;
  }
  return undefined;
}
