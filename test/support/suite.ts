import type { Page } from 'puppeteer';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { startCaptureSites, type CaptureSites } from './capture-sites/sites';
import { launchWithExtension, openExtensionPage, waitForMenu, type LoadedExtension } from './extension';
import { serveFolder, type StaticServer } from './static-server';
import { configureThroughOptions } from './ui';

export interface Suite {
  emulator: Emulator;
  sites: CaptureSites;
  ext: LoadedExtension;
  popup: Page;
  tab: Page;
}

/**
 * The common e2e set-up: the emulator and the local capture sites, the built extension pointed at
 * the emulator through its options page, an open popup and a tab. Filled in beforeAll.
 */
export function useExtensionWithEmulator(): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    [suite.emulator, suite.sites] = await Promise.all([startEmulator(), startCaptureSites()]);
    suite.ext = await launchWithExtension();
    await waitForMenu(suite.ext.worker);
    const { url, options } = suite.emulator;
    await (await configureThroughOptions(suite.ext, { endpoint: url, ak: options.ak, sk: options.sk })).close();
    suite.popup = await openExtensionPage(suite.ext, 'popup.html');
    suite.tab = await suite.ext.browser.newPage();
  });
  afterAll(async () => {
    await suite.ext?.browser.close();
    await suite.sites?.close();
    await suite.emulator?.close();
  });
  return suite;
}

/** What `useOnDeviceExtension` fills in beforeAll. */
export interface OnDeviceSuite {
  site: StaticServer;
  ext: LoadedExtension;
}

/**
 * The on-device e2e set-up: `folder` served over HTTP and the built extension as installed, nothing
 * configured (so the on-device engine reads), its menu listener ready. Filled in beforeAll, closed
 * in afterAll.
 */
export function useOnDeviceExtension(folder: string): OnDeviceSuite {
  const suite = {} as OnDeviceSuite;
  beforeAll(async () => {
    suite.site = await serveFolder(folder);
    suite.ext = await launchWithExtension();
    await waitForMenu(suite.ext.worker);
  });
  afterAll(async () => {
    await suite.ext?.browser.close();
    await suite.site?.close();
  });
  return suite;
}
