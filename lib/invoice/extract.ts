import type { QuotaInvoiceField, QuotaInvoiceResult } from '../recognize/contract';
import { findCapitalAmount, findFigureAmount, formatApiAmount, isUsualDenomination } from './amount';
import { decodeCode } from './code';
import { compact, digitRuns, type DigitRun } from './normalize';
import type { OcrLine } from './ocr-line';
import { placesAgree, type Place, type PlaceIndex } from './places';

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

/** Lines holding a label, plus the lines beside them (label and value can be separate boxes). */
function labelled(lines: Line[], label: RegExp): Set<Line> {
  const out = new Set<Line>();
  for (const line of lines) {
    if (!label.test(line.clean)) continue;
    out.add(line);
    lines.filter((other) => sameRowRight(line, other)).forEach((other) => out.add(other));
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

/** "o46804302": the o is what is left of a "No" whose N was lost, not a leading zero. */
function dropNoRemnant(run: DigitRun): DigitRun {
  return run.digits.length === 9 && run.repaired > 0 && /^[oO]/.test(run.raw) ? { ...run, digits: run.digits.slice(1), repaired: run.repaired - 1 } : run;
}

function numberCandidates(lines: Line[], code: string | undefined): Candidate[] {
  const nearLabel = labelled(lines, NUMBER_LABEL);
  return lines.flatMap((line) => {
    if (NOT_NUMBER_CONTEXT.test(line.clean) && !nearLabel.has(line)) return [];
    return digitRuns(line.clean, 8)
      .map(dropNoRemnant)
      .filter((run) => run.digits.length === 8)
      .filter((run) => line.clean[run.start - 1] !== '-' && !(code ?? '').includes(run.digits))
      .map((run) => {
        const standalone = run.end - run.start >= line.clean.replace(/^№/u, '').length;
        const score = (nearLabel.has(line) ? 4 : 0) + (standalone ? 1 : 0) - run.repaired;
        return { value: run.digits, score, confidence: line.confidence * (nearLabel.has(line) ? 1 : 0.85), strong: nearLabel.has(line), from: line.index };
      });
  });
}

function amountCandidate(lines: Line[]): Candidate | undefined {
  let capital: { fen: number; confidence: number; from: number } | undefined;
  let figure: { fen: number; confidence: number; from: number } | undefined;
  for (const line of lines) {
    const c = findCapitalAmount(line.clean);
    if (c !== null && c > 0 && !capital) capital = { fen: c, confidence: line.confidence, from: line.index };
    const f = findFigureAmount(line.clean);
    if (f !== null && f > 0 && !figure && !NOT_NUMBER_CONTEXT.test(line.clean)) figure = { fen: f, confidence: line.confidence, from: line.index };
  }
  // Capitals and figures agree: the strongest evidence. A figure exactly 100 times the capitals is
  // the same amount whose decimal point a dot-matrix head printed too faint to read ("5.00" read
  // as "500"): agreement too. Otherwise trust the one that is a usual denomination, capitals
  // first (they are printed large and OCR misreads fewer of them).
  if (capital && figure && (capital.fen === figure.fen || figure.fen === capital.fen * 100)) {
    // The region shown is the capitals' line (printed large, the amount as the law reads it).
    return { value: formatApiAmount(capital.fen), score: 3, confidence: Math.max(capital.confidence, figure.confidence), strong: true, from: capital.from };
  }
  const ranked = [capital, figure].filter((x): x is { fen: number; confidence: number; from: number } => x !== undefined);
  const chosen = ranked.find((x) => isUsualDenomination(x.fen)) ?? ranked[0];
  if (!chosen) return undefined;
  const factor = (isUsualDenomination(chosen.fen) ? 0.95 : 0.7) * (ranked.length === 2 ? 0.8 : 1);
  return { value: formatApiAmount(chosen.fen), score: 1, confidence: chosen.confidence * factor, strong: chosen === capital && isUsualDenomination(chosen.fen), from: chosen.from };
}

function locationCandidate(lines: Line[], places: PlaceIndex, codePlace: Place | null): Candidate | undefined {
  const titles = lines.filter((l) => TITLE_WORDS.test(l.clean)).sort((a, b) => a.box.y - b.box.y);
  for (const title of titles) {
    const place = places.mostSpecificIn(title.clean, codePlace);
    if (!place) continue;
    const agrees = codePlace !== null && placesAgree(place, codePlace);
    return { value: place.name, score: 2, confidence: title.confidence * (codePlace === null ? 0.95 : agrees ? 1 : 0.75), strong: agrees, from: title.index };
  }
  // No readable title: the code's region digits still name the place, with less certainty.
  return codePlace ? { value: codePlace.name, score: 0, confidence: 0.6, strong: false } : undefined;
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
  const found = [['number', number], ['code', code], ['location', location], ['amount', amount]] as const;
  for (const [field, candidate] of found) {
    if (!candidate) continue;
    result[field] = candidate.value;
    confidence[field] = round(candidate.confidence);
    if (candidate.from !== undefined) sources[field] = candidate.from;
  }
  return { result: { ...result, confidence }, conclusive: found.every(([, c]) => c?.strong === true), sources };
}

/** Reads the four quota-invoice fields out of OCR lines, in the Huawei result shape. */
export function extractQuotaInvoice(ocrLines: OcrLine[], places: PlaceIndex): QuotaInvoiceResult {
  return extractWithEvidence(ocrLines, places).result;
}
