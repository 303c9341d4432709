/**
 * Issue 10 (speed): the worker opens Chrome's offscreen document ahead of a reading (to post the
 * image while it still normalizes it). A reading that then never comes (the image refused as too
 * large, not an image) must not leave the document, ~0.5 GB with the models, open for good: the
 * document asks to be closed after IDLE_CLOSE_MS without work from the moment it starts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';

vi.mock('@/lib/ondevice/browser-engine', () => ({
  decodeBlob: async () => ({ pixels: new Uint8ClampedArray(4), width: 1, height: 1 }),
  recognizeBlob: () => new Promise(() => {}), // a reading that takes as long as the test needs
  recognizeDecoded: async () => ({ ok: true, result: {} }),
}));

const { IDLE_CLOSE_MS, serveOffscreenEngine } = await import('@/lib/ondevice/offscreen-host');

const ORIGIN = 'chrome-extension://abcdefghijklmnop/';

function offscreenPage() {
  let listener: ((message: unknown, sender: unknown) => unknown) | undefined;
  const sent: unknown[] = [];
  const browser = {
    runtime: {
      id: 'abcdefghijklmnop',
      getURL: (path: string) => `${ORIGIN}${path.replace(/^\//, '')}`,
      onMessage: { addListener: (l: typeof listener) => void (listener = l) },
      sendMessage: async (message: unknown) => void sent.push(message),
    },
  } as unknown as WxtBrowser;
  const fromWorker = (message: unknown, url = `${ORIGIN}background.js`) => listener!(message, { id: 'abcdefghijklmnop', url });
  const idleAsks = () => sent.filter((m) => (m as { target?: string }).target === 'ondevice-idle').length;
  return { browser, fromWorker, idleAsks };
}

describe('the offscreen document asking to be closed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks after IDLE_CLOSE_MS even when no reading ever came', async () => {
    const page = offscreenPage();
    serveOffscreenEngine(page.browser, undefined);
    await vi.advanceTimersByTimeAsync(IDLE_CLOSE_MS - 1000);
    expect(page.idleAsks()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(page.idleAsks()).toBe(1);
  });

  it('does not ask while a reading runs', async () => {
    const page = offscreenPage();
    serveOffscreenEngine(page.browser, undefined);
    await vi.advanceTimersByTimeAsync(IDLE_CLOSE_MS / 2);
    expect(page.fromWorker({ target: 'ondevice-engine', requestId: 'r1', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' })).toBeInstanceOf(Promise);
    await vi.advanceTimersByTimeAsync(IDLE_CLOSE_MS * 2);
    expect(page.idleAsks()).toBe(0);
  });

  it('a request from a content script is not work: it is refused and the ask comes on time', async () => {
    const page = offscreenPage();
    serveOffscreenEngine(page.browser, undefined);
    await vi.advanceTimersByTimeAsync(IDLE_CLOSE_MS / 2);
    expect(page.fromWorker({ target: 'ondevice-engine', requestId: 'r1' }, 'https://mail.example.com/inbox')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(IDLE_CLOSE_MS / 2);
    expect(page.idleAsks()).toBe(1);
  });
});
