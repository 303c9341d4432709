// Renders sheets of invoices (test/synth/sheet.ts) to JPEGs, plus a small CLI:
//   npx tsx test/synth/sheet-render.ts --seeds 1,2 --out DIR   (writes sheet-N.jpg + sheets.json)
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderInvoices, renderScenes } from './render.js';
import { makeSheetSpec, sheetHtml, type SheetSpec } from './sheet.js';

/** Each sheet's JPEG: its slips rendered clean (PNG), then laid on the desk and shot. */
export async function renderSheets(sheets: SheetSpec[]): Promise<Buffer[]> {
  const slips = sheets.flatMap((s) => s.slips.map((slip) => slip.spec));
  const pngs = (await renderInvoices(slips, { format: 'png' })).map((b) => `data:image/png;base64,${b.toString('base64')}`);
  let at = 0;
  const scenes = sheets.map((s) => {
    const own = pngs.slice(at, at + s.slips.length);
    at += s.slips.length;
    return { html: sheetHtml(s, own), width: s.width, height: s.height, quality: s.quality };
  });
  return renderScenes(scenes);
}

/** What a test or a reader needs of a sheet: its truth in reading order and where each slip lies. */
export function sheetTruth(s: SheetSpec) {
  return { seed: s.seed, width: s.width, height: s.height, invoices: s.slips.map(({ truth, cx, cy, w, h, rotate }) => ({ ...truth, cx, cy, w, h, rotate })) };
}

async function main(argv: string[]): Promise<void> {
  const at = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
  const seeds = (at('seeds') ?? '1').split(',').map(Number);
  if (seeds.some((n) => !Number.isInteger(n))) throw new Error('--seeds must be comma-separated integers');
  const out = resolve(at('out') ?? 'out');
  const specs = seeds.map(makeSheetSpec);
  const images = await renderSheets(specs);
  await mkdir(out, { recursive: true });
  for (const [i, s] of specs.entries()) await writeFile(join(out, `sheet-${s.seed}.jpg`), images[i]!);
  await writeFile(join(out, 'sheets.json'), JSON.stringify(Object.fromEntries(specs.map((s) => [`sheet-${s.seed}.jpg`, sheetTruth(s)])), null, 2) + '\n');
  console.log(`wrote ${specs.length} sheet(s) to ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
