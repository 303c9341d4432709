/**
 * How sure the first reading of the code and the number is, against whether it is right: per
 * invoice (held-out seeds from 100000, upright and turned), each identifier's weakest digit
 * probability in the small (480 px) pass, the full-size pass, and their tight re-reads
 * (confirm-fields.ts). One JSON object a line on stdout.
 */
import { parseArgs } from 'node:util';
import { extractWithEvidence } from '../lib/invoice/extract';
import { gbt2260 } from '../lib/invoice/gbt2260';
import { IDENTIFIER_DIGITS, type Identifier, identifierIn, rectOfBox, rereadRects } from '../lib/ondevice/confirm-fields';
import type { OcrEngine, OcrResult } from '../lib/ondevice/engine';
import type { RgbaImage } from '../lib/ondevice/image';
import { FAST_DET_SIDE, READING, fieldsSettled, uprightLines } from '../lib/ondevice/read-invoice';
import { decodeImage, nodeEngine } from '../test/support/ondevice-node';
import { renderInvoices } from '../test/synth/render';
import { type Truth, makeInvoiceSpec, turnPhoto } from '../test/synth/spec';

const { values } = parseArgs({ options: { count: { type: 'string', default: '40' }, first: { type: 'string', default: '100000' } } });
const count = Number(values.count);
const first = Number(values.first);
const specs = Array.from({ length: count }, (_, i) => makeInvoiceSpec(first + i, { photo: true }));
const turns = [90, 180, 270] as const;
const all = [...specs.map((s) => ({ spec: s, turn: 0 })), ...specs.map((s) => ({ spec: turnPhoto(s, turns[s.seed % 3]!), turn: turns[s.seed % 3]! }))];
const images = await renderInvoices(all.map((a) => a.spec), { format: 'jpeg', photo: true });
const engine = await nodeEngine(2);
const places = gbt2260();
const enough = fieldsSettled(places);
const reading = READING.fast;

async function pass(e: OcrEngine, img: RgbaImage, ocr: OcrResult, truth: Truth) {
  const { result, sources } = extractWithEvidence(uprightLines(ocr.lines, ocr), places);
  const out: Record<string, unknown> = { lines: ocr.lines.length, skipped: ocr.skipped, four: ['code', 'number', 'amount', 'location'].every((f) => (result as Record<string, unknown>)[f] !== undefined) };
  for (const f of Object.keys(IDENTIFIER_DIGITS) as Identifier[]) {
    const v = result[f];
    const src = sources[f];
    if (v === undefined || src === undefined) continue;
    const line = ocr.lines[src]!;
    const firstW = identifierIn(line, IDENTIFIER_DIGITS[f], v)?.weakest;
    const [re] = await e.readLines(img, rereadRects(rectOfBox(line.box)));
    const reId = identifierIn(re!, IDENTIFIER_DIGITS[f], v);
    out[f] = { right: v === truth[f], weakest: firstW, conf: line.confidence, reValue: reId?.value === v ? 'same' : (reId?.value ?? null), reWeakest: reId?.weakest };
  }
  return out;
}

for (let i = 0; i < all.length; i++) {
  const { spec, turn } = all[i]!;
  const img = decodeImage(new Uint8Array(images[i]!))!;
  const small = await engine.recognize(img, { enough, ...reading, detSide: FAST_DET_SIDE });
  const full = await engine.recognize(img, { enough, ...reading });
  const row = { seed: spec.seed, turn, small: await pass(engine, img, small, spec.truth), full: await pass(engine, img, full, spec.truth) };
  console.log(JSON.stringify(row));
}
process.exit(0);
