import type { DocumentKind, QuotaInvoiceField, QuotaInvoiceResult, RecognizeOutcome } from '../recognize/contract';
import { notQuotaMessage, recognitionError } from '../recognize/errors';
import { type Extraction, extractWithEvidence } from '../invoice/extract';
import { gbt2260 } from '../invoice/gbt2260';
import { classifyDocument, hasInvoiceWords } from '../invoice/kind';
import type { OcrLine } from '../invoice/ocr-line';
import { type PlaceIndex, placesAgree } from '../invoice/places';
import type { DetectedLine, OcrEngine, OcrPage, OcrResult, RecognizeOptions } from './engine';
import { DIGIT_POSSIBLE, FIRST_READING_FLOOR, IDENTIFIER_DIGITS, IDENTIFIERS, POOLED_DIFFERENCE, type Identifier, type IdentifierReadings, clearlyRead, confirmIdentifiers, differingDigits, identifierIn, pooledReading, readMissingCode } from './confirm-fields';
import { dropField, putField } from '../invoice/result-fields';
import { REVIEW_THRESHOLD, markedForReview } from '../invoice/review';
import { fieldBoxes } from './field-boxes';
import type { RgbaImage } from './image';
import type { Pipeline } from './pipeline';
import { readRedNumber } from './red-number';
import { removeRed } from './seal';
import { authorityDigitOf, codeDigitPossible, insideCode } from '../invoice/code';

/**
 * The fast pipeline's first detection size (longest side, px). On held-out seeds 100020–100029 it
 * read all four fields right on every photo, as 640 did, at about half of 640's detection time
 * (a quarter of 960's); pages where it leaves a field missing are read again at the full size.
 */
export const FAST_DET_SIDE = 480;
// Its boxes are about 1.5 × as tall as the full size's. Cutting its lines at 0.7 × that height for
// the first reading (as the identifiers' re-read does) was measured and dropped (issue 10): the
// codes and numbers then mostly read at 0.99 and above, but Chinese lines lost strokes (held-out
// seed 100002's 贰拾元整 read 腻拾元整, an amount of ￥10.00 instead of ￥20.00: silently wrong;
// 6 of 8 invoices right in Chromium's bench), and the wider crops cost more per line.

/**
 * The fast pipeline reads a red line's seal-free crop only when its first reading is below this
 * confidence or holds a digit (engine.ts `sealFreeBelow`): a title or seal words read clearly
 * through the seal gain nothing from a second reading.
 */
export const SEAL_FREE_BELOW = 0.95;

/**
 * Engine settings each pipeline reads with (the first pass of `fast` adds FAST_DET_SIDE). `fast`
 * reads a seal-red line only once when every character of it, digits too, is at FIRST_READING_FLOOR
 * or above (`sealFreeAllAbove`): the seal troubled no character of it.
 */
export const READING: Record<Pipeline, Omit<RecognizeOptions, 'enough'>> = {
  baseline: {},
  fast: { order: 'fields-first', skipInklessRereads: true, redRemoval: 'red-channel', sealFreeBelow: SEAL_FREE_BELOW, sealFreeAllAbove: FIRST_READING_FLOOR },
};

export interface ReadOptions {
  /** `fast` (default) or `baseline`, the engine as before issue 10 (see pipeline.ts). */
  pipeline?: Pipeline;
}

/**
 * Engine lines → upright boxes for the extractor: each line's corners turned back by the page's
 * skew and quarter turn, so "same row" and "above" mean what they say.
 */
export function uprightLines(lines: DetectedLine[], page: OcrPage): OcrLine[] {
  const angle = -((page.skewDeg + page.turnDeg) * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return lines.map((line) => {
    const xs = line.box.map(([x, y]) => x * cos - y * sin);
    const ys = line.box.map(([x, y]) => x * sin + y * cos);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { text: line.text, confidence: line.confidence, box: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y } };
  });
}

/**
 * When reading can stop (RecognizeOptions `enough`): every field is settled and a quota title was
 * read. An invoice's footer holds none of the fields, but another kind's labels can sit anywhere, so
 * without the title the whole page is read before deciding.
 */
