import type { Page } from 'puppeteer';
import { afterAll, beforeAll } from 'vitest';
import type { EmulatorOptions } from '../emulator/options';
import { startEmulator, type Emulator, type Recognizer } from '../emulator/server';
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

/** What the emulator of `useExtensionWithEmulator` is started with (test/emulator/server.ts startEmulator). */
export interface EmulatorSetup {
  /** Its keys, project id, clock offset…; default its documented defaults. */
  emulator?: Partial<EmulatorOptions>;
  /** Its recognizer; default the real on-device OCR in Node. */
  recognizer?: Recognizer;
}

/** A set-up that serves a plain folder and leaves the extension unconfigured (see useExtensionWithEmulator). */
export interface FolderSetup extends EmulatorSetup {
  /** Served over HTTP (suite.site) instead of the capture sites. */
  folder: string;
  /** false: the tests configure the extension themselves (keys they vary), and open their own popup and tab. */
  configure: false;
}

/** What a FolderSetup fills in beforeAll. */
export interface FolderSuite {
  emulator: Emulator;
  site: StaticServer;
  ext: LoadedExtension;
}

/**
 * The common e2e set-up: the emulator and the local capture sites, the built extension pointed at
 * the emulator through its options page, an open popup and a tab. Filled in beforeAll, closed in
 * afterAll. With a FolderSetup: the emulator, `folder` served, the extension as built (its menu
 * listener ready), nothing configured.
 */
export function useExtensionWithEmulator(setup?: EmulatorSetup): Suite;
export function useExtensionWithEmulator(setup: FolderSetup): FolderSuite;
export function useExtensionWithEmulator(setup: EmulatorSetup | FolderSetup = {}): Suite | FolderSuite {
  const suite = {} as Suite & FolderSuite;
  beforeAll(async () => {
    const emulator = startEmulator(setup.emulator, setup.recognizer);
    if ('folder' in setup) {
      [suite.emulator, suite.site] = await Promise.all([emulator, serveFolder(setup.folder)]);
      suite.ext = await launchWithExtension();
      await waitForMenu(suite.ext.worker);
      return;
    }
    [suite.emulator, suite.sites] = await Promise.all([emulator, startCaptureSites()]);
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
    await suite.site?.close();
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
