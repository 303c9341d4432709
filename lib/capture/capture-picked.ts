import type { CaptureSource } from '../store/capture-schema';
import type { PickedElement } from './overlay-scripts';
import type { PageAccess } from './resolve-image';
import { resolveClickedImage } from './resolve-image';
import { fetchFromWorker, type MenuClick } from './sources/source';

/**
 * Captures an element found in the page (by the picker overlay or under a right-click): its URL
 * through resolveClickedImage (a canvas's pixels arrive as a data: URL), or, for a canvas tainted
 * by a cross-origin image, a screenshot of its box (top frame only).
 */
export async function capturePicked(click: MenuClick, access: PageAccess, picked: PickedElement, kind: CaptureSource['kind']): Promise<void> {
  const pageUrl = click.info.frameUrl ?? click.info.pageUrl;
  if (picked.url) {
    const url = picked.url;
    await click.service.captureUrl({ kind, imageUrl: url, pageUrl }, () => resolveClickedImage(url, fetchFromWorker, access));
    return;
  }
  const shot = await access.screenshot(picked.rect, picked.devicePixelRatio);
  if (shot) await click.service.captureBlob({ kind, pageUrl }, shot);
}
