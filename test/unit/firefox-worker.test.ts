/**
 * Shared case: the Firefox build. Its worker once called `browser.action` at start, which
 * Firefox's MV2 build does not have (it has `browserAction`): every capture then waited forever.
 * Here the real background entrypoint runs on WXT's fakeBrowser shaped like Firefox's MV2 build
 * (no `action`, no `offscreen`, manifest_version 2), against the emulator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startEmulator, type Emulator } from '../emulator/server';
import { createCaptureStore } from '@/lib/store/captures';
import { writeSettings } from '@/lib/store/settings';
import type { Capture } from '@/lib/store/capture-schema';

const RESULT = { number: '01897256', code: '144031900111', amount: '￥50.00', location: '深圳市' };
const PNG = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'invoices', 'invoice-3.png'));
const IMAGE_URL = `data:image/png;base64,${PNG.toString('base64')}`;
/** Node has no image decoder: the browser's createImageBitmap, as far as normalizing needs it (PNG IHDR size). */
const decodePngSize = async (blob: Blob) => {
  const view = new DataView(await blob.arrayBuffer());
  return { width: view.getUint32(16), height: view.getUint32(20), close: () => {} };
};

/** A browser event whose listeners the test can fire, as the browser would. */
function event<A extends unknown[]>() {
  const listeners: ((...args: A) => unknown)[] = [];
  return {
    addListener: (l: (...args: A) => unknown) => void listeners.push(l),
    removeListener: () => {},
    hasListener: () => listeners.length > 0,
    hasListeners: () => listeners.length > 0,
    fire: (...args: A) => Promise.all(listeners.map((l) => l(...args))),
  };
}

type Mutable = Record<string, unknown>;
const api = fakeBrowser as unknown as Mutable;
const saved = new Map<string, unknown>();
/** Replaces (or, with undefined, removes) one namespace of the fake browser for this test. */
function shape(name: string, value: unknown): void {
  if (!saved.has(name)) saved.set(name, api[name]);
  if (value === undefined) delete api[name];
  else api[name] = value;
}

/** Firefox's MV2 build: browserAction instead of action, no offscreen documents. */
function firefoxMv2(badge: { setBadgeText: () => Promise<void>; setBadgeBackgroundColor: () => Promise<void> }) {
  const clicked = event<[unknown, unknown]>();
  const menus = { create: vi.fn(), removeAll: vi.fn(async () => {}), onClicked: clicked };
  shape('action', undefined);
  shape('offscreen', undefined);
  shape('browserAction', badge);
  shape('contextMenus', menus);
  shape('commands', { onCommand: event<[string]>() });
  shape('i18n', { getMessage: (key: string) => key, getUILanguage: () => 'en-US' });
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 2, name: 'qic', version: '0.1.0' });
  return { menus, clickRecognize: () => clicked.fire({ menuItemId: 'recognize-quota-invoice', srcUrl: IMAGE_URL, pageUrl: 'https://mail.example/', frameId: 0, editable: false }, undefined) };
}

async function settled(): Promise<Capture> {
  const store = createCaptureStore();
  await vi.waitFor(async () => {
    const [newest] = await store.recent(1);
    if (!newest || !['done', 'failed'].includes(newest.status)) throw new Error(`still ${newest?.status ?? 'absent'}`);
  }, { timeout: 10_000, interval: 50 });
  const newest = (await store.recent(1))[0]!;
  return newest;
}

describe('the Firefox build (MV2: browserAction, no action, no offscreen)', () => {
  let emulator: Emulator;

  beforeEach(async () => {
    fakeBrowser.reset();
    vi.resetModules(); // a fresh background entrypoint per test
    vi.stubGlobal('createImageBitmap', decodePngSize);
    emulator = await startEmulator({}, async () => ({ ok: true, result: RESULT }));
    const { ak, sk } = emulator.options;
    await writeSettings({ endpointMode: 'custom', customEndpoint: emulator.url, authMode: 'aksk', ak, sk });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    for (const [name, value] of saved) api[name] = value;
    saved.clear();
    await emulator.close();
  });

  async function startWorker(): Promise<void> {
    const { default: background } = await import('@/entrypoints/background');
    await background.main();
  }

  it('starts, creates its menu at start, reads a capture and shows the badge through browserAction', async () => {
    const badge = { setBadgeText: vi.fn(async () => {}), setBadgeBackgroundColor: vi.fn(async () => {}) };
    const firefox = firefoxMv2(badge);
    await startWorker();
    // Firefox forgets MV2 menu items at every start: they are made now, not only on install.
    await vi.waitFor(() => expect(firefox.menus.create).toHaveBeenCalledWith(expect.objectContaining({ id: 'recognize-quota-invoice' })));

    await firefox.clickRecognize();
    expect(await settled()).toMatchObject({ status: 'done', provider: 'huawei', result: RESULT });
    expect(badge.setBadgeText).toHaveBeenCalledWith({ text: '1' }); // while it ran
    await vi.waitFor(() => expect(badge.setBadgeText).toHaveBeenLastCalledWith({ text: '' }));
  });

  it('a failing side feature (the badge, the menu) never stops a recognition', async () => {
    const broken = () => Promise.reject(new Error('badge unavailable'));
    const firefox = firefoxMv2({ setBadgeText: broken, setBadgeBackgroundColor: broken });
    firefox.menus.removeAll.mockRejectedValue(new Error('menus unavailable'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await startWorker();

    await firefox.clickRecognize();
    expect(await settled()).toMatchObject({ status: 'done', result: RESULT });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('badge failed'), expect.any(Error));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('context menu failed'), expect.any(Error));
  });

  it('with neither action nor browserAction, captures are still read', async () => {
    const firefox = firefoxMv2({ setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} });
    shape('browserAction', undefined);
    await startWorker();
    await firefox.clickRecognize();
    expect(await settled()).toMatchObject({ status: 'done', result: RESULT });
  });
});
