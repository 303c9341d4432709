/**
 * `npx tsx scripts/make-icons.ts`: draws the extension's icon (a quota invoice with ￥ on a blue
 * tile) as SVG and renders it with Chromium to public/icon/{16,32,48,96,128}.png, which WXT puts
 * into the manifest. Re-run after changing the drawing; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../test/support/chromium';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="#1a73e8"/>
  <path d="M30 22h68v84l-8.5-6-8.5 6-8.5-6-8.5 6-8.5-6-8.5 6-8.5-6-8.5 6z" fill="#fff"/>
  <text x="64" y="78" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="700" font-size="50" fill="#1a73e8">¥</text>
  <rect x="42" y="34" width="44" height="6" rx="3" fill="#d93025"/>
</svg>`;

const browser = await launchChromium({ headless: true });
const page = await browser.newPage();
for (const size of [16, 32, 48, 96, 128]) {
  await page.setViewport({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${SVG.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  writeFileSync(join(import.meta.dirname, '..', 'public', 'icon', `${size}.png`), png);
  console.log(`public/icon/${size}.png`);
}
await browser.close();
