import type { WxtBrowser } from 'wxt/browser';
import { recognitionError } from '../recognize/errors';
import { isOwnContext } from '../background/sender';
import { decodeBlob, recognizeBlob, recognizeDecoded } from './browser-engine';
import { rasterizeSvg } from '../image/rasterize-svg';
import { readFileAsDataUrl } from '../util/read-file';
import type { z } from 'zod';
import type { RecognizeOutcome } from '../recognize/contract';
import { imageInbox, type WorkerMessages } from './image-post';
import { type ImageMissingSchema, OffscreenRequestSchema, RasterizeRequestSchema } from './protocol';

/** After this long without work, ask the worker to close the document and free ~0.5 GB. */
export const IDLE_CLOSE_MS = 3 * 60 * 1000;

/**
 * Answers the worker's requests in Chrome's offscreen document: read an invoice (its image posted
 * as a Blob beforehand and decoded on arrival, or a data URL), rasterize an SVG. `messages`: the page's
 * `navigator.serviceWorker`, which the posted images arrive on.
 */
export function serveOffscreenEngine(browser: WxtBrowser, messages: WorkerMessages | undefined = globalThis.navigator?.serviceWorker): void {
  // A posted image is decoded as it arrives: meanwhile the worker still searches it for several invoices.
  const inbox = imageInbox(messages, (image) => {
    const decoding = decodeBlob(image);
    decoding.catch(() => {}); // an image never asked for must not fail loudly; the asker gets the error
    return { decoding };
  });
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
      clearTimeout(idleTimer);
      return fetch(svg.data.dataUrl)
        .then((r) => r.blob())
        .then((blob) => rasterizeSvg(blob, document))
        .then(readFileAsDataUrl)
        .catch(() => null)
        .finally(armIdle);
    }
    const request = OffscreenRequestSchema.safeParse(message);
    if (!request.success) return undefined; // not for this page
    clearTimeout(idleTimer);
    const { requestId, dataUrl } = request.data;
    const progress = (p: unknown) => void browser.runtime.sendMessage({ target: 'ondevice-progress', requestId, progress: p }).catch(() => {});
    const read = async (): Promise<RecognizeOutcome | z.infer<typeof ImageMissingSchema>> => {
      if (dataUrl) return recognizeBlob(await (await fetch(dataUrl)).blob(), progress);
      const posted = await inbox.take(requestId);
      return posted ? recognizeDecoded(posted.decoding, progress) : { imageMissing: true };
    };
    return read()
      .catch((e: unknown) => ({ ok: false as const, error: recognitionError('AIS.0105', `on-device engine: ${e instanceof Error ? e.message : String(e)}`) }))
      .finally(armIdle);
  });
  // From the start, not only after a first reading: the worker opens the document ahead of a reading
  // (offscreen-client `prepare`) that may never come, e.g. an image refused as too large.
  armIdle();
}
