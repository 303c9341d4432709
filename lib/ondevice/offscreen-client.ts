import type { Browser, WxtBrowser } from 'wxt/browser';
import type { RecognizeOutcome } from '../recognize/contract';
import { recognitionError } from '../recognize/errors';
import { isOwnContext } from '../background/sender';
import { bytesToBase64 } from '../image/base64';
import type { Progress } from '../store/capture-schema';
import { postImage, type WorkerClients, workerClients } from './image-post';
import { ImageMissingSchema, OffscreenIdleSchema, OffscreenProgressSchema, OutcomeSchema } from './protocol';

const DOCUMENT = 'offscreen.html';

/**
 * Chrome: the worker has no DOM and cannot run WASM threads, so the on-device engine lives in an
 * offscreen document (one at a time; created on first use, closed when idle). `clients`: the
 * worker's, through which the image is posted to the document as a Blob (image-post.ts).
 */
export function offscreenClient(browser: WxtBrowser, clients: WorkerClients | undefined = workerClients()) {
  const listeners = new Map<string, (p: Progress) => void>();
  /** Settles once the document exists; shared by concurrent callers, forgotten when it is closed. */
  let ready: Promise<void> | undefined;
  let busy = 0;

  const origin = browser.runtime.getURL('/');
  const documentUrl = browser.runtime.getURL(`/${DOCUMENT}` as '/');
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isOwnContext(sender, browser.runtime.id, origin)) return undefined; // only our offscreen document reports
    const progress = OffscreenProgressSchema.safeParse(message);
    if (progress.success) listeners.get(progress.data.requestId)?.(progress.data.progress);
    if (OffscreenIdleSchema.safeParse(message).success && busy === 0) {
      ready = undefined;
      void browser.offscreen.closeDocument().catch(() => {});
    }
    return undefined;
  });

  /**
   * One check-and-create for all callers: with a check per caller, one that looked before another's
   * document appeared would create a second one, which Chrome refuses.
   */
  function ensureDocument(): Promise<void> {
    ready ??= (async () => {
      const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType], documentUrls: [documentUrl] });
      if (existing.length === 0) {
        await browser.offscreen.createDocument({ url: DOCUMENT, reasons: ['WORKERS' as Browser.offscreen.Reason], justification: 'Runs the on-device OCR models (WebAssembly threads)' });
      }
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  }

  /**
   * Sends to the document; "no receiving end" means its script is not listening yet (just created)
   * or the document is gone (closed by the browser): wait a moment, re-check it exists, send again.
   */
  async function send(message: () => object | Promise<object>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      await ensureDocument();
      try {
        return await browser.runtime.sendMessage(await message());
      } catch (error) {
        if (attempt >= 20 || !/Receiving end does not exist/i.test(String(error))) throw error;
        ready = undefined;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Images posted ahead of their reading (`prepare`), with the request id they were posted under. */
  const prepared = new WeakMap<Blob, Promise<string | undefined>>();

  const toDataUrl = async (blob: Blob) => `data:${blob.type || 'application/octet-stream'};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;

  return {
    async recognize(image: Blob, progress: (p: Progress) => void): Promise<RecognizeOutcome> {
      busy += 1;
      const early = await prepared.get(image);
      prepared.delete(image);
      const requestId = early ?? crypto.randomUUID();
      listeners.set(requestId, progress);
      try {
        const withDataUrl = async () => ({ target: 'ondevice-engine', requestId, dataUrl: await toDataUrl(image) });
        // The first try uses the image posted ahead, if it was; each further try posts it again: a
        // document created since then never got it.
        let postedAhead = early !== undefined;
        const request = async () => {
          const posted = postedAhead || (await postImage(clients, documentUrl, requestId, image));
          postedAhead = false;
          return posted ? { target: 'ondevice-engine', requestId } : withDataUrl();
        };
        let answer = await send(request);
        if (ImageMissingSchema.safeParse(answer).success) answer = await send(withDataUrl);
        const outcome = OutcomeSchema.safeParse(answer);
        return outcome.success ? outcome.data : { ok: false, error: recognitionError('AIS.0105', 'the on-device engine gave no answer') };
      } finally {
        listeners.delete(requestId);
        busy -= 1;
      }
    },
    /**
     * Posts `image` to the document ahead of its reading, which decodes it as it arrives, while
     * the worker still searches it for several invoices (~70 ms a capture, issue 10's profile).
     * `recognize` with the same Blob then sends only the request. Nothing is lost if it is never
     * read (the document drops it, UNCLAIMED_MS) or cannot be posted (`recognize` sends it then).
     * It opens the document when none is open; one opened for a reading that never comes (the image
     * refused) closes itself like any idle one (offscreen-host IDLE_CLOSE_MS).
     */
    prepare(image: Blob): void {
      if (!clients || prepared.has(image)) return;
      const requestId = crypto.randomUUID();
      const posting = ensureDocument()
        .then(() => postImage(clients, documentUrl, requestId, image))
        .then((posted) => (posted ? requestId : undefined), () => undefined);
      prepared.set(image, posting);
    },
    /** SVG → PNG in the offscreen document (service workers cannot decode SVG). */
    async rasterizeSvg(svg: Blob): Promise<Blob> {
      const answer = await send(async () => ({ target: 'rasterize-svg', dataUrl: await toDataUrl(svg) }));
      if (typeof answer !== 'string' || !answer.startsWith('data:image/png')) throw new Error('the SVG could not be rasterized');
      return (await fetch(answer)).blob();
    },
  };
}
