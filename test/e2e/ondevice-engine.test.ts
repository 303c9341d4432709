/**
 * The on-device engine itself (Node build of onnxruntime-web, real models, real pixels): the
 * fixture invoices upright, tilted and upside down, and photos generated at test time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rotate, rotate90, rotate180, type RgbaImage } from '../../lib/ondevice/image';
import { readQuotaInvoice } from '../../lib/ondevice/read-invoice';
import type { OcrEngine } from '../../lib/ondevice/engine';
import { decodeImage, nodeEngine } from '../support/ondevice-node';
import { renderInvoices, renderScenes } from '../synth/render';
import { type InvoiceSpec, makeInvoiceSpec, turnPhoto } from '../synth/spec';
import { REVIEW_THRESHOLD } from '../../lib/invoice/review';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'invoices');
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Record<string, Record<string, string>>;
const fields = (r: Record<string, unknown>) => ({ number: r.number, code: r.code, location: r.location, amount: r.amount });

let engine: OcrEngine;
beforeAll(async () => {
  engine = await nodeEngine();
});

/**
 * Generated photos of `specs`, rendered in the describe block's beforeAll. Returns a function that
 * reads the photo of a seed: the engine's outcome, with that invoice's fields' truth.
 */
function renderedPhotos(specs: () => InvoiceSpec[]) {
  let samples: { spec: InvoiceSpec; image: Uint8Array }[] = [];
  beforeAll(async () => {
    const list = specs();
    const images = await renderInvoices(list, { format: 'jpeg', photo: true });
    samples = list.map((spec, i) => ({ spec, image: new Uint8Array(images[i]!) }));
  });
  return async (seed: number) => {
    const { spec, image } = samples.find((s) => s.spec.seed === seed)!;
    const outcome = await readQuotaInvoice(engine, decodeImage(image)!);
    return { outcome, truth: { ...spec.truth } as Record<string, string>, sealOverCode: spec.variants?.sealOverCode != null };
  };
}

const turns: [string, (img: RgbaImage) => RgbaImage][] = [
  ['upright', (img) => img],
  ['tilted +8°', (img) => rotate(img, 8)],
  ['tilted −9°', (img) => rotate(img, -9)],
  ['upside down', rotate180],
  // Scans and screenshots lying on their side, without EXIF to say so.
  ['turned 90°', (img) => rotate90(img, true)],
  ['turned 270° and tilted +5°', (img) => rotate(rotate90(img, false), 5)],
];

describe('fixture invoices', () => {
  it.each(Object.keys(truth).flatMap((file) => turns.map(([name, turn]) => [file, name, turn] as const)))('%s %s', async (file, _name, turn) => {
    const outcome = await readQuotaInvoice(engine, turn(decodeImage(readFileSync(join(DIR, file)))!));
    expect(outcome.ok && fields(outcome.result)).toEqual(truth[file]);
  });

  it('a blank page is not a quota invoice (AIS.0104)', async () => {
    const blank: RgbaImage = { width: 400, height: 300, data: new Uint8ClampedArray(400 * 300 * 4).fill(255) };
    expect(await readQuotaInvoice(engine, blank)).toMatchObject({ ok: false, error: { code: 'AIS.0104' } });
  });
});

describe('generated photos (desk, perspective, blur, noise, JPEG), rendered now', () => {
  // Seeds chosen across the tiers: scans, moderate photos, a hard one, an upside-down one.
  const seeds = [3, 5, 10, 57, 76];
  const readSeed = renderedPhotos(() => seeds.map((seed) => makeInvoiceSpec(seed, { photo: true })));

  it.each(seeds)('seed %i', async (seed) => {
    const sample = await readSeed(seed);
    const { outcome } = sample;
    expect(outcome.ok).toBe(true);
    const read = (outcome.ok ? fields(outcome.result) : {}) as Partial<Record<string, unknown>>;
    if (!sample.sealOverCode) return expect(read).toEqual(sample.truth);
    // A red seal stamped over the code line (seeds 5 and 57): the code may be unreadable — then it
    // is missing and the capture is to review — but it is never read wrong, and the rest is right.
    // (How often it is read: `npm run bench:accuracy`; the known limit is in the README.)
    const { code, ...rest } = sample.truth;
    expect(read.code === undefined || read.code === code, `code read as ${read.code}`).toBe(true);
    expect({ ...read, code: undefined }).toEqual({ ...rest, code: undefined });
  });
});

