import { build } from 'esbuild';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium';
import { median } from './stats';

export interface NormalizeFigures {
  name: string;
  medianMs: number;
  originalBytes: number;
  sentBase64Chars: number;
  outputWidth: number;
  outputHeight: number;
}

/**
 * Times lib/image/normalize in Chromium (OffscreenCanvas, as the extension's worker runs it) on
 * images made in the page: a 6000×4000 JPEG photo and a ~20 MB PNG. The module is bundled for this
 * bench only; nothing in the extension exposes it.
 */
export async function benchNormalize(runs: number): Promise<NormalizeFigures[]> {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, '..', '..', 'lib', 'image', 'normalize.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'qicNormalize',
    write: false,
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return await page.evaluate(async (n) => {
      const lib = (window as unknown as { qicNormalize: typeof import('../../lib/image/normalize') }).qicNormalize;
      // A photo-like image: smooth gradients, paper, text, sensor noise (so JPEG cannot cheat).
      const photo = new OffscreenCanvas(6000, 4000);
      const p = photo.getContext('2d')!;
      const g = p.createLinearGradient(0, 0, 6000, 4000);
      g.addColorStop(0, '#8a6b4a');
      g.addColorStop(1, '#d9c3a0');
      p.fillStyle = g;
      p.fillRect(0, 0, 6000, 4000);
      p.fillStyle = '#f5f3ee';
      p.fillRect(1200, 600, 3600, 2800);
      p.fillStyle = '#1d2b4f';
      p.font = '160px sans-serif';
      for (let y = 1000; y < 3200; y += 300) p.fillText('发票代码 144031500101  No 01234567', 1350, y);
      const noise = p.getImageData(0, 0, 6000, 4000);
      for (let i = 0; i < noise.data.length; i += 4) {
        const d = (Math.random() - 0.5) * 24;
        noise.data[i] += d;
        noise.data[i + 1] += d;
        noise.data[i + 2] += d;
      }
      p.putImageData(noise, 0, 0);
      const jpeg = await photo.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      // A PNG of about 20 MB: a scan saved losslessly at high resolution with noise.
      const scan = new OffscreenCanvas(2900, 2400);
      const s = scan.getContext('2d')!;
      const pixels = s.createImageData(2900, 2400);
      for (let i = 0; i < pixels.data.length; i += 4) {
        const v = 200 + Math.random() * 55;
        pixels.data[i] = v;
        pixels.data[i + 1] = v - Math.random() * 30;
        pixels.data[i + 2] = v - Math.random() * 60;
        pixels.data[i + 3] = 255;
      }
      s.putImageData(pixels, 0, 0);
      const png = await scan.convertToBlob({ type: 'image/png' });
      const out = [];
      for (const [name, blob] of [['jpeg_6000x4000', jpeg], ['png_20mb', png]] as const) {
        const times: number[] = [];
        let last: Blob | undefined;
        for (let i = 0; i < n; i++) {
          const started = performance.now();
          const result = await lib.normalizeImage(blob);
          times.push(performance.now() - started);
          if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
          last = result.image.blob;
        }
        const bitmap = await createImageBitmap(last!);
        out.push({ name, times, originalBytes: blob.size, sentBase64Chars: 4 * Math.ceil(last!.size / 3), outputWidth: bitmap.width, outputHeight: bitmap.height });
      }
      return out;
    }, runs).then((rows) => rows.map(({ times, ...row }) => ({ ...row, medianMs: median(times) })));
  } finally {
    await browser.close();
  }
}
