import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../chromium';
import { encodeGif } from './gif';

export const INVOICES_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'invoices');

/** Generated files, by the name they are served under in /img/. */
export const FORMAT_NAMES = ['invoice-4.webp', 'invoice-4.gif', 'invoice-4.svg', 'big.jpg', 'tiny.png', 'invoice-1.thumb.png'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
export type Formats = Record<FormatName, Buffer>;

/**
 * Returns the generated variants, from a cache in os.tmpdir() when possible: making them needs
 * a Chromium launch and an 8000×6000 JPEG encode (seconds), while reading them back takes ms.
 * The key covers the source images and this generator's code, so edits invalidate it.
 */
export async function loadFormats(): Promise<Formats> {
  const inv1 = await readFile(join(INVOICES_DIR, 'invoice-1.png'));
  const inv4 = await readFile(join(INVOICES_DIR, 'invoice-4.png'));
  const code = await Promise.all(['./assets.ts', './gif.ts'].map((f) => readFile(fileURLToPath(new URL(f, import.meta.url)))));
  const hash = createHash('sha256');
  for (const part of [inv1, inv4, ...code]) hash.update(part);
  const dir = join(tmpdir(), `capture-sites-${hash.digest('hex').slice(0, 16)}`);
  try {
    const files = await Promise.all(FORMAT_NAMES.map((n) => readFile(join(dir, n))));
    return Object.fromEntries(FORMAT_NAMES.map((n, i) => [n, files[i]])) as Formats;
  } catch {
    // Cache miss: fall through and generate.
  }
  const formats = await generate(inv1, inv4);
  await mkdir(dir, { recursive: true });
  // Write then rename, so a concurrent or interrupted run never reads a half-written file.
  await Promise.all(
    FORMAT_NAMES.map(async (n) => {
      const tmp = join(dir, `${n}.${process.pid}.tmp`);
      await writeFile(tmp, formats[n]);
      await rename(tmp, join(dir, n));
    }),
  );
  return formats;
}

interface Encoded {
  webp: string;
  rgba: string;
  width: number;
  height: number;
  tiny: string;
  big: string;
}

async function generate(inv1: Buffer, inv4: Buffer): Promise<Formats> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // tsx (esbuild keepNames) wraps named inner functions in __name(), which the page lacks.
    await page.evaluate('globalThis.__name = (f) => f');
    const enc = await page.evaluate(encodeInPage, inv4.toString('base64'));

    // The thumbnail is a real rendering at 240 px (what a mail client shows), not a resample in Node.
    await page.setViewport({ width: 240, height: 400, deviceScaleFactor: 1 });
    await page.setContent(`<body style="margin:0"><img id="i" style="display:block;width:240px" src="data:image/png;base64,${inv1.toString('base64')}"></body>`);
    await page.$eval('#i', (img) => (img as HTMLImageElement).decode());
    const thumb = await (await page.$('#i'))!.screenshot({ type: 'png' });

    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${enc.width}" height="${enc.height}" viewBox="0 0 ${enc.width} ${enc.height}">` +
      `<image width="${enc.width}" height="${enc.height}" href="data:image/png;base64,${inv4.toString('base64')}"/></svg>`;
    return {
      'invoice-4.webp': Buffer.from(enc.webp, 'base64'),
      'invoice-4.gif': encodeGif(enc.width, enc.height, Buffer.from(enc.rgba, 'base64')),
      'invoice-4.svg': Buffer.from(svg),
      'big.jpg': Buffer.from(enc.big, 'base64'),
      'tiny.png': Buffer.from(enc.tiny, 'base64'),
      'invoice-1.thumb.png': Buffer.from(thumb),
    };
  } finally {
    await browser.close();
  }
}

/** Runs inside Chromium: encodes the invoice (base64 PNG) into the variants the canvas can make. */
async function encodeInPage(png: string): Promise<Encoded> {
  const img = new Image();
  img.src = `data:image/png;base64,${png}`;
  await img.decode();
  const base64 = (blob: Blob): Promise<string> =>
    new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(',')[1]);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  const encode = (canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> =>
    new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b && b.type === type ? resolve(b) : reject(new Error(`cannot encode ${type}`))), type, quality),
    );
  const canvas = (w: number, h: number): [HTMLCanvasElement, CanvasRenderingContext2D] => {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    return [c, c.getContext('2d')!];
  };

  const { naturalWidth: width, naturalHeight: height } = img;
  const [full, ctx] = canvas(width, height);
  ctx.drawImage(img, 0, 0);
  const webp = await base64(await encode(full, 'image/webp', 0.9));
  const rgba = await base64(new Blob([ctx.getImageData(0, 0, width, height).data]));

  const [tinyCanvas, tctx] = canvas(10, 10);
  tctx.drawImage(img, 0, 0, 10, 10);
  const tiny = await base64(await encode(tinyCanvas, 'image/png'));

  // "Photo": the invoice enlarged on a light, slightly uneven background, with grain over all of
  // it. The grain is what makes the JPEG realistically heavy (flat areas would compress to ~1 MB).
  const [big, bctx] = canvas(8000, 6000);
  const light = bctx.createLinearGradient(0, 0, 8000, 6000);
  light.addColorStop(0, '#f4f1ea');
  light.addColorStop(1, '#e2ddd2');
  bctx.fillStyle = light;
  bctx.fillRect(0, 0, 8000, 6000);
  const h = 5200;
  const w = Math.round((width * h) / height);
  bctx.imageSmoothingQuality = 'high';
  bctx.drawImage(img, (8000 - w) / 2, (6000 - h) / 2, w, h);
  const [tile, nctx] = canvas(512, 512);
  const noise = nctx.createImageData(512, 512);
  // Seeded LCG instead of Math.random(), so regenerated files are byte-identical.
  let seed = 1;
  for (let i = 0; i < noise.data.length; i += 4) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const v = seed >>> 24;
    noise.data[i] = noise.data[i + 1] = noise.data[i + 2] = v;
    noise.data[i + 3] = 20;
  }
  nctx.putImageData(noise, 0, 0);
  bctx.fillStyle = bctx.createPattern(tile, 'repeat')!;
  bctx.fillRect(0, 0, 8000, 6000);
  const bigJpeg = await base64(await encode(big, 'image/jpeg', 0.8));

  return { webp, rgba, width, height, tiny, big: bigJpeg };
}