describe('a red seal whose words are stamped across the code digits (generator kind seal-over-code)', () => {
  // Held-out seeds 100034 and 100039 (in their own draw) lost their code this way before issue 10:
  // detection split the code around the seal's words, and the red left on the digits hid the rest.
  // Now the page is read again through a red filter, which detects and reads the code line whole.
  // TODO(2026-11-30): the kind's own placements for seeds 100034 and 100039 still lose the code
  // (100034) or the number (100039), missing, never wrong: add them here once they read.
  const seeds = [7];
  const readSeed = renderedPhotos(() => seeds.map((seed) => makeInvoiceSpec(seed, { photo: true, variants: 'seal-over-code' })));

  it.each(seeds)('seed %i: all four fields right, the code included', async (seed) => {
    const sample = await readSeed(seed);
    const { outcome } = sample;
    expect(outcome.ok && fields(outcome.result)).toEqual(sample.truth);
  });
});

describe('turned photos whose digits a single reading gets wrong: read right, or marked for review', () => {
  // Held-out seeds: 100004 turned 270° (the small pass read the code's 2 as 3) and 100012 turned 180°
  // (its number's 8 as 0) must read right; 100035 turned 90° is a blurred code whose 6 every reading
  // takes for a 5 inside a confident line (0.936): it may stay wrong, but only marked for review.
  const cases = [
    [100004, 270],
    [100012, 180],
    [100035, 90],
  ] as const;
  const readSeed = renderedPhotos(() => cases.map(([seed, turn]) => turnPhoto(makeInvoiceSpec(seed, { photo: true }), turn)));

  it.each(cases)('seed %i turned %i°', async (seed) => {
    const sample = await readSeed(seed);
    const { outcome } = sample;
    expect(outcome.ok).toBe(true);
    const result = outcome.ok ? outcome.result : {};
    for (const field of ['code', 'number'] as const) {
      const marked = (result.confidence?.[field] ?? 0) < REVIEW_THRESHOLD;
      expect(result[field] === sample.truth[field] || marked, `${field} read as ${result[field]} at ${result.confidence?.[field]}`).toBe(true);
    }
    if (seed !== 100035) expect(fields(result)).toEqual(sample.truth);
  });
});

describe('codes the seal cost digits in every full-size reading: found all the same, marked for review', () => {
  // Fresh seeds (bench:accuracy --first-seed 600000): 600028's small pass read the code right but
  // weakly, the full-size and seal-free readings lost digits (confirm-fields pooledReading);
  // 600034's seal-free reading lost a 1 of 111 and read a 0 as a, 600069's (upright, printed upside
  // down in the photo) fused 15 into one glyph (readMissingCode, NEAR_MISS_STRETCH).
  const seeds = [600028, 600034, 600069];
  const readSeed = renderedPhotos(() => seeds.map((seed) => makeInvoiceSpec(seed, { photo: true })));

  it.each(seeds)('seed %i', async (seed) => {
    const sample = await readSeed(seed);
    const { outcome } = sample;
    expect(outcome.ok && fields(outcome.result)).toEqual(sample.truth);
    expect(outcome.ok && outcome.result.confidence?.code).toBeLessThan(REVIEW_THRESHOLD);
  });
});

describe('an amount in doubt is read again without the seal', () => {
  // Fresh seed 1000069 turned 180°: the seal over 伍元 made it 1元, beside the printed ￥5.00 (once
  // shown as ￥1.00, settled); the seal-free reading reads 伍元, agreeing with the figures.
  const readSeed = renderedPhotos(() => [turnPhoto(makeInvoiceSpec(1000069, { photo: true }), 180)]);

  it('seed 1000069 turned 180°: ￥5.00, settled', async () => {
    const { outcome, truth } = await readSeed(1000069);
    expect(outcome.ok && fields(outcome.result)).toEqual(truth);
    expect(outcome.ok && outcome.result.confidence?.amount).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
  });
});

describe('text that only looks like fields is no invoice', () => {
  // A new user's screenshot of meeting notes: a 12-digit and an 8-digit run, an amount and a city,
  // none of an invoice's printed words. It was read as an invoice (for review, but counted in the
  // totals); now it is refused as not a quota invoice.
  it('a screenshot of notes with a code-like and a number-like run is refused (AIS.0104, unknown)', async () => {
    const html = `<body style="margin:0;background:#fff"><div id="photo" style="font:28px sans-serif;padding:30px"><p>Meeting notes</p><p>code: 144031021652</p><p>num: 02290604</p><p>budget ￥12,345.00</p><p>深圳市</p></div></body>`;
    const [jpeg] = await renderScenes([{ html, width: 640, height: 420, quality: 90 }]);
    const outcome = await readQuotaInvoice(engine, decodeImage(new Uint8Array(jpeg!))!);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'AIS.0104', documentKind: 'unknown' } });
  });
});
