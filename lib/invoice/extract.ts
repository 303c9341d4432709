import type { QuotaInvoiceField, QuotaInvoiceResult } from '../recognize/contract';
import { findFigureAmount, findMendedCapitalAmount, formatApiAmount, isUsualDenomination } from './amount';
import { decodeCode, insideCode } from './code';
import { compact, digitRuns, type DigitRun } from './normalize';
import type { OcrLine } from './ocr-line';
import { editDistanceAtMostOne, placesAgree, shortName, type Place, type PlaceIndex } from './places';
import { markedForReview } from './review';

interface Candidate {
  value: string;
  score: number;
  confidence: number;
  /** Evidence that cannot be bettered by reading more lines (a label, a cross-check). */
  strong: boolean;
  /** The line it was read from (its index among the OCR lines); none when inferred (a place from the code). */
  from?: number;
}

/** An OCR line, its text compacted, and where it stands among the lines given. */
type Line = OcrLine & { clean: string; index: number };

const CODE_LABEL = /发票代码|票代码|代码/u;
const NUMBER_LABEL = /发票号码|票号码|号码|№/u;
const NOT_NUMBER_CONTEXT = /电话|热线|服务|查询|TEL|传真|日期|年|月|日前|有效|限于/iu;
const TITLE_WORDS = /税务|发票|定额|地方|国家/u;

/** Same row: the candidate's vertical centre lies within the label's height, to its right. */
function sameRowRight(label: Line, other: Line): boolean {
  const centre = other.box.y + other.box.height / 2;
  return other !== label && other.box.x > label.box.x && centre >= label.box.y && centre <= label.box.y + label.box.height;
}

function best(candidates: Candidate[]): Candidate | undefined {
  return candidates.sort((a, b) => b.score - a.score || b.confidence - a.confidence)[0];
}

/**
 * Lines holding a label, plus the lines beside them (label and value can be separate boxes): every
 * box to the right on the label's row, or with `beside: 'nearest'` only the first of them.
 */
function labelled(lines: Line[], label: RegExp, beside: 'all' | 'nearest' = 'all'): Set<Line> {
  const out = new Set<Line>();
  for (const line of lines) {
    if (!label.test(line.clean)) continue;
    out.add(line);
    const right = lines.filter((other) => sameRowRight(line, other));
    const taken = beside === 'all' ? right : right.sort((a, b) => a.box.x - b.box.x).slice(0, 1);
    taken.forEach((other) => out.add(other));
  }
  return out;
}

function codeCandidates(lines: Line[], places: PlaceIndex): Candidate[] {
  const nearLabel = labelled(lines, CODE_LABEL);
  return lines.flatMap((line) =>
    digitRuns(line.clean, 12)
      .filter((run) => run.digits.length === 12)
      .map((run) => {
        const decoded = decodeCode(run.digits)!;
        const regionKnown = places.byCodePrefix(decoded.regionPrefix) !== null;
        const score = (nearLabel.has(line) ? 4 : 0) + (decoded.authority ? 1 : 0) + (regionKnown ? 2 : 0) - run.repaired;
        return { value: run.digits, score, confidence: line.confidence * (regionKnown ? 1 : 0.8), strong: nearLabel.has(line) && regionKnown, from: line.index };
      }),
  );
}

/**
 * Digits inside a taxpayer identification number (纳税人识别号) are not the invoice's: a run of
 * letters and digits at least 15 long holding two letters or more, the way the unified social credit
 * code (统一社会信用代码, GB 32100-2015: 18 characters, its first 8 digits the registering body, the
 * kind and the GB/T 2260 region) prints on a seller's seal. Fresh seed 4100013 turned 90°: the seal's
 * 91330100TXQBTHSPS gave the number 91330100. `clean`: the compacted line; `run`: a run in it.
 */
function inTaxpayerNumber(clean: string, run: DigitRun): boolean {
  const isIdChar = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/u.test(c);
  let start = run.start;
  let end = run.end;
  while (isIdChar(clean[start - 1])) start--;
  while (isIdChar(clean[end])) end++;
  const token = clean.slice(start, end);
  return token.length >= 15 && (token.match(/[A-Za-z]/gu) ?? []).length >= 2;
}