export function fieldsSettled(places: PlaceIndex): (lines: DetectedLine[], page: OcrPage) => boolean {
  return (lines, page) => extractWithEvidence(uprightLines(lines, page), places).conclusive && classifyDocument(lines.map((l) => l.text)).quotaTitle;
}

/**
 * The page's turn as `ocr` found it, when that reading read a quota title (定额…): a title read that
 * way up proves the turn, so a later pass over the same image (full size, or without the red) takes
 * it instead of deciding again (RecognizeOptions `turn`). Undefined without a reading or a title.
 */
export function provenTurn(ocr: OcrResult | undefined): OcrPage['turnDeg'] | undefined {
  return ocr && classifyDocument(ocr.lines.map((l) => l.text)).quotaTitle ? ocr.turnDeg : undefined;
}

function refuse(kind: DocumentKind): RecognizeOutcome {
  return { ok: false, error: recognitionError('AIS.0104', notQuotaMessage(kind), { documentKind: kind }) };
}

/**
 * The on-device provider: OCR, then the kind of paper, then field extraction, answering in
 * Huawei's contract. Paper that clearly is another kind (a taxi receipt, a VAT invoice…) is
 * refused with AIS.0104 naming that kind; so is an image with neither a code nor a number and
 * fewer than two fields, or none of an invoice's printed words (`unknown`), as the cloud says it.
 */
export async function readQuotaInvoice(engine: OcrEngine, image: RgbaImage, options: ReadOptions = {}): Promise<RecognizeOutcome> {
  const reading = READING[options.pipeline ?? 'fast'];
  const places = gbt2260();
  const enough = fieldsSettled(places);
  // Fast: a small detection first, taken when it reads all four fields and a re-read of the code's
  // and the number's lines agrees with it (confirm-fields.ts); otherwise the full size. A small
  // pass misreads digits the re-read catches (held-out seeds 100004 turned 270°: 2→3 in the code;
  // 100012 turned 180°: 8→0 in the number), upright or turned alike.
  const fast = options.pipeline !== 'baseline';
  const small = fast ? await engine.recognize(image, { enough, ...reading, detSide: FAST_DET_SIDE }) : undefined;
  // Every reading of the code and the number, pooled where one has to be settled in doubt.
  const pool: IdentifierReadings = {};
  const smallSettled = small && allFourRead(small, places) ? await settledReading(engine, image, small, places, pool) : undefined;
  if (small && !smallSettled) poolFirstReadings(small, places, pool);
  const ocr = smallSettled?.doubtful.length === 0 ? small! : await engine.recognize(image, { enough, ...reading, turn: provenTurn(small) });
  const texts = ocr.lines.map((l) => l.text);
  const kind = classifyDocument(texts).kind;
  if (kind !== 'quota') return refuse(kind);
  // Fields parsed out of text that prints none of an invoice's words are not an invoice's: refused
  // before the seal-free and red-number readings, which could not give it any.
  if (!hasInvoiceWords(texts)) return refuse('unknown');
  const { result, sources, strong } = ocr === small ? smallSettled! : extractWithEvidence(uprightLines(ocr.lines, ocr), places);
  // The full-size reading's code and number are confirmed the same way; a disagreement there is
  // marked for review (its confidence below REVIEW_THRESHOLD), never passed on silently.
  if (fast && ocr !== small) await confirmIdentifiers(engine, image, ocr.lines, sources, result, { pool });
  // A code in doubt that no label vouches for is set aside while the seal-free reading looks for
  // the labelled one, and comes back only if that finds none.
  const setAside = fast ? setAsideWeakCode(result, sources, strong) : undefined;
  // An amount in doubt (figures that disagree, a bare 1元: extract.ts) may be capitals the seal hid.
  const amountInDoubt = fast && result.amount !== undefined && strong?.amount !== true && (result.confidence?.amount ?? 0) < REVIEW_THRESHOLD;
  const amountBefore = result.amount;
  const sealFree = !result.code || !result.number || !result.amount || amountInDoubt ? await fillFromSealFreeReading(engine, image, result, places, { ...reading, turn: fast ? provenTurn(ocr) : undefined }, fast ? pool : undefined, amountInDoubt) : undefined;
  const doubted = sealFree?.doubted ?? [];
  // Read from the other image: the line it came from is not among this reading's.
  if (result.amount !== amountBefore) delete sources.amount;
  if (setAside && result.code === undefined) {
    putField(result, 'code', setAside.value, setAside.confidence);
    if (setAside.from !== undefined) sources.code = setAside.from;
  }
  // A code or number still missing: what an earlier pass read of it, if one did (the small pass,
  // unsettled, too: poolFirstReadings), always for review; the code first, the number before the red
  // number's readings below.
  if (fast) for (const field of IDENTIFIERS) takePooled(result, pool, field);
  // A red number under the red seal is lost by both readings above (the seal-free one keeps, at
  // most, a ghost of it): its line read for dark red only, or the stretch beside its label (found by
  // either reading).
  if (fast && (!result.number || doubted.includes('number'))) await readRedNumber(engine, image, ocr.lines, sources, result, doubted.includes('number'), sealFree?.lines);
  if (fast) codeOfTitledRegion(result, pool, places);
  if (fast) codeOfTitledAuthority(result, texts);
  const found = (['number', 'code', 'location', 'amount'] as const).filter((f) => result[f] !== undefined);
  if (!result.code && !result.number && found.length < 2) return refuse('unknown');
  // Where each field was read (fields taken from the seal-free second reading have no region; a
  // field dropped since, such as a number that was the code's digits, has none either).
  const boxes = fieldBoxes(ocr.lines, Object.fromEntries(Object.entries(sources).filter(([f]) => result[f as keyof typeof sources] !== undefined)), image);
  return { ok: true, result: boxes ? { ...result, boxes } : result };
}

