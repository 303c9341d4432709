import type { WxtBrowser } from 'wxt/browser';
import { recognitionError } from '../recognize/errors';
import { isOwnContext } from '../background/sender';
import { recognizeBlob } from './browser-engine';
import { rasterizeSvg } from '../image/rasterize-svg';
import { readFileAsDataUrl } from '../util/read-file';
import { OffscreenRequestSchema, RasterizeRequestSchema } from './protocol';

/** After this long without work, ask the worker to close the document and free ~0.5 GB. */
export const IDLE_CLOSE_MS = 3 * 60 * 1000;

export function serveOffscreenEngine(browser: WxtBrowser): void {
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void browser.runtime.sendMessage({ target: 'ondevice-idle' }).catch(() => {}), IDLE_CLOSE_MS);
  };
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isOwnContext(sender, browser.runtime.id, origin)) return undefined; // only our worker asks
    const svg = RasterizeRequestSchema.safeParse(message);
    if (svg.success) {
      return fetch(svg.data.dataUrl)
        .then((r) => r.blob())
        .then((blob) => rasterizeSvg(blob, document))
        .then(readFileAsDataUrl)
        .catch(() => null);
    }
    const request = OffscreenRequestSchema.safeParse(message);
    if (!request.success) return undefined; // not for this page
    clearTimeout(idleTimer);
    const { requestId, dataUrl } = request.data;
    const progress = (p: unknown) => void browser.runtime.sendMessage({ target: 'ondevice-progress', requestId, progress: p }).catch(() => {});
    return fetch(dataUrl)
      .then((r) => r.blob())
      .then((blob) => recognizeBlob(blob, progress))
      .catch((e: unknown) => ({ ok: false as const, error: recognitionError('AIS.0105', `on-device engine: ${e instanceof Error ? e.message : String(e)}`) }))
      .finally(armIdle);
  });
}
