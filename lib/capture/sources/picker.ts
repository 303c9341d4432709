import { pickElementInPage } from '../overlay-scripts';
import { resolveClickedImage } from '../resolve-image';
import { fetchFromWorker, type MenuSource } from './source';

/**
 * "Pick an invoice on this page": for invoices that are not plain <img>s (CSS backgrounds,
 * canvases). The overlay is injected into the clicked frame only now; Escape cancels.
 */
export const picker: MenuSource = {
  id: 'pick-quota-invoice',
  titleKey: 'menuPick',
  contexts: ['page', 'frame', 'link', 'selection'],
  async run({ info, page, service, browser }) {
    const access = page(info.frameId ?? 0);
    if (!access) return;
    const picked = await access.run(pickElementInPage, [{ hint: browser.i18n.getMessage('pickHint') }]);
    if (!picked) return; // Escape
    const pageUrl = info.frameUrl ?? info.pageUrl;
    if (picked.url) {
      const url = picked.url;
      await service.captureUrl({ kind: 'picker', imageUrl: url, pageUrl }, () => resolveClickedImage(url, fetchFromWorker, access));
      return;
    }
    // A canvas tainted by a cross-origin image: its pixels are only reachable on screen.
    const shot = await access.screenshot(picked.rect, picked.devicePixelRatio);
    if (shot) await service.captureBlob({ kind: 'picker', pageUrl }, shot);
  },
};