/**
 * A code in doubt (below REVIEW_THRESHOLD) whose region digits name no place or another place than
 * the page's location (read from the title) gives way to the readings in `pool` within
 * POOLED_DIFFERENCE places of it whose region the location names, pooled (pooledReading), still for
 * review: fresh seed 2100059 turned 270°, 131011136131 (上海市's 3101) under 四川省成都市's title, its
 * re-read 151011136131 at 0.91. Region digits are the code's 2nd–5th (GB/T 2260 prefix, lib/invoice/code.ts).
 * Changes `result` in place; nothing when the code is settled, its region agrees, or no reading qualifies.
 */
export function codeOfTitledRegion(result: QuotaInvoiceResult, pool: IdentifierReadings, places: PlaceIndex): void {
  const code = result.code;
  if (!code || result.location === undefined || (result.confidence?.code ?? 0) >= REVIEW_THRESHOLD) return;
  const named = regionNamesTitle(result, places);
  if (named(code)) return;
  const agreeing = (pool.code ?? []).filter((r) => r.value.length === code.length && named(r.value) && differingDigits(r.value, code) <= POOLED_DIFFERENCE);
  const pooled = pooledReading(agreeing, DIGIT_POSSIBLE.code);
  if (pooled) putField(result, 'code', pooled.value, markedForReview(Math.min(pooled.confidence, result.confidence?.code ?? 0)));
}

/**
 * A code whose first digit names no issuing authority (codeDigitPossible: every reading had it so)
 * takes the one the page's bureau names (authorityDigitOf `texts`, the page's lines), for review:
 * fresh seed 3700052 turned 270°, 931002056354 under 国家税务总局上海市税务局 for 031002056354.
 * Changes `result` in place; nothing when the digit is possible or no single bureau is named.
 */
export function codeOfTitledAuthority(result: QuotaInvoiceResult, texts: readonly string[]): void {
  const code = result.code;
  if (!code || codeDigitPossible(code[0]!, 0)) return;
  const authority = authorityDigitOf(texts);
  if (authority === undefined) return;
  putField(result, 'code', authority + code.slice(1), markedForReview(result.confidence?.code ?? 0));
}

/**
 * Whether a code's region digits (its 2nd–5th, GB/T 2260 prefix) name the place `result`'s location
 * names (read from the title), or one inside it or holding it (placesAgree); never when there is no
 * location or it names no place.
 */
function regionNamesTitle(result: QuotaInvoiceResult, places: PlaceIndex): (code: string) => boolean {
  const location = result.location === undefined ? null : places.mostSpecificIn(result.location);
  return (code) => {
    const region = places.byCodePrefix(code.slice(1, 5));
    return location !== null && region !== null && placesAgree(region, location);
  };
}

