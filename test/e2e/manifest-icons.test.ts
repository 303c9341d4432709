/**
 * The built manifests, as a store and a browser read them: the icons at every size the stores ask
 * for, the dark-toolbar set Firefox swaps in by itself (theme_icons), and a toolbar title that is a
 * localized message in both languages. Reads the builds `npm test` makes before the e2e project.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';

const OUTPUT = join(import.meta.dirname, '..', '..', '.output');
type Manifest = {
  icons?: Record<string, string>;
  action?: { default_title?: string };
  browser_action?: { default_title?: string; theme_icons?: { light: string; dark: string; size: number }[] };
  default_locale?: string;
};
const manifest = (build: string): Manifest => JSON.parse(readFileSync(join(OUTPUT, build, 'manifest.json'), 'utf8')) as Manifest;
const file = (build: string, path: string) => readFileSync(join(OUTPUT, build, path.replace(/^\//, '')));
const message = (build: string, locale: string, key: string) =>
  (JSON.parse(readFileSync(join(OUTPUT, build, '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>)[key]?.message;

describe.each(['chrome-mv3', 'firefox-mv2'])('%s manifest', (build) => {
  it('names an icon at 16, 32, 48, 96 and 128 px, each a PNG of that size', () => {
    const icons = manifest(build).icons ?? {};
    expect(Object.keys(icons).map(Number).sort((a, b) => a - b)).toEqual([16, 32, 48, 96, 128]);
    for (const [size, path] of Object.entries(icons)) {
      const dims = imageSize(file(build, path));
      expect([dims.type, dims.width, dims.height], path).toEqual(['png', Number(size), Number(size)]);
    }
  });

  it('titles the toolbar button with the extension name in English and Chinese', () => {
    const m = manifest(build);
    const title = (m.action ?? m.browser_action)?.default_title;
    expect(title).toBe('__MSG_extName__');
    expect(message(build, 'en', 'extName')).toMatch(/quota invoice/i);
    expect(message(build, 'zh_CN', 'extName')).toMatch(/定额发票/);
  });
});

describe('dark toolbars', () => {
  it('Firefox gets a light-coloured icon for dark themes (theme_icons `light`) and the usual one for light themes', () => {
    const themeIcons = manifest('firefox-mv2').browser_action?.theme_icons ?? [];
    expect(themeIcons.map((i) => i.size)).toEqual([16, 32]);
    for (const { light, dark, size } of themeIcons) {
      expect(imageSize(file('firefox-mv2', light)).width).toBe(size);
      expect(imageSize(file('firefox-mv2', dark)).width).toBe(size);
      expect(file('firefox-mv2', light).equals(file('firefox-mv2', dark)), `${light} vs ${dark}`).toBe(false);
      // `dark` (shown on light toolbars) is the manifest's own icon.
      expect(dark).toBe(manifest('firefox-mv2').icons?.[String(size)]);
    }
  });

  it('Chrome ships the dark-toolbar set its pages switch to (no manifest key exists there)', () => {
    for (const size of [16, 32, 48, 96, 128]) expect(imageSize(file('chrome-mv3', `icon-dark/${size}.png`)).width).toBe(size);
  });
});
