import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Browser, Frame, Page, WebWorker } from 'puppeteer';
import type { WxtBrowser } from 'wxt/browser';
import { launchChromium } from './chromium';

/** The extension worker's global, inside worker.evaluate() callbacks. */
declare const chrome: WxtBrowser;

export const EXTENSION_DIR = join(import.meta.dirname, '..', '..', '.output', 'chrome-mv3');

/**
 * What the extension may reach when the test starts:
 * - 'as-installed': the build as it is, as a new user has it: Huawei Cloud's hosts, and a page
 *   only under activeTab (a real right-click);
 * - 'all-granted': as a user who has allowed every optional host (a custom endpoint at Save,
 *   image hosts): a copy of the build whose manifest lists the optional hosts as required.
 *   Headless Chromium cannot answer the permission prompt (permissions.request stays pending,
 *   measured on Chromium 156; no switch or DevTools command grants an extension's optional
 *   permission), but asks nothing for a host already granted: the product's real request at
 *   Save then resolves at once. test/e2e/least-privilege.test.ts answers the real prompt.
 */
export type HostAccess = 'as-installed' | 'all-granted';

/**
 * The build with its optional hosts granted (see HostAccess), made once per build: a copy in the
 * temp folder named by the hash of the manifest. Chromium reads an unpacked extension's files
 * from its own folder only (no symlinks out of it), hence a copy.
 */
export function grantedExtensionDir(source: string = EXTENSION_DIR): string {
  const manifestText = readFileSync(join(source, 'manifest.json'), 'utf8');
  // The whole build, not only its manifest: a rebuild with the same manifest must not reuse a copy
  // of the old code.
  const fingerprint = buildFingerprint(source);
  const dir = join(tmpdir(), `qic-granted-${createHash('sha256').update(fingerprint).update(source).digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'manifest.json')) && readFileSync(join(dir, '.source-build'), 'utf8') === fingerprint) return dir;
  const manifest = JSON.parse(manifestText) as { host_permissions?: string[]; optional_host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
  const staging = mkdtempSync(join(tmpdir(), 'qic-granted-staging-'));
  cpSync(source, staging, { recursive: true });
  writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(staging, '.source-build'), fingerprint);
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir); // atomic: a test file started in parallel sees the whole copy or none
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process won the race: its copy is the same
  }
  return dir;
}

/** Every file of a build with its size and modification time: changes whenever the build does. */
function buildFingerprint(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      const st = statSync(path);
      return `${path.slice(dir.length)}:${st.size}:${st.mtimeMs}`;
    })
    .sort()
    .join('\n');
}

export interface LoadedExtension {
  browser: Browser;
  id: string;
  worker: WebWorker;
  origin: string;
  /** Where downloads land (the profile's download folder, no prompt). */
  downloads: string;
}

export interface LaunchOptions {
  headless?: boolean;
  lang?: string;
  /** 'all-granted' unless told (see HostAccess). */
  hosts?: HostAccess;
  /** The X display of a headful browser (test/support/xvfb.ts). */
  display?: string;
  /** The unpacked extension to load; default EXTENSION_DIR (what `npm run build` writes). */
  extensionDir?: string;
}

/** Launches Chromium with the built extension (run `npm run build` first) and finds its worker. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<LoadedExtension> {
  const ext = await launchDetached(options);
  const target = await ext.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(ext.origin), { timeout: 30_000 });
  return { ...ext, worker: (await target.worker())! };
}

/**
 * Like launchWithExtension, but never attaches to the worker: an attached DevTools session keeps
 * a service worker alive, so tests of how it stops and resumes must not hold one (Puppeteer
 * itself detaches from service workers it only discovers).
 */
export async function launchDetached(options: LaunchOptions = {}): Promise<Omit<LoadedExtension, 'worker'>> {
  const profile = mkdtempSync(join(tmpdir(), 'qic-profile-'));
  const downloads = mkdtempSync(join(tmpdir(), 'qic-downloads-'));
  // A profile whose downloads go to a known folder without asking, under the name the extension gives.
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false } }));
  const browser = await launchChromium({
    headless: options.headless ?? true,
    pipe: true,
    enableExtensions: [options.hosts === 'as-installed' ? (options.extensionDir ?? EXTENSION_DIR) : grantedExtensionDir(options.extensionDir)],
    userDataDir: profile,
    args: [`--lang=${options.lang ?? 'en-US'}`],
    env: { ...process.env, LANGUAGE: options.lang ?? 'en-US', ...(options.display ? { DISPLAY: options.display } : {}) },
  });
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), { timeout: 30_000 });
  const id = new URL(target.url()).host;
  return { browser, id, origin: `chrome-extension://${id}`, downloads };
}

/** Waits until the worker's listeners and menu exist (a fresh worker can need a moment). */
export async function waitForMenu(worker: WebWorker): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const ready = await worker.evaluate(() => typeof chrome !== 'undefined' && chrome.contextMenus?.onClicked?.hasListeners()).catch(() => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the extension worker never registered its context-menu listener');
}

/**
 * Runs the real context-menu listeners as a click on "Recognize quota invoice" would. Native menus
 * cannot be clicked headless; Chromium's event object can dispatch to the registered listeners.
 * `frameUrl` names the iframe the image is in (its frameId is looked up as the browser would give it).
 */
export async function clickRecognize(worker: WebWorker, page: Page, srcUrl: string, frameUrl?: string): Promise<void> {
  const pageUrl = page.url();
  const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, pageUrl);
  const frameId = frameUrl
    ? await worker.evaluate(
        async (id, url) =>
          (await chrome.scripting.executeScript({ target: { tabId: id, allFrames: true }, func: () => location.href })).find((r) => r.result === url)?.frameId ?? -1,
        tabId,
        frameUrl,
      )
    : 0;
  await worker.evaluate(
    (info, tab) => {
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(info, tab);
    },
    { menuItemId: 'recognize-quota-invoice', mediaType: 'image', srcUrl, pageUrl, frameUrl, editable: false, frameId },
    { id: tabId, url: pageUrl, index: 0, active: true, windowId: (await worker.evaluate(async (id) => (await chrome.tabs.get(id)).windowId, tabId)) },
  );
}

