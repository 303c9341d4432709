/**
 * `npx tsx scripts/models/digits/make-digit-lines.ts --from A --to B --out DIR [--no-ppocr]`: the
 * digits-only reader's training (or evaluation) data, from the generator's invoice photos (test/synth,
 * seeds A..B; every third with the supervision seal's words across the code, the rest with the seed's
 * own variants; half read at the fast pipeline's small detection size, half at full size).
 *
 * Each photo is read by the engine as read-invoice.ts reads a page; the detected line whose digits
 * are nearest the code's (at most 3 edits) and the number's (at most 2) are cut out exactly as
 * confirm-fields.ts cuts lines for re-reading (rec.ts cropLine of rereadRect at 0.7, 0.85 and 1 ×
 * the line's height, and of rereadRects' digit span when the reading says where the digits stand).
 * A line nearer nothing (a seal split it, it was not read) is left out and listed in
 * DIR/skipped.tsv. Writes DIR/crops/*.png (native resolution) and appends DIR/labels.tsv: file,
 * label (the true digits only: 12 for a code line, 8 for a number line), field, seed, seal over the
 * code (1/0), detection size, cut, crop size (px), the line's text, and PP-OCR's reading of the
 * crop (empty with --no-ppocr) for evaluate-digits.ts.
 */
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { distance } from 'fastest-levenshtein';
import { PNG } from 'pngjs';
import { toHalfWidth } from '../../../lib/invoice/normalize';
import { IDENTIFIER_DIGITS, digitSpan, identifierIn, rectOfBox, rereadRect, rereadRects } from '../../../lib/ondevice/confirm-fields';
import type { RgbaImage } from '../../../lib/ondevice/image';
import { FAST_DET_SIDE, READING } from '../../../lib/ondevice/read-invoice';
import { cropLine } from '../../../lib/ondevice/rec';
import { decodeImage, nodeEngine } from '../../../test/support/ondevice-node';
import { renderInvoices } from '../../../test/synth/render';
import { type PhotoInvoiceSpec, makeInvoiceSpec } from '../../../test/synth/spec';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    /** Photos rendered at a time. */
    chunk: { type: 'string', default: '20' },
    threads: { type: 'string', default: '1' },
    /** Stop starting new chunks after this many minutes. */
    'max-minutes': { type: 'string', default: '1e9' },
    /** Skip PP-OCR's reading of each crop (training data needs only the label). */
    'no-ppocr': { type: 'boolean', default: false },
  },
});
if (!values.from || !values.to || !values.out) throw new Error('usage: make-digit-lines.ts --from SEED --to SEED --out DIR [--no-ppocr]');
const from = Number(values.from);
const to = Number(values.to);
const out = values.out;
const chunk = Number(values.chunk);
const deadline = Date.now() + Number(values['max-minutes']) * 60_000;
mkdirSync(join(out, 'crops'), { recursive: true });
const tsv = join(out, 'labels.tsv');
const COLS = ['file', 'label', 'field', 'seed', 'seal_over_code', 'det_side', 'cut', 'width', 'height', 'line_text', 'ppocr_text', 'ppocr_conf', 'ppocr_digits'];
if (!existsSync(tsv)) writeFileSync(tsv, `${COLS.join('\t')}\n`);
const skipLog = join(out, 'skipped.tsv');

const digitsOf = (text: string) => toHalfWidth(text).replace(/[^0-9]/g, '');
const clean = (s: string) => s.replace(/[\t\n\r]/g, ' ');
/** The farthest (edits) a line's digits may be from the true value to be taken as its line. */
const NEAREST = { code: 3, number: 2 } as const;

function savePng(img: RgbaImage, path: string) {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length);
  writeFileSync(path, PNG.sync.write(png));
}

const sealed = (seed: number) => seed % 3 === 0;
// Half the pages at the fast pipeline's small first detection (its boxes are taller), half full size.
const detSideOf = (seed: number) => (Math.floor(seed / 3) % 2 === 0 ? FAST_DET_SIDE : undefined);

