import { hasHostAccess } from '../../platform';
import { resolveClickedImage } from '../resolve-image';
import { fetchFromWorker, type MenuSource } from './source';

/**
 * Right-click an image → "Recognize quota invoice". The capture is stored at once, then its bytes
 * are read from the best source the clicked frame offers (see resolveClickedImage).
 */
export const clickedImage: MenuSource = {
  id: 'recognize-quota-invoice',
  titleKey: 'menuRecognize',
  contexts: ['image'],
  async run({ info, tab, page, service, browser }) {
    const srcUrl = info.srcUrl;
    if (!srcUrl) return;
    const access = page(info.frameId ?? 0);
    await service.captureUrl(
      { kind: 'context-menu', imageUrl: srcUrl, pageUrl: info.frameUrl ?? info.pageUrl ?? tab?.url },
      () => resolveClickedImage(srcUrl, fetchFromWorker, access, (url) => hasHostAccess(browser, url)),
    );
  },
};
