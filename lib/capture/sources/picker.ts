import { t } from '../../i18n';
import { capturePicked } from '../capture-picked';
import { pickElementInPage } from '../overlay-scripts';
import type { MenuSource } from './source';

/**
 * "Pick an invoice on this page": for invoices that are not plain <img>s (CSS backgrounds,
 * canvases). The overlay is injected into the clicked frame only now; Escape cancels.
 */
export const picker: MenuSource = {
  id: 'pick-quota-invoice',
  titleKey: 'menuPick',
  contexts: ['page', 'frame', 'link', 'selection'],
  async run(click) {
    const access = click.page(click.info.frameId ?? 0);
    if (!access) return;
    const picked = await access.run(pickElementInPage, [{ hint: t('pickHint') }]);
    if (!picked) return; // Escape
    await capturePicked(click, access, picked, 'picker');
  },
};
