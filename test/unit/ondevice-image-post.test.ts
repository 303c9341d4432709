/**
 * Issue 10 (speed): the image reaches Chrome's offscreen document as a Blob posted through the
 * worker's clients, not as a base64 data URL in the runtime message; the data URL stays the way
 * whenever the post cannot be made or never arrives, so no capture is lost to the transport.
 */
import { describe, expect, it, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import { type DocumentClient, imageInbox, postImage, type WorkerClients, type WorkerMessages } from '@/lib/ondevice/image-post';
import { offscreenClient } from '@/lib/ondevice/offscreen-client';

const ORIGIN = 'chrome-extension://abcdefghijklmnop/';
const DOCUMENT_URL = `${ORIGIN}offscreen.html`;
const RESULT = { number: '01897256', code: '144031900111', amount: '￥50.00', location: '深圳市' };
const image = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' });

/** A page's navigator.serviceWorker: `deliver` is the worker's post arriving. */
function pageMessages() {
  const listeners: ((event: { data: unknown }) => void)[] = [];
  const messages: WorkerMessages & { started: boolean } = {
    started: false,
    addEventListener: (_type, listener) => void listeners.push(listener),
    startMessages() {
      this.started = true;
    },
  };
  return { messages, deliver: (data: unknown) => listeners.forEach((l) => l({ data })) };
}

/** The worker's clients: the pages listed, each post recorded (and handed on, when given). */
function workerClients(urls: string[], onPost: (url: string, message: unknown) => void = () => {}): WorkerClients & { posts: { url: string; message: unknown }[] } {
  const posts: { url: string; message: unknown }[] = [];
  const listed: DocumentClient[] = urls.map((url) => ({ url, postMessage: (message: unknown) => (posts.push({ url, message }), onPost(url, message)) }));
  return { posts, matchAll: async () => listed };
}

describe('the document\'s inbox of posted images', () => {
  it('hands a posted image to the request that asks for it, whichever comes first', async () => {
    const { messages, deliver } = pageMessages();
    const inbox = imageInbox(messages, (b) => b);
    expect(messages.started).toBe(true); // messages held for a loading page are let through
    const early = image();
    deliver({ target: 'ondevice-image', requestId: 'a', image: early });
    expect(await inbox.take('a')).toBe(early);
    const asked = inbox.take('b');
    const late = image();
    deliver({ target: 'ondevice-image', requestId: 'b', image: late });
    expect(await asked).toBe(late);
  });

  it('gives nothing for an image that never came, and ignores what is not a posted image', async () => {
    const { messages, deliver } = pageMessages();
    const inbox = imageInbox(messages, (b) => b, 20);
    deliver({ target: 'ondevice-image', requestId: 'c', image: 'data:image/png;base64,AAAA' }); // not a Blob
    deliver({ target: 'ondevice-progress', requestId: 'c' });
    expect(await inbox.take('c')).toBeUndefined();
    // Taken once: a second ask for the same request waits for a new post.
    deliver({ target: 'ondevice-image', requestId: 'd', image: image() });
    expect(await inbox.take('d')).toBeInstanceOf(Blob);
    expect(await inbox.take('d')).toBeUndefined();
  });

  it('starts on an image as it arrives, before anyone asks for it', async () => {
    const { messages, deliver } = pageMessages();
    const started: string[] = [];
    const inbox = imageInbox(messages, (b) => (started.push(b.type), { size: b.size }));
    deliver({ target: 'ondevice-image', requestId: 'e', image: image() });
    expect(started).toEqual(['image/jpeg']); // decoding begins here, while the worker still works
    expect(await inbox.take('e')).toEqual({ size: image().size });
  });
});

describe('posting the image to the offscreen document', () => {
  it('posts only to the document itself, not to other pages of the extension or other origins', async () => {
    const clients = workerClients([`${ORIGIN}popup.html`, 'chrome-extension://other/offscreen.html', 'not a url', `${DOCUMENT_URL}?x=1`]);
    const blob = image();
    expect(await postImage(clients, DOCUMENT_URL, 'r1', blob)).toBe(true);
    expect(clients.posts).toEqual([{ url: `${DOCUMENT_URL}?x=1`, message: { target: 'ondevice-image', requestId: 'r1', image: blob } }]);
  });

  it('says so when there is nowhere to post: not a service worker, or the document not listed', async () => {
    expect(await postImage(undefined, DOCUMENT_URL, 'r2', image())).toBe(false);
    const clients = workerClients([`${ORIGIN}popup.html`]);
    expect(await postImage(clients, DOCUMENT_URL, 'r2', image())).toBe(false);
    expect(clients.posts).toEqual([]);
  });
});

/**
 * The worker's side against a stand-in document: `answer` gets each runtime message and, with the
 * inbox, the image the request points at, as the real document would take it.
 */
function chromeWithDocument(answer: (request: { requestId: string; dataUrl?: string }, posted: Blob | undefined) => unknown) {
  const { messages, deliver } = pageMessages();
  const inbox = imageInbox(messages, (b) => b, 20);
  const requests: { requestId: string; dataUrl?: string }[] = [];
  const browser = {
    runtime: {
      id: 'abcdefghijklmnop',
      getURL: (path: string) => `${ORIGIN}${path.replace(/^\//, '')}`,
      onMessage: { addListener: () => {} },
      getContexts: async () => [{ documentUrl: DOCUMENT_URL }],
      sendMessage: vi.fn(async (message: { requestId: string; dataUrl?: string }) => {
        requests.push(message);
        return answer(message, message.dataUrl ? undefined : await inbox.take(message.requestId));
      }),
    },
    offscreen: { createDocument: async () => {} },
  } as unknown as WxtBrowser;
  return { browser, requests, deliver };
}

const bytesOf = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

describe('the worker sending an image to read', () => {
  it('posts the Blob and sends the request without the bytes when the document is its client', async () => {
    let read: Blob | undefined;
    const chrome = chromeWithDocument((_request, posted) => ((read = posted), { ok: true, result: RESULT }));
    const clients = workerClients([DOCUMENT_URL], (_url, message) => chrome.deliver(message));
    const outcome = await offscreenClient(chrome.browser, clients).recognize(image(), () => {});
    expect(outcome).toEqual({ ok: true, result: RESULT });
    expect(chrome.requests).toHaveLength(1);
    expect(chrome.requests[0]!.dataUrl).toBeUndefined();
    expect(await bytesOf(read!)).toEqual(await bytesOf(image()));
  });

  it('sends the bytes as a data URL where it cannot post (no clients, or the document not among them)', async () => {
    for (const clients of [undefined, workerClients([`${ORIGIN}popup.html`])]) {
      const chrome = chromeWithDocument(() => ({ ok: true, result: RESULT }));
      expect(await offscreenClient(chrome.browser, clients).recognize(image(), () => {})).toEqual({ ok: true, result: RESULT });
      expect(chrome.requests).toHaveLength(1);
      expect(chrome.requests[0]!.dataUrl).toBe(`data:image/jpeg;base64,${Buffer.from(await bytesOf(image())).toString('base64')}`);
    }
  });

  it('an image posted ahead of its reading is not posted again: the request names it', async () => {
    let read: Blob | undefined;
    const chrome = chromeWithDocument((_request, posted) => ((read = posted), { ok: true, result: RESULT }));
    const clients = workerClients([DOCUMENT_URL], (_url, message) => chrome.deliver(message));
    const engine = offscreenClient(chrome.browser, clients);
    const blob = image();
    engine.prepare(blob);
    engine.prepare(blob); // once per image
    expect(await engine.recognize(blob, () => {})).toEqual({ ok: true, result: RESULT });
    expect(clients.posts).toHaveLength(1);
    expect(chrome.requests).toEqual([{ target: 'ondevice-engine', requestId: (clients.posts[0]!.message as { requestId: string }).requestId }]);
    expect(read).toBe(blob);
    // Another image than the one posted ahead (normalize converted it): posted on its own.
    const other = image();
    engine.prepare(blob);
    expect(await engine.recognize(other, () => {})).toEqual({ ok: true, result: RESULT });
    expect(clients.posts.map((p) => (p.message as { image: Blob }).image)).toEqual([blob, blob, other]);
    expect(read).toBe(other);
  });

  it('an image posted ahead that never arrived is sent as a data URL, not lost', async () => {
    const chrome = chromeWithDocument((request, posted) => (posted || request.dataUrl ? { ok: true, result: RESULT } : { imageMissing: true }));
    const engine = offscreenClient(chrome.browser, workerClients([DOCUMENT_URL])); // posts go nowhere
    const blob = image();
    engine.prepare(blob);
    expect(await engine.recognize(blob, () => {})).toEqual({ ok: true, result: RESULT });
    expect(chrome.requests.map((r) => Boolean(r.dataUrl))).toEqual([false, true]);
  });

  it('sends the bytes again as a data URL when the posted image never reached the document', async () => {
    // Listed, but its posts go nowhere: the document waits, answers "missing", and gets a data URL.
    const chrome = chromeWithDocument((request, posted) => (posted || request.dataUrl ? { ok: true, result: RESULT } : { imageMissing: true }));
    const outcome = await offscreenClient(chrome.browser, workerClients([DOCUMENT_URL])).recognize(image(), () => {});
    expect(outcome).toEqual({ ok: true, result: RESULT });
    expect(chrome.requests.map((r) => Boolean(r.dataUrl))).toEqual([false, true]);
  });
});
