import { t } from '../../i18n';
import { selectRegionInPage } from '../overlay-scripts';
import type { MenuSource } from './source';

/**
 * "Select an area": a rectangle dragged over anything on screen (a PDF viewer, a video frame), taken
 * from a screenshot. The overlay covers the whole tab, so it goes into the top frame.
 * On the toolbar button's own menu, so images and pages keep a single item (see context-menu.ts).
 */
export const region: MenuSource = {
  id: 'region-quota-invoice',
  titleKey: 'menuRegion',
  contexts: ['action'],
  async run({ info, page, service, browser }) {
    const access = page(0);
    if (!access) return;
    const selected = await access.run(selectRegionInPage, [{ hint: t('regionHint') }]);
    if (!selected) return; // Escape, or a click without a drag
    const shot = await access.screenshot(selected.rect, selected.devicePixelRatio);
    if (shot) await service.captureBlob({ kind: 'region', pageUrl: info.pageUrl }, shot);
  },
};
