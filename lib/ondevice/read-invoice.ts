import type { DocumentKind, QuotaInvoiceResult, RecognizeOutcome } from '../recognize/contract';
import { notQuotaMessage, recognitionError } from '../recognize/errors';
import { extractWithEvidence } from '../invoice/extract';
import { gbt2260 } from '../invoice/gbt2260';
import { classifyDocument } from '../invoice/kind';
import type { OcrLine } from '../invoice/ocr-line';
import type { PlaceIndex } from '../invoice/places';
import type { DetectedLine, OcrEngine, OcrPage } from './engine';
import type { RgbaImage } from './image';
import { withoutRed } from './seal';

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

function refuse(kind: DocumentKind): RecognizeOutcome {
  return { ok: false, error: recognitionError('AIS.0104', notQuotaMessage(kind), { documentKind: kind }) };
}

/**
 * The on-device provider: OCR, then the kind of paper, then field extraction, answering in
 * Huawei's contract. Paper that clearly is another kind (a taxi receipt, a VAT invoice…) is
 * refused with AIS.0104 naming that kind; so is an image with neither a code nor a number and
 * fewer than two fields (`unknown`), as the cloud says it.
 */
export async function readQuotaInvoice(engine: OcrEngine, image: RgbaImage): Promise<RecognizeOutcome> {
  const places = gbt2260();
  // Stop reading lines once every field is settled and a quota title was read: an invoice's footer
  // holds none of the fields, but another kind's labels can sit anywhere, so without the title the
  // whole page is read before deciding.
  const enough = (lines: DetectedLine[], page: OcrPage) =>
    extractWithEvidence(uprightLines(lines, page), places).conclusive && classifyDocument(lines.map((l) => l.text)).quotaTitle;
  const ocr = await engine.recognize(image, { enough });
  const kind = classifyDocument(ocr.lines.map((l) => l.text)).kind;
  if (kind !== 'quota') return refuse(kind);
  const { result } = extractWithEvidence(uprightLines(ocr.lines, ocr), places);
  if (!result.code || !result.number || !result.amount) await fillFromSealFreeReading(engine, image, result, places);
  const found = (['number', 'code', 'location', 'amount'] as const).filter((f) => result[f] !== undefined);
  if (!result.code && !result.number && found.length < 2) return refuse('unknown');
  return { ok: true, result };
}

/**
 * A red seal stamped over the code line (or the amount) can hide it from detection itself, not
 * only from the recognizer. When the code, number or amount is missing, the page is read once more
 * with seal red turned white, and only the missing fields are taken from that reading (a
 * red-printed number disappears in it, so nothing else is). Costs a second pass only on pages that
 * need it.
 */
async function fillFromSealFreeReading(engine: OcrEngine, image: RgbaImage, result: QuotaInvoiceResult, places: PlaceIndex): Promise<void> {
  const again = await engine.recognize(withoutRed(image));
  const second = extractWithEvidence(uprightLines(again.lines, again), places).result;
  for (const field of ['code', 'number', 'amount'] as const) {
    if (result[field] || !second[field]) continue;
    result[field] = second[field];
    result.confidence = { ...result.confidence, [field]: second.confidence?.[field] };
  }
}
