import type { RecognizeOutcome } from '../recognize/contract';
import { recognitionError } from '../recognize/errors';
import { extractWithEvidence } from '../invoice/extract';
import { gbt2260 } from '../invoice/gbt2260';
import type { OcrLine } from '../invoice/ocr-line';
import type { DetectedLine, OcrEngine } from './engine';
import type { RgbaImage } from './image';

/**
 * Engine lines → upright boxes for the extractor: each line's corners turned back by the page's
 * skew (and 180° when it was upside down), so "same row" and "above" mean what they say.
 */
export function uprightLines(lines: DetectedLine[], page: { skewDeg: number; upsideDown: boolean }): OcrLine[] {
  const angle = -((page.skewDeg + (page.upsideDown ? 180 : 0)) * Math.PI) / 180;
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
 * The on-device provider: OCR, then field extraction, answering in Huawei's contract. An image
 * with neither a code nor a number, and fewer than two fields, is "not a quota invoice"
 * (AIS.0104), as the cloud says it.
 */
export async function readQuotaInvoice(engine: OcrEngine, image: RgbaImage): Promise<RecognizeOutcome> {
  const places = gbt2260();
  // Stop reading lines once every field is settled: an invoice's footer holds none of them.
  const ocr = await engine.recognize(image, { enough: (lines, page) => extractWithEvidence(uprightLines(lines, page), places).conclusive });
  const { result } = extractWithEvidence(uprightLines(ocr.lines, ocr), places);
  const found = (['number', 'code', 'location', 'amount'] as const).filter((f) => result[f] !== undefined);
  if (!result.code && !result.number && found.length < 2) {
    return { ok: false, error: recognitionError('AIS.0104', 'The image is not a quota invoice or the image quality is poor.') };
  }
  return { ok: true, result };
}