const engine = await nodeEngine(Number(values.threads));
let lines = 0;
let crops = 0;
let skipped = 0;
let pages = 0;
const t0 = Date.now();
for (let s = from; s <= to && Date.now() < deadline; s += chunk) {
  const seeds = Array.from({ length: Math.min(chunk, to - s + 1) }, (_, i) => s + i);
  const specs: PhotoInvoiceSpec[] = seeds.map((seed) => makeInvoiceSpec(seed, sealed(seed) ? { photo: true, variants: 'seal-over-code' } : { photo: true }));
  const images = await renderInvoices(specs, { format: 'jpeg', photo: true });
  for (const [i, spec] of specs.entries()) {
    const image = decodeImage(new Uint8Array(images[i]!));
    if (!image) continue;
    pages++;
    const detSide = detSideOf(spec.seed);
    // Read as the fast pipeline reads a page, stopped once both lines are read exactly (detection,
    // and so every box, is the same whether or not it stops early).
    const exact = (read: { text: string }[], v: string) => read.some((l) => digitsOf(l.text) === v);
    const ocr = await engine.recognize(image, { ...READING.fast, detSide, enough: (read) => exact(read, spec.truth.code) && exact(read, spec.truth.number) });
    const rows: string[] = [];
    for (const field of ['code', 'number'] as const) {
      const truth = spec.truth[field];
      const n = IDENTIFIER_DIGITS[field];
      const distances = ocr.lines.map((l) => distance(digitsOf(l.text), truth));
      const best = distances.indexOf(Math.min(...distances));
      if (best < 0 || distances[best]! > NEAREST[field]) {
        skipped++;
        appendFileSync(skipLog, `${spec.seed}\t${field}\tbest distance ${distances[best] ?? '-'}\t${best >= 0 ? clean(ocr.lines[best]!.text) : ''}\n`);
        continue;
      }
      const line = ocr.lines[best]!;
      lines++;
      const rect = rectOfBox(line.box);
      const cuts: [string, ReturnType<typeof rereadRect>][] = [
        ['k070', rereadRect(rect, 0.7)],
        ['k085', rereadRect(rect, 0.85)],
        ['k100', rereadRect(rect, 1)],
      ];
      const read = identifierIn(line, n, truth)?.value;
      const span = read ? digitSpan(line, n, read) : undefined;
      const [spanRect] = span ? rereadRects(rect, span, n) : [];
      const whole = cuts[0]![1];
      if (spanRect && (Math.abs(spanRect.w - whole.w) > 0.5 || Math.abs(spanRect.cx - whole.cx) > 0.5 || Math.abs(spanRect.cy - whole.cy) > 0.5)) cuts.push(['span070', spanRect]);
      const readings = values['no-ppocr'] ? cuts.map(() => ({ text: '', confidence: 0, charConfidences: [] })) : await engine.readLines(image, cuts.map(([, r]) => r));
      for (const [k, [cut, r]] of cuts.entries()) {
        const img = cropLine(image, r);
        const file = `${spec.seed}_${field}_${cut}.png`;
        savePng(img, join(out, 'crops', file));
        const reading = readings[k]!;
        const ppocr = identifierIn(reading, n, truth)?.value ?? '';
        rows.push([file, truth, field, spec.seed, sealed(spec.seed) ? 1 : 0, detSide ?? 960, cut, img.width, img.height, clean(line.text), clean(reading.text), reading.confidence.toFixed(4), ppocr].join('\t'));
        crops++;
      }
    }
    if (rows.length) appendFileSync(tsv, `${rows.join('\n')}\n`);
  }
  console.error(`seeds ${s}..${seeds.at(-1)}: pages ${pages} lines ${lines} crops ${crops} skipped ${skipped} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
await engine.release();
console.error(`done: pages ${pages} lines ${lines} crops ${crops} skipped ${skipped} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exit(0);