/** "o46804302": the o is what is left of a "No" whose N was lost, not a leading zero. */
function dropNoRemnant(run: DigitRun): DigitRun {
  return run.digits.length === 9 && run.repaired > 0 && /^[oO]/.test(run.raw) ? { ...run, digits: run.digits.slice(1), repaired: run.repaired - 1 } : run;
}

/**
 * Digits after a dash are a phone number's (0755-26655535), unless the dash comes right after the
 * number's label: then it stands for the label's colon (fresh seed 1400025 turned 90°, seal-free
 * reading 发票号码-50512328, the number lost). `before`: the compacted line up to the digits.
 */
function afterPhoneDash(before: string): boolean {
  return before.endsWith('-') && !/(?:号码|№)-$/u.test(before);
}

function numberCandidates(lines: Line[], code: string | undefined): Candidate[] {
  const nearLabel = labelled(lines, NUMBER_LABEL);
  // The code's line is no place for the number, even when its 12 digits came out short (held-out
  // seed 200032: 发票代码22102174市 under the seal gave the number 22102174); nor the box beside a bare
  // code label, but further boxes of its row may be (a number printed after the code).
  const nearCode = labelled(lines, CODE_LABEL, 'nearest');
  return lines.flatMap((line) => {
    if ((NOT_NUMBER_CONTEXT.test(line.clean) || nearCode.has(line)) && !nearLabel.has(line)) return [];
    return digitRuns(line.clean, 8)
      .map(dropNoRemnant)
      .filter((run) => run.digits.length === 8)
      .filter((run) => !afterPhoneDash(line.clean.slice(0, run.start)) && !insideCode(code, run.digits) && !inTaxpayerNumber(line.clean, run))
      .map((run) => {
        const standalone = run.end - run.start >= line.clean.replace(/^№/u, '').length;
        const score = (nearLabel.has(line) ? 4 : 0) + (standalone ? 1 : 0) - run.repaired;
        return { value: run.digits, score, confidence: line.confidence * (nearLabel.has(line) ? 1 : 0.85), strong: nearLabel.has(line), from: line.index };
      });
  });
}

/**
 * Figures as a printer sets them: a currency mark before them (￥5.00, RMB 5) or fen after a
 * decimal point (5.00元). A bare whole number before 元 (1元) may be the large capitals misread
 * digit by digit (伍元 under the seal read 1元, fresh seed 1000069 turned 180°).
 */
const PRINTED_FIGURE = /(?:[¥￥Y]|RMB|CNY)\d|\d[.。·,]\d{1,2}(?!\d)/iu;

/**
 * Capitals with no figure to agree settle the amount (strong: reading may stop there) only when
 * their line was read at this confidence (0–1) or above: fresh seed 2500069 turned 180°, 伍拾元整
 * under the seal read 拾元 at 0.79, and the small pass stopped before reading the printed ￥50.00
 * that disagreed with it.
 */
const CAPITALS_ALONE_FLOOR = 0.85;

/**
 * The amount: capitals (伍元) and figures (￥5.00) on the page. Capitals agreeing with any figure
 * is the strongest evidence. Otherwise one of them is taken, and when the figures on the page
 * disagree among themselves (fresh seed 1000069 turned 180°, whose 伍 of 伍元 under the seal was
 * read 1: 1元, a figure amount, came out ￥1.00 shown settled beside its printed ￥5.00), or the only
 * evidence is a bare whole number before 元 (PRINTED_FIGURE), or the capitals were read with a
 * look-alike for their unit and no figure agrees (壹任圆: findMendedCapitalAmount), or a printed
 * figure disagrees with the capitals taken (fresh seed 2500069 turned 180°: 拾元 beside ￥50.00), the
 * amount goes to review (markedForReview). Capitals alone read weakly are taken but settle nothing
 * (CAPITALS_ALONE_FLOOR). Amounts are integer fen (amount.ts).
 */