/**
 * Puts into `result` (in place), when it has no `field`, what the earlier passes read of it (`pool`,
 * pooledReading, DIGIT_POSSIBLE), marked for review; not a number lying inside the code, nor a code
 * holding the number (insideCode).
 */
function takePooled(result: QuotaInvoiceResult, pool: IdentifierReadings, field: Identifier): void {
  if (result[field] !== undefined) return;
  const pooled = pooledReading(pool[field] ?? [], DIGIT_POSSIBLE[field]);
  if (!pooled) return;
  const [code, number] = field === 'code' ? [pooled.value, result.number] : [result.code, pooled.value];
  if (!insideCode(code, number)) putField(result, field, pooled.value, markedForReview(pooled.confidence));
}

/**
 * Puts into `pool` the code and number `ocr` (a pass that did not read all four fields, so was not
 * settled) read, each digit with its probability, as they stand: fresh seed 2900041's small pass
 * read 发票号05097853, the full pass and the seal-free one lost a digit of it, and only the red
 * number's vote was left (05091853, for review).
 */
function poolFirstReadings(ocr: OcrResult, places: PlaceIndex, pool: IdentifierReadings): void {
  const { result, sources } = extractWithEvidence(uprightLines(ocr.lines, ocr), places);
  for (const field of IDENTIFIERS) {
    const from = sources[field];
    const found = from === undefined ? undefined : identifierIn(ocr.lines[from]!, IDENTIFIER_DIGITS[field], result[field]);
    if (found) pool[field] = [...(pool[field] ?? []), found];
  }
}

/**
 * Takes out of `result` (and `sources`) a code that is in doubt (confidence below REVIEW_THRESHOLD)
 * and not strong (`strong.code`: beside its label, region known): fresh seed 500006's full-size
 * reading took 120011921547 from a line of small print, the real code line lost under the seal, and
 * the seal-free reading, which read 发票代码012062157807, was never asked. Returns what it took out.
 */
export function setAsideWeakCode(
  result: QuotaInvoiceResult,
  sources: Partial<Record<QuotaInvoiceField, number>>,
  strong: Extraction['strong'],
): { value: string; confidence: number; from?: number } | undefined {
  const confidence = result.confidence?.code ?? 0;
  if (result.code === undefined || strong?.code !== false || confidence >= REVIEW_THRESHOLD) return undefined;
  const taken = { value: result.code, confidence, from: sources.code };
  dropField(result, 'code');
  delete sources.code;
  return taken;
}

/**
 * A red seal stamped over the code line (or the amount) can hide it from detection itself, not
 * only from the recognizer. When the code, number or amount is missing, or the amount in doubt, the
 * page is read once more with seal red turned white, and only the missing fields (the location too)
 * and a settled amount are taken from that reading (a red-printed number disappears in it, so
 * nothing else is). Costs a second pass only on pages that
 * need it, and a re-read of each code or number it brings (with `pool`, the fast pipeline's
 * readings so far); with `pool`, a code still missing is looked for in the lines that nearly hold
 * one (readMissingCode). With `settleAmount` (the amount in doubt), this reading's amount replaces it
 * when settled here: fresh seed 1000069 turned 180° read 伍元 under the seal as 1元, the seal-free
 * reading 伍元 beside ￥5.00. Returns the identifiers it brought that go to review (`doubted`) and
 * the seal-free reading's lines (image px of `image`: readRedNumber looks there for the number's
 * label when the page's reading lost it).
 */
