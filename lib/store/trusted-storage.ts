import type { WxtBrowser } from 'wxt/browser';
import { storageAccessLevel } from '../platform';

/**
 * Keeps storage.local (where the SK, the IAM password and token live) out of content scripts:
 * only the extension's own pages and worker can read it (Chrome's StorageArea.setAccessLevel,
 * supported for `local` by Chromium since 2024; the setting persists). Firefox does not have it for
 * `local` (Mozilla bug 1724754): there our content scripts are injected on the user's click only
 * and never read storage. Returns whether the restriction is in force.
 */
export async function restrictStorageToTrustedContexts(browser: WxtBrowser): Promise<boolean> {
  const setAccessLevel = storageAccessLevel(browser);
  if (!setAccessLevel) return false;
  await setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  return true;
}
