// Render invoice specs to image buffers with one headless Chromium, plus a small CLI:
//   npx tsx render.ts --seeds 1,2,3 --out DIR [--format png|jpeg] [--quality 85]
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.js';
import { makeInvoiceSpec, type InvoiceSpec, type Truth } from './spec.js';
import { invoiceHtml } from './template.js';

export interface RenderOptions { format: 'png' | 'jpeg'; quality?: number }

export async function renderInvoices(specs: InvoiceSpec[], opts: RenderOptions): Promise<Buffer[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // Belt and braces: the HTML is self-contained, so any non-data request is a bug; block it.
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('data:') || url === 'about:blank') void req.continue();
      else void req.abort();
    });
    const out: Buffer[] = [];
    for (const spec of specs) {
      await page.setViewport({ width: spec.width, height: spec.height, deviceScaleFactor: 1 });
      await page.setContent(invoiceHtml(spec), { waitUntil: 'load' });
      // Without this, the first screenshot can race the CJK font load and show fallback glyphs.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const el = await page.$('#invoice');
      if (!el) throw new Error(`seed ${spec.seed}: #invoice not rendered`);
      const shot = await el.screenshot({
        type: opts.format,
        ...(opts.format === 'jpeg' ? { quality: opts.quality ?? 85 } : {}),
      });
      out.push(Buffer.from(shot));
    }
    return out;
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
  const format = (arg(argv, 'format') ?? 'png') as RenderOptions['format'];
  if (format !== 'png' && format !== 'jpeg') throw new Error('--format must be png or jpeg');
  const quality = arg(argv, 'quality') ? Number(arg(argv, 'quality')) : undefined;

  const specs = seeds.map(makeInvoiceSpec);
  const images = await renderInvoices(specs, { format, quality });
  await mkdir(outDir, { recursive: true });
  const truth: Record<string, Truth> = {};
  for (const [i, spec] of specs.entries()) {
    const file = `invoice-${spec.seed}.${format === 'jpeg' ? 'jpg' : 'png'}`;
    await writeFile(join(outDir, file), images[i]!);
    truth[file] = spec.truth;
  }
  await writeFile(join(outDir, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  console.log(`wrote ${specs.length} invoice(s) + truth.json to ${outDir}`);
}

// Run the CLI only when executed directly, so tests can import renderInvoices without side effects.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