/**
 * A real right-click on an element (scrolled into view first), so the page sees the same
 * contextmenu event a user's click makes; headless Chromium opens no menu. Follow it with
 * clickRecognize / clickMenuItem, which stand in for choosing the item.
 */
export async function rightClick(where: Page | Frame, selector: string): Promise<void> {
  await where.click(selector, { button: 'right' });
}

/** Runs the listeners of another menu item (the picker, the region), as a right-click on the page would. */
export async function clickMenuItem(worker: WebWorker, page: Page, menuItemId: string): Promise<void> {
  const pageUrl = page.url();
  await worker.evaluate(
    async (id, url) => {
      const tab = (await chrome.tabs.query({ url }))[0]!;
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(
        { menuItemId: id, pageUrl: url, editable: false, frameId: 0 },
        tab,
      );
    },
    menuItemId,
    pageUrl,
  );
}

/**
 * Opens one of the extension's pages (popup.html, batch.html, options.html) in a new tab and
 * returns once it has drawn: each renders into #app, and only once its first answers are in (the
 * options page waits for getSettings and listMappings from a worker that may still be starting),
 * so a test that clicked earlier would find no element. Throws after 30 s if nothing is drawn.
 */
export async function openExtensionPage(ext: Pick<LoadedExtension, 'browser' | 'origin'>, path: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.goto(`${ext.origin}/${path}`);
  await page.waitForFunction(() => document.getElementById('app')?.firstElementChild != null, { polling: 50, timeout: 30_000 });
  return page;
}
