import type { WxtBrowser } from 'wxt/browser';

/**
 * Every difference between the browsers the extension runs in, decided in this one module by
 * feature detection (never by user-agent sniffing). The builds:
 * - Chrome / Edge: MV3, a service worker (no DOM), offscreen documents, `action`.
 * - Firefox: MV2, a persistent background page (has a DOM), `browserAction`, no offscreen API.
 * Callers ask for a capability; none of them needs to know which browser it is.
 */

/** The part of the toolbar button API the badge uses: identical in `action` and `browserAction`. */
export interface ToolbarButton {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setIcon(details: { path: Record<string, string> }): Promise<void>;
}

/**
 * The toolbar button: MV3 calls it `action`; Firefox's MV2 build has only `browserAction`
 * (reading `browser.action.setBadgeText` there threw at worker start and stalled every capture).
 * Undefined where neither exists (a build without a toolbar button).
 */
export function toolbarButton(browser: WxtBrowser): ToolbarButton | undefined {
  const api = browser as unknown as { action?: ToolbarButton; browserAction?: ToolbarButton };
  return api.action ?? api.browserAction;
}

/**
 * Whether the browser itself swaps the toolbar icon for dark themes, from the manifest's
 * `theme_icons` (Firefox). Chrome has no such key: there the extension's pages set the icon for
 * the colour scheme they see (lib/ui/toolbar-icon.ts), which would override Firefox's own choice.
 */
export function toolbarIconFollowsTheme(browser: WxtBrowser): boolean {
  const manifest = browser.runtime.getManifest() as { browser_action?: { theme_icons?: unknown[] }; action?: { theme_icons?: unknown[] } };
  return Boolean(manifest.browser_action?.theme_icons?.length || manifest.action?.theme_icons?.length);
}

/**
 * Where the on-device engine runs. Chrome's MV3 worker has no DOM and no WASM threads, so it
 * opens an offscreen document; Firefox has no offscreen API, but its background page is a real
 * page (MV2, and MV3 event pages too) that can run the engine itself.
 */
export function engineHost(browser: WxtBrowser): 'offscreen-document' | 'background-page' {
  const api = browser as unknown as { offscreen?: { createDocument?: unknown } };
  return typeof api.offscreen?.createDocument === 'function' ? 'offscreen-document' : 'background-page';
}

/** storage.local's access-level switch (Chromium 2024+); Firefox lacks it (Mozilla bug 1724754). */
export type AccessLevelSetter = (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;

export function storageAccessLevel(browser: WxtBrowser): AccessLevelSetter | undefined {
  const local = browser.storage.local as unknown as { setAccessLevel?: AccessLevelSetter };
  return typeof local.setAccessLevel === 'function' ? local.setAccessLevel.bind(local) : undefined;
}

/**
 * Whether context-menu items outlive a browser restart. Chrome keeps them (created once, on
 * install); Firefox's MV2 persistent background page forgets them at every start, so there they
 * are created each time the background page loads.
 */
export function menusPersistAcrossRestarts(browser: WxtBrowser): boolean {
  return browser.runtime.getManifest().manifest_version !== 2;
}

/**
 * The match pattern that grants a URL's host, on every port: `http://127.0.0.1:8787/v1` →
 * `http://127.0.0.1/*`. Firefox's match patterns take no port at all and Chrome's portless
 * pattern matches every port, so this one form works in both builds. Undefined for a URL that is
 * not http(s) (nothing to grant) or not a URL.
 */
export function hostPattern(url: string): string | undefined {
  try {
    const { protocol, hostname } = new URL(url.trim());
    return protocol === 'http:' || protocol === 'https:' ? `${protocol}//${hostname}/*` : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a permissions call for one URL's host pattern; no pattern, or an API error, is false. */
async function forHost(url: string, call: (permissions: { origins: string[] }) => Promise<boolean>): Promise<boolean> {
  const pattern = hostPattern(url);
  if (!pattern) return false;
  try {
    return await call({ origins: [pattern] }); // called before any await: Firefox's gesture rule
  } catch {
    return false;
  }
}

/**
 * Asks the user for access to one host (the browser's own prompt; none when it is granted
 * already, e.g. Huawei Cloud's required hosts). Resolves whether access is granted. The call must
 * come straight from a click (a user gesture; Firefox wants it before any `await`). Both builds
 * use the same API; only where the manifest lists the optional hosts differs (wxt.config.ts:
 * `optional_host_permissions` in MV3, `optional_permissions` in Firefox's MV2).
 * Errors (a pattern outside the optional ones, no gesture) resolve false: the caller says so.
 */
export function requestHostAccess(browser: WxtBrowser, url: string): Promise<boolean> {
  return forHost(url, (p) => browser.permissions.request(p));
}

/** Whether the extension may reach a URL's host now (granted at install or later). */
export function hasHostAccess(browser: WxtBrowser, url: string): Promise<boolean> {
  return forHost(url, (p) => browser.permissions.contains(p));
}

type MenuContexts = NonNullable<Parameters<WxtBrowser['contextMenus']['create']>[0]['contexts']>;

/**
 * Menu contexts as this browser spells them: the toolbar button's own menu is `action` in MV3
 * (Chrome) and `browser_action` in Firefox's MV2 build, which rejects `action`.
 */
export function menuContexts(browser: WxtBrowser, contexts: MenuContexts): MenuContexts {
  if (browser.runtime.getManifest().manifest_version === 3) return contexts;
  return contexts.map((c) => (c === 'action' ? 'browser_action' : c)) as MenuContexts;
}
