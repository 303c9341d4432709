import type { WxtBrowser } from 'wxt/browser';
import { createInsertMenu } from '../autofill/insert-menu';
import { createContextMenu } from '../capture/context-menu';
import { useUiLanguage } from '../i18n';
import { menusPersistAcrossRestarts } from '../platform';
import { settings } from '../store/settings';
import { sideFeature } from './side-feature';

/**
 * Creates the context-menu items when the browser needs them: on install/update everywhere, and
 * at every background start where the browser forgets them (Firefox's MV2 background page).
 * A side feature: a failure is logged; the popup and the other capture sources keep working.
 */
export function setUpMenus(browser: WxtBrowser): void {
  // The menu speaks the UI language: the one Settings choose, else the browser's.
  let queue: Promise<unknown> = settings.uiLanguage.get().then(useUiLanguage).catch(() => undefined);
  // One creation at a time: each starts with removeAll, and two interleaved would create an id twice.
  const create = () => {
    queue = queue.then(() =>
      sideFeature('context menu', async () => {
        await createContextMenu(browser); // removes all items first, then adds the capture sources
        createInsertMenu(browser);
      }),
    );
  };
  browser.runtime.onInstalled.addListener(create);
  if (!menusPersistAcrossRestarts(browser)) create();
  settings.uiLanguage.watch((language) => {
    useUiLanguage(language);
    create();
  });
}