function amountCandidate(lines: Line[]): Candidate | undefined {
  type Found = { fen: number; confidence: number; from: number };
  /** A figure, and whether it is printed as figures are (PRINTED_FIGURE). */
  type Figure = Found & { printed: boolean };
  let capital: (Found & { mended: boolean }) | undefined;
  const figures: Figure[] = [];
  for (const line of lines) {
    const c = findMendedCapitalAmount(line.clean);
    if (c !== null && c.fen > 0 && !capital) capital = { fen: c.fen, mended: c.mended, confidence: line.confidence, from: line.index };
    const f = findFigureAmount(line.clean);
    if (f !== null && f > 0 && !NOT_NUMBER_CONTEXT.test(line.clean)) figures.push({ fen: f, confidence: line.confidence, from: line.index, printed: PRINTED_FIGURE.test(line.clean) });
  }
  // Capitals and figures agree: the strongest evidence. A figure exactly 100 times the capitals is
  // the same amount whose decimal point a dot-matrix head printed too faint to read ("5.00" read
  // as "500"): agreement too. Otherwise trust the one that is a usual denomination, capitals
  // first (they are printed large and OCR misreads fewer of them), and of the figures the first
  // printed as figures are (PRINTED_FIGURE).
  const agreeing = capital && figures.find((f) => capital.fen === f.fen || f.fen === capital.fen * 100);
  if (capital && agreeing) {
    // The region shown is the capitals' line (printed large, the amount as the law reads it).
    return { value: formatApiAmount(capital.fen), score: 3, confidence: Math.max(capital.confidence, agreeing.confidence), strong: true, from: capital.from };
  }
  const figure = figures.find((f) => f.printed) ?? figures[0];
  const ranked: Found[] = [capital, figure].filter((x) => x !== undefined);
  const chosen = ranked.find((x) => isUsualDenomination(x.fen)) ?? ranked[0];
  if (!chosen) return undefined;
  const factor = (isUsualDenomination(chosen.fen) ? 0.95 : 0.7) * (ranked.length === 2 ? 0.8 : 1);
  // In doubt: figures that disagree, a bare whole number before 元 with nothing to back it,
  // capitals whose unit was a look-alike (壹任圆) with no figure to agree, or capitals a figure
  // printed as figures are disagrees with.
  const disagreeingFigure = chosen === capital && figures.some((f) => f.printed);
  const doubtful = new Set(figures.map((f) => f.fen)).size > 1 || (chosen === figure && !figure.printed) || (chosen === capital && capital.mended) || disagreeingFigure;
  const confidence = chosen.confidence * factor;
  const strong = chosen === capital && isUsualDenomination(chosen.fen) && !doubtful && capital.confidence >= CAPITALS_ALONE_FLOOR;
  return { value: formatApiAmount(chosen.fen), score: 1, confidence: doubtful ? markedForReview(confidence) : confidence, strong, from: chosen.from };
}

function locationCandidate(lines: Line[], places: PlaceIndex, codePlace: Place | null): Candidate | undefined {
  const titles = lines.filter((l) => TITLE_WORDS.test(l.clean)).sort((a, b) => a.box.y - b.box.y);
  for (const [i, title] of titles.entries()) {
    const found = places.mostSpecificIn(title.clean, codePlace);
    if (!found) continue;
    const { line, place, doubtful } = cityOfProvinceTitle({ line: title, place: found }, titles.slice(i + 1), lines, places, codePlace);
    const agrees = codePlace !== null && placesAgree(place, codePlace);
    const confidence = line.confidence * (codePlace === null ? 0.95 : agrees ? 1 : 0.75);
    return { value: place.name, score: 2, confidence: doubtful ? markedForReview(confidence) : confidence, strong: agrees && !doubtful, from: line.index };
  }
  // No readable title: the code's region digits still name the place, with less certainty.
  return codePlace ? { value: codePlace.name, score: 0, confidence: 0.6, strong: false } : undefined;
}

/** Words of a title after its place: where the name of a city, if any, has ended. */
const BUREAU_WORDS = /国家|地方|税务|通用|定额|发票/u;

/**
 * The first title line names a province and the code's region digits (GB/T 2260, DESIGN.md) a
 * city in it: the city where the page says so too — a later title line names it (the title broken
 * over two lines, or the bureau's seal, 广州市税务局), or what stands between the province and the
 * bureau's words is the city's name cut at the line's end (国家税务总局广东省广: fresh sheet 200017
 * slip 5) or one character off it (浙江省州市税务局: fresh seed 200066 turned 270°) — both were read
 * as the province and shown settled. Nothing there (国家税务总局广东省税务局): a provincial bureau's
 * slip, the province stands even with a city's code. Something there that is no name the code
 * allows: the province stands, `doubtful`, for the clerk to review. The line ending at the province,
 * no bureau's words after it: the title was cut there (a seal across it split its box), so the
 * city's name may stand in a box of its own anywhere on the page (国家税务总局广东省 | 广州市税:
 * held-out seed 6100057's small pass, shown settled as 广东省): the code's city when a line of
 * `all` names it, else the province, `doubtful`.
 */
