import { t } from '../../i18n';
import { capturePicked } from '../capture-picked';
import { pickElementInPage } from '../overlay-scripts';
import { pickedAtContextClick } from '../page-scripts';
import type { MenuSource } from './source';

/**
 * "Recognize quota invoice" where the menu has no image context: an <img> under a transparent
 * overlay, a CSS background. Not a <canvas> in Chromium: it is media there, so `page` items do not
 * show on it, and only `all` would (RenderViewContextMenu::ExtensionContextAndPatternMatch;
 * measured on Chromium 156, test/e2e/fresh-install-clicks.test.ts); the toolbar menu's picker
 * reads a canvas. (Firefox counts a canvas as `page`.)
 * The element under the right-click comes from the context-click recorder; when nothing is there,
 * or the recorder is missing (a tab opened before install), the picker overlay lets the user point.
 * Only `page`: Chrome adds `frame` to every right-click inside an iframe, images included, so a
 * `frame` item would sit beside the image item and push both into a submenu (see context-menu.ts).
 */
export const clickedElement: MenuSource = {
  id: 'recognize-quota-invoice-element',
  titleKey: 'menuRecognize',
  contexts: ['page'],
  async run(click) {
    const access = click.page(click.info.frameId ?? 0);
    if (!access) return;
    const found = await access.run(pickedAtContextClick, []);
    if (found === undefined) return; // a page we may not script
    if (found && found !== 'no-recorder') return capturePicked(click, access, found, 'context-menu');
    const picked = await access.run(pickElementInPage, [{ hint: t('pickHint') }]);
    if (picked) await capturePicked(click, access, picked, 'picker');
  },
};
