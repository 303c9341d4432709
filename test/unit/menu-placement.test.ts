import type { WxtBrowser } from 'wxt/browser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInsertMenu } from '@/lib/autofill/insert-menu';
import { createContextMenu } from '@/lib/capture/context-menu';
import { useUiLanguage } from '@/lib/i18n';

beforeAll(() => useUiLanguage('en'));

interface Item {
  id: string;
  parentId?: string;
  contexts: string[];
}

/** The items the extension creates, as a browser of this manifest version receives them. */
async function menuItems(manifestVersion: 2 | 3): Promise<Item[]> {
  const items: Item[] = [];
  const browser = {
    contextMenus: { removeAll: async () => {}, create: (item: Item) => void items.push(item) },
    runtime: { getManifest: () => ({ manifest_version: manifestVersion }) },
  } as unknown as WxtBrowser;
  await createContextMenu(browser);
  createInsertMenu(browser);
  return items;
}

interface Click {
  image?: boolean;
  /** A <canvas>: media in Chromium (no context of its own), so `page` does not match it. */
  canvas?: boolean;
  link?: boolean;
  selection?: boolean;
  editable?: boolean;
  inFrame?: boolean;
  toolbar?: boolean;
}

/**
 * Chromium's rule for which items a right-click shows (RenderViewContextMenu::
 * ExtensionContextAndPatternMatch): `frame` matches anywhere inside an iframe, images included;
 * `page` only where no link, selection, text field or media (an image, a canvas) is under the click.
 */
function matches(contexts: string[], click: Click): boolean {
  if (click.toolbar) return contexts.includes('action');
  const has = (c: string) => contexts.includes(c);
  if (has('all') || (click.selection && has('selection')) || (click.editable && has('editable')) || (click.inFrame && has('frame'))) return true;
  if ((click.link && has('link')) || (click.image && has('image'))) return true;
  return has('page') && !click.link && !click.selection && !click.editable && !click.image && !click.canvas;
}

const CLICKS: [string, Click][] = [
  ['an image', { image: true }],
  ['a thumbnail inside a link (web mail)', { image: true, link: true }],
  ['an image in an iframe (a mail body)', { image: true, inFrame: true }],
  ['a linked image in an iframe', { image: true, link: true, inFrame: true }],
  ['an empty spot or a CSS background', {}],
  ['a CSS background in an iframe', { inFrame: true }],
  ['a canvas (Chromium: no item of ours; the toolbar menu\'s picker reads it)', { canvas: true }],
  ['a link', { link: true }],
  ['selected text', { selection: true }],
  ['a text field', { editable: true }],
  ['a text field in an iframe', { editable: true, inFrame: true }],
];

describe('the context menu: one item of ours per right-click, so the browser never folds them into a submenu', () => {
  it.each(CLICKS)('on %s', async (_name, click) => {
    const topLevel = (await menuItems(3)).filter((i) => !i.parentId && matches(i.contexts, click));
    expect(topLevel.length).toBeLessThanOrEqual(1);
    if (click.image) expect(topLevel.map((i) => i.id)).toEqual(['recognize-quota-invoice']);
    if (!click.image && !click.canvas && !click.link && !click.selection && !click.editable) expect(topLevel.map((i) => i.id)).toEqual(['recognize-quota-invoice-element']);
  });

  it('the picker and the area selection stay reachable on the toolbar button’s own menu', async () => {
    expect((await menuItems(3)).filter((i) => matches(i.contexts, { toolbar: true })).map((i) => i.id)).toEqual(['pick-quota-invoice', 'region-quota-invoice']);
  });

  it('Firefox’s MV2 build names that menu browser_action (it rejects action)', async () => {
    const toolbar = (await menuItems(2)).filter((i) => i.contexts.includes('browser_action'));
    expect(toolbar.map((i) => i.id)).toEqual(['pick-quota-invoice', 'region-quota-invoice']);
    expect((await menuItems(2)).some((i) => i.contexts.includes('action'))).toBe(false);
  });
});
