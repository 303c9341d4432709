import { t } from '../../i18n';
import { capturePicked } from '../capture-picked';
import { pickElementInPage } from '../overlay-scripts';
import type { MenuSource } from './source';

/**
 * "Pick an invoice on this page": for invoices that are not plain <img>s (CSS backgrounds,
 * canvases). The overlay is injected into the clicked frame only now; Escape cancels.
 * On the toolbar button's own menu: "Recognize quota invoice" on an empty spot opens the same
 * picker, and a second page item would turn the page menu into a submenu (see context-menu.ts).
 */
export const picker: MenuSource = {
  id: 'pick-quota-invoice',
  titleKey: 'menuPick',
  contexts: ['action'],
  async run(click) {
    const access = click.page(click.info.frameId ?? 0);
    if (!access) return;
    const picked = await access.run(pickElementInPage, [{ hint: t('pickHint') }]);
    if (!picked) return; // Escape
    await capturePicked(click, access, picked, 'picker');
  },
};
