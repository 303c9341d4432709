/**
 * `npx tsx scripts/make-icons.ts`: draws the extension's icon (a quota invoice with ￥ on a blue
 * tile) as SVG and renders it with Chromium, in two sets the manifest names:
 * - public/icon/{16,32,48,96,128}.png — for light toolbars (and the store, the extensions page);
 *   WXT puts them into the manifest's `icons` and the toolbar button's `default_icon`.
 * - public/icon-dark/{16,32,48,96,128}.png — for dark toolbars: a light tile with a dark paper, so
 *   the button does not sink into a dark theme. Firefox picks it by `theme_icons` (wxt.config.ts);
 *   Chrome has no manifest key for it, so extension pages switch it (lib/ui/toolbar-icon.ts).
 * Re-run after changing the drawing; the PNGs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../test/support/chromium';
import { TOOLBAR_ICON_SIZES } from '../lib/ui/toolbar-icon-paths';

interface Palette {
  tile: string;
  paper: string;
  mark: string;
  bar: string;
}

/** Light toolbar: Google blue tile, white paper. Dark toolbar: the dark-theme blue (#8ab4f8) tile, near-black paper. */
const PALETTES: Record<'light' | 'dark', Palette> = {
  light: { tile: '#1a73e8', paper: '#ffffff', mark: '#1a73e8', bar: '#d93025' },
  dark: { tile: '#8ab4f8', paper: '#202124', mark: '#8ab4f8', bar: '#f28b82' },
};

function svg(p: Palette): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="${p.tile}"/>
  <path d="M30 22h68v84l-8.5-6-8.5 6-8.5-6-8.5 6-8.5-6-8.5 6-8.5-6-8.5 6z" fill="${p.paper}"/>
  <text x="64" y="78" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="700" font-size="50" fill="${p.mark}">¥</text>
  <rect x="42" y="34" width="44" height="6" rx="3" fill="${p.bar}"/>
</svg>`;
}

const root = join(import.meta.dirname, '..', 'public');
const browser = await launchChromium({ headless: true });
const page = await browser.newPage();
for (const [scheme, folder] of [['light', 'icon'], ['dark', 'icon-dark']] as const) {
  mkdirSync(join(root, folder), { recursive: true });
  for (const size of TOOLBAR_ICON_SIZES) {
    await page.setViewport({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(PALETTES[scheme]).replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(join(root, folder, `${size}.png`), png);
    console.log(`public/${folder}/${size}.png`);
  }
}
await browser.close();
