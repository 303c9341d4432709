// Render invoice specs to image buffers with one headless Chromium, plus a small CLI:
//   npx tsx render.ts --seeds 1,2,3 --out DIR [--format png|jpeg] [--quality 85] [--photo]
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { launchChromium } from '../support/chromium.js';
import type { OtherSpec } from './other-kinds.js';
import { otherHtml, otherPhotoHtml } from './other-template.js';
import { makeInvoiceSpec, makePhotoConditions, withPhoto, type InvoiceSpec, type PhotoConditions, type Truth } from './spec.js';
import { invoiceHtml, photoHtml } from './template.js';

export interface RenderOptions {
  format: 'png' | 'jpeg';
  quality?: number;  // JPEG quality; for photos it overrides the spec's own
  photo?: boolean;   // render the seeded capture conditions (spec.photo, else derived from the seed)
}

type Rect = { left: number; top: number; right: number; bottom: number };

/** Loads HTML, waits for fonts, and returns the viewport rects of the given selectors. */
async function load(page: Page, html: string, selectors: string[]): Promise<Rect[]> {
  await page.setContent(html, { waitUntil: 'load' });
  // Without fonts.ready the first screenshot can race the CJK font load and show fallback glyphs.
  return page.evaluate(async (sels) => {
    await document.fonts.ready;
    return sels.map((sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      if (!r) throw new Error(`${sel} not rendered`);
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
  }, selectors);
}

/** What the renderer needs of a document: its size, and its markup clean or photographed. */
interface Renderable {
  seed: number;
  width: number;
  height: number;
  clean: () => string;
  photographed: () => { html: string; photo: PhotoConditions };
}

const invoiceRenderable = (spec: InvoiceSpec): Renderable => ({
  ...spec,
  clean: () => invoiceHtml(spec),
  photographed: () => {
    const ps = withPhoto(spec);
    return { html: photoHtml(ps), photo: ps.photo };
  },
});

const otherRenderable = (spec: OtherSpec): Renderable => ({
  ...spec,
  clean: () => otherHtml(spec),
  photographed: () => {
    const photo = spec.photo ?? makePhotoConditions(spec.seed, spec);
    return { html: otherPhotoHtml({ ...spec, photo }), photo };
  },
});

async function renderOne(page: Page, doc: Renderable, opts: RenderOptions): Promise<Uint8Array> {
  const jpeg = (q: number) => (opts.format === 'jpeg' ? { quality: opts.quality ?? q } : {});
  if (!opts.photo) {
    await page.setViewport({ width: doc.width, height: doc.height, deviceScaleFactor: 1 });
    await load(page, doc.clean(), ['#invoice']);
    const el = await page.$('#invoice');
    if (!el) throw new Error(`seed ${doc.seed}: #invoice not rendered`);
    return el.screenshot({ type: opts.format, ...jpeg(85) });
  }
  const { html, photo } = doc.photographed();
  const { width, height, quality } = photo;
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  const [frame, slip] = await load(page, html, ['#photo', '#invoice']);
  // Guard the benchmark's premise: the whole slip (code, number, amount, title) is in frame.
  if (!frame || !slip || slip.left < frame.left || slip.top < frame.top
    || slip.right > frame.right || slip.bottom > frame.bottom) {
    throw new Error(`seed ${doc.seed}: slip leaves the photo frame ${JSON.stringify({ frame, slip })}`);
  }
  // The frame is the viewport, so a clipped page shot equals the element shot minus its round-trips.
  return page.screenshot({ type: opts.format, clip: { x: 0, y: 0, width, height }, ...jpeg(quality) });
}

/** A tab that may load only the inline HTML: any non-data request is a bug, so it is blocked. */
async function sealedPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url === 'about:blank') void req.continue();
    else void req.abort();
  });
  return page;
}

export function renderInvoices(specs: InvoiceSpec[], opts: RenderOptions): Promise<Buffer[]> {
  return renderAll(specs.map(invoiceRenderable), opts);
}

/** The other kinds of paper (negatives), with the same capture conditions as the invoices. */
export function renderOthers(specs: OtherSpec[], opts: RenderOptions): Promise<Buffer[]> {
  return renderAll(specs.map(otherRenderable), opts);
}

async function renderAll(docs: Renderable[], opts: RenderOptions): Promise<Buffer[]> {
  return inOneTab(async (page) => {
    const out: Buffer[] = [];
    for (const doc of docs) out.push(Buffer.from(await renderOne(page, doc, opts)));
    return out;
  });
}

/** A scene already composed: full-page HTML of `width` × `height` px, shot as a JPEG. */
export interface Scene { html: string; width: number; height: number; quality: number }

/** Shoots composed scenes (e.g. sheets of several invoices, test/synth/sheet.ts) as JPEGs. */
export function renderScenes(scenes: Scene[]): Promise<Buffer[]> {
  return inOneTab(async (page) => {
    const out: Buffer[] = [];
    for (const { html, width, height, quality } of scenes) {
      await page.setViewport({ width, height, deviceScaleFactor: 1 });
      await load(page, html, ['#photo']);
      out.push(Buffer.from(await page.screenshot({ type: 'jpeg', quality, clip: { x: 0, y: 0, width, height } })));
    }
    return out;
  });
}

async function inOneTab<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    // One tab, sequentially: concurrent captureScreenshot calls in one headless browser can hang
    // (puppeteer issue #12712), and the capture itself is most of the cost anyway.
    return await work(await sealedPage(browser));
  } finally {
    await browser.close();
  }
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const seeds = (arg(argv, 'seeds') ?? '1,2,3,4').split(',').map((x) => Number(x.trim()));
  if (seeds.some((n) => !Number.isInteger(n))) throw new Error('--seeds must be comma-separated integers');
  const outDir = resolve(arg(argv, 'out') ?? 'out');
  const photo = argv.includes('--photo');
  const format = (arg(argv, 'format') ?? (photo ? 'jpeg' : 'png')) as RenderOptions['format'];
  if (format !== 'png' && format !== 'jpeg') throw new Error('--format must be png or jpeg');
  const quality = arg(argv, 'quality') ? Number(arg(argv, 'quality')) : undefined;

  const specs = seeds.map((seed) => makeInvoiceSpec(seed, { photo }));
  const started = performance.now();
  const images = await renderInvoices(specs, { format, quality, photo });
  const seconds = (performance.now() - started) / 1000;
  await mkdir(outDir, { recursive: true });
  const truth: Record<string, Truth> = {};
  const conditions: Record<string, InvoiceSpec['photo']> = {};
  for (const [i, spec] of specs.entries()) {
    const file = `${photo ? 'photo' : 'invoice'}-${spec.seed}.${format === 'jpeg' ? 'jpg' : 'png'}`;
    await writeFile(join(outDir, file), images[i]!);
    truth[file] = spec.truth;
    conditions[file] = spec.photo;
  }
  await writeFile(join(outDir, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  // Separate file, so truth.json keeps the shape the emulator and benchmark already read.
  if (photo) await writeFile(join(outDir, 'conditions.json'), JSON.stringify(conditions, null, 2) + '\n');
  console.log(`wrote ${specs.length} ${photo ? 'photo' : 'invoice'}(s) + truth.json to ${outDir} in ${seconds.toFixed(1)} s`);
}

// Run the CLI only when executed directly, so tests can import renderInvoices without side effects.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