async function fillFromSealFreeReading(
  engine: OcrEngine,
  image: RgbaImage,
  result: QuotaInvoiceResult,
  places: PlaceIndex,
  reading: Omit<RecognizeOptions, 'enough'>,
  pool: IdentifierReadings | undefined,
  settleAmount = false,
): Promise<{ doubted: Identifier[]; lines: DetectedLine[] }> {
  const sealFree = removeRed(image, reading.redRemoval);
  const again = await engine.recognize(sealFree, reading);
  const second = extractWithEvidence(uprightLines(again.lines, again), places);
  // A code or number this reading brings is re-read on the seal-free image (confirm-fields.ts) so
  // that, doubted, it is shown as its readings pooled digit by digit say; it is never confirmed so:
  // the red taken away takes the same strokes from every reading of the line (seed 200156: its
  // code's 3 under the seal read as 9 by the reading and its re-read alike, each digit at 0.98).
  const brought = IDENTIFIERS.filter((f) => result[f] === undefined && second.result[f] !== undefined && second.sources[f] !== undefined);
  const sources = Object.fromEntries(brought.map((f) => [f, second.sources[f]!]));
  if (pool && brought.length) await confirmIdentifiers(engine, sealFree, again.lines, sources, second.result, { pool });
  takeMissingFields(result, second, again.lines);
  // An amount in doubt gives way to this reading's when it is settled here (capitals and figures agree).
  const amount = second.result.amount;
  if (settleAmount && amount !== undefined && second.strong?.amount === true && (second.result.confidence?.amount ?? 0) >= REVIEW_THRESHOLD) putField(result, 'amount', amount, second.result.confidence?.amount);
  if (pool && result.code === undefined) {
    const skip = second.sources.number === undefined ? [] : [second.sources.number];
    const code = await readMissingCode(engine, sealFree, again.lines, skip, regionNamesTitle(result, places));
    if (code && !insideCode(code.value, result.number)) putField(result, 'code', code.value, code.confidence);
  }
  const doubted = brought.filter((f) => result[f] !== undefined && result[f] === second.result[f] && (result.confidence?.[f] ?? 0) < REVIEW_THRESHOLD);
  return { doubted, lines: again.lines };
}

/**
 * Fills `result`'s missing code, number, amount and location (in place) from a second reading
 * (`second`, extracted from `lines`); the location too since held-out sheet 100022 slip 9, whose
 * first reading lost the title's first character and the code (上海市 then missing, though the
 * seal-free reading read both). Such a code or number is never re-read (confirm-fields.ts), so unless
 * every digit of it is at FIRST_READING_FLOOR it goes to review (markedForReview): held-out sheet
 * 100028 slip 9, a code taken from the seal-free reading with a 0 read as 9 and its line's mean
 * confidence 0.97, was shown settled. A number lying inside the code taken so is dropped: it was the
 * code's digits (held-out seed 200032).
 */
export function takeMissingFields(result: QuotaInvoiceResult, second: Extraction, lines: readonly DetectedLine[]): void {
  for (const field of ['code', 'number', 'amount', 'location'] as const) {
    const value = second.result[field];
    if (result[field] || !value) continue;
    let confidence = second.result.confidence?.[field];
    if (field === 'code' || field === 'number') {
      const line = second.sources[field] === undefined ? undefined : lines[second.sources[field]!];
      if (!line || !clearlyRead(line, field, value)) confidence = markedForReview(confidence ?? 0);
    }
    putField(result, field, value, confidence);
    // A number the first reading took from the code's own digits (its line read short under the
    // seal): the code now read in full holds it, so it was never the number.
    if (field === 'code' && insideCode(value, result.number)) dropField(result, 'number');
  }
}

/** A reading's fields, its code and number settled by a re-read of their lines (confirm-fields.ts). */
async function settledReading(
  engine: OcrEngine,
  image: RgbaImage,
  ocr: OcrResult,
  places: PlaceIndex,
  pool: IdentifierReadings,
): Promise<Extraction & { doubtful: Identifier[] }> {
  const extraction = extractWithEvidence(uprightLines(ocr.lines, ocr), places);
  // A tie here sends the page to the full-size pass anyway: not broken. The re-read is cut to the
  // identifier's digits here only: in the full-size pass such a cut confirmed held-out seed 100035
  // turned 90°'s misread code (6 read as 5) that the whole line's re-read marked for review.
  const doubtful = await confirmIdentifiers(engine, image, ocr.lines, extraction.sources, extraction.result, { pool, breakTies: false, digitsOnly: true });
  return { ...extraction, doubtful };
}

/** A reading of a quota invoice with all four fields in it (the kind is quota, nothing missing). */
function allFourRead(ocr: OcrResult, places: PlaceIndex): boolean {
  if (classifyDocument(ocr.lines.map((l) => l.text)).kind !== 'quota') return false;
  const { result } = extractWithEvidence(uprightLines(ocr.lines, ocr), places);
  return result.code !== undefined && result.number !== undefined && result.amount !== undefined && result.location !== undefined;
}