function cityOfProvinceTitle(first: { line: Line; place: Place }, later: Line[], all: Line[], places: PlaceIndex, codePlace: Place | null): { line: Line; place: Place; doubtful: boolean } {
  const plain = { ...first, doubtful: false };
  if (first.place.level !== 'province' || codePlace?.level !== 'city' || !placesAgree(first.place, codePlace)) return plain;
  // Later title lines are looked at only here: extraction runs after every line read.
  const namesCity = (l: Line) => places.mostSpecificIn(l.clean, codePlace)?.code === codePlace.code;
  const namedLater = later.find(namesCity);
  if (namedLater) return { line: namedLater, place: codePlace, doubtful: false };
  const text = first.line.clean;
  const end = [first.place.name, shortName(first.place.name)].map((n) => (text.includes(n) ? text.lastIndexOf(n) + n.length : -1)).find((e) => e >= 0);
  const rest = end === undefined ? '' : text.slice(end);
  const stop = rest.search(BUREAU_WORDS);
  const between = stop < 0 ? rest : rest.slice(0, stop);
  if (!between && stop < 0) return all.some((l) => l !== first.line && namesCity(l)) ? { line: first.line, place: codePlace, doubtful: false } : { ...plain, doubtful: true };
  if (!between) return plain;
  const city = codePlace.name;
  const cut = stop < 0 && between.length < city.length && city.startsWith(between);
  const misread = editDistanceAtMostOne(between, city) || editDistanceAtMostOne(between, shortName(city));
  return cut || misread ? { line: first.line, place: codePlace, doubtful: false } : { ...plain, doubtful: true };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface Extraction {
  result: QuotaInvoiceResult;
  /** All four fields found with evidence more lines cannot improve: reading can stop. */
  conclusive: boolean;
  /**
   * Per field found, the index (into the lines given) of the line it was read from: the region to
   * show on the picture. Absent for a field not read from a line (a place taken from the code).
   */
  sources: Partial<Record<QuotaInvoiceField, number>>;
  /**
   * Per field found, whether its evidence is strong (a code beside its label with a known region, a
   * number beside its label, amounts that agree, a place the code agrees with). Absent: not known.
   */
  strong?: Partial<Record<QuotaInvoiceField, boolean>>;
}

/** Reads the four quota-invoice fields out of OCR lines, and says whether they are settled. */
export function extractWithEvidence(ocrLines: OcrLine[], places: PlaceIndex): Extraction {
  // "No 01234567": the o of No must not be read as a zero glued to the number.
  const lines: Line[] = ocrLines.map((l, index) => ({ ...l, clean: compact(l.text).replace(/^(?:N[oO0º°]|№)[.:：]?/u, '№'), index }));
  const code = best(codeCandidates(lines, places));
  const number = best(numberCandidates(lines, code?.value));
  const amount = amountCandidate(lines);
  const codePlace = code ? places.byCodePrefix(code.value.slice(1, 5)) : null;
  const location = locationCandidate(lines, places, codePlace);
  const result: QuotaInvoiceResult = {};
  const confidence: NonNullable<QuotaInvoiceResult['confidence']> = {};
  const sources: Extraction['sources'] = {};
  const strong: NonNullable<Extraction['strong']> = {};
  const found = [['number', number], ['code', code], ['location', location], ['amount', amount]] as const;
  for (const [field, candidate] of found) {
    if (!candidate) continue;
    result[field] = candidate.value;
    confidence[field] = round(candidate.confidence);
    if (candidate.from !== undefined) sources[field] = candidate.from;
    strong[field] = candidate.strong;
  }
  return { result: { ...result, confidence }, conclusive: found.every(([, c]) => c?.strong === true), sources, strong };
}

/** Reads the four quota-invoice fields out of OCR lines, in the Huawei result shape. */
export function extractQuotaInvoice(ocrLines: OcrLine[], places: PlaceIndex): QuotaInvoiceResult {
  return extractWithEvidence(ocrLines, places).result;
}
