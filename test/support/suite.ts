import type { Page } from 'puppeteer';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server';
import { startCaptureSites, type CaptureSites } from './capture-sites/sites';
import { launchWithExtension, openExtensionPage, waitForMenu, type LoadedExtension } from './extension';
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
