// The image's way from Chrome's service worker to the offscreen document that reads it. Runtime
// messages are JSON, so bytes there travel as a base64 data URL (a 2 MB photo: encode, a 2.7 MB
// message, decode back; ~88 ms a capture in issue 10's profile). The offscreen document is also
// one of the worker's clients, and Client.postMessage takes a Blob as it is (structured clone,
// ~9 ms). The request itself stays a runtime message (its answer, its retries); only the bytes
// go this way, and the data URL remains the fallback whenever this way is not there.
import { z } from 'zod';

/** A worker client as far as this module needs one (ServiceWorkerGlobalScope's Client). */
export interface DocumentClient {
  url: string;
  postMessage(message: unknown): void;
}

/** The part of the service worker's `clients` used here; undefined outside a service worker. */
export interface WorkerClients {
  matchAll(options: { includeUncontrolled: boolean; type: 'all' }): Promise<readonly DocumentClient[]>;
}

/** The image of request `requestId`, posted ahead of the runtime message that asks to read it. */
export const ImagePostSchema = z.object({ target: z.literal('ondevice-image'), requestId: z.string(), image: z.instanceof(Blob) });

/** How long the document waits for a posted image once asked for it (ms): a post is in a few ms. */
export const IMAGE_WAIT_MS = 5000;

/**
 * How long an image posted but never asked for is kept (ms). The worker posts it before it knows
 * it will ask (a photo of several invoices is cut instead, a converted image is posted anew), and
 * asks within a second when it does; a later ask finds it gone and is answered imageMissing.
 */
export const UNCLAIMED_MS = 10_000;

/** The service worker's `clients`, when this code runs in one (Chrome's background). */
export function workerClients(): WorkerClients | undefined {
  const clients = (globalThis as { clients?: Partial<WorkerClients> }).clients;
  return typeof clients?.matchAll === 'function' ? (clients as WorkerClients) : undefined;
}

/**
 * Worker side: posts `image` to the client whose URL is `documentUrl` (same scheme, host and path).
 * True when it was posted; false when there is no such client (not a service worker, the document
 * not listed yet or gone), and the caller then sends the bytes in the runtime message instead.
 */
export async function postImage(clients: WorkerClients | undefined, documentUrl: string, requestId: string, image: Blob): Promise<boolean> {
  if (!clients) return false;
  const wanted = new URL(documentUrl);
  const found = (await clients.matchAll({ includeUncontrolled: true, type: 'all' })).find((c) => {
    const url = URL.canParse(c.url) ? new URL(c.url) : undefined;
    // Scheme and host, not `origin`: the URL standard gives non-web schemes an opaque ("null") origin.
    return url?.protocol === wanted.protocol && url.host === wanted.host && url.pathname === wanted.pathname;
  });
  if (!found) return false;
  found.postMessage({ target: 'ondevice-image', requestId, image } satisfies z.infer<typeof ImagePostSchema>);
  return true;
}

/** The part of a page's `navigator.serviceWorker` used here. */
export interface WorkerMessages {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  startMessages(): void;
}

/**
 * Document side: collects the images the worker posts, starts on each as it arrives (`prepare`,
 * e.g. decoding it), and hands what that gives to the request that asks for it, whichever of the
 * two arrives first. `take` resolves with it, or with undefined when no image came within `waitMs`
 * (the worker then resends it as a data URL). Only the extension's own service worker can post to
 * its pages, so what arrives here is ours; anything else is ignored.
 */
export function imageInbox<T>(messages: WorkerMessages | undefined, prepare: (image: Blob) => T, waitMs = IMAGE_WAIT_MS) {
  const arrived = new Map<string, T>();
  const waiting = new Map<string, (prepared: T) => void>();
  messages?.addEventListener('message', (event) => {
    const post = ImagePostSchema.safeParse(event.data);
    if (!post.success) return;
    const { requestId, image } = post.data;
    const prepared = prepare(image);
    const taker = waiting.get(requestId);
    if (taker) return taker(prepared);
    arrived.set(requestId, prepared);
    setTimeout(() => arrived.get(requestId) === prepared && arrived.delete(requestId), UNCLAIMED_MS);
  });
  // Messages to a page wait until it says it listens (or its DOMContentLoaded): say so now.
  messages?.startMessages();
  return {
    take(requestId: string): Promise<T | undefined> {
      if (arrived.has(requestId)) {
        const prepared = arrived.get(requestId)!;
        arrived.delete(requestId);
        return Promise.resolve(prepared);
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(requestId);
          resolve(undefined);
        }, waitMs);
        waiting.set(requestId, (posted) => {
          clearTimeout(timer);
          waiting.delete(requestId);
          resolve(posted);
        });
      });
    },
  };
}
