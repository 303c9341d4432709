import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createTabFiller } from '@/lib/autofill/fill-tab';
import { fillCommandListener, insertMenuListener } from '@/lib/autofill/insert-menu';
import { JOBS_ALARM } from '@/lib/background/job-alarm';
import { setUpMenus } from '@/lib/background/menus';
import { createServices } from '@/lib/background/services';
import { registerMessageHandlers } from '@/lib/background/message-handlers';
import { retryOnHostGrant } from '@/lib/background/retry-on-grant';
import { contextMenuListener } from '@/lib/capture/context-menu';
import { followAllSitesAccess } from '@/lib/capture/recorder-registration';
import { createCards } from '@/lib/card/cards';
import { tDynamic } from '@/lib/i18n';
import { hasHostAccess } from '@/lib/platform';
import { restrictStorageToTrustedContexts } from '@/lib/store/trusted-storage';

export default defineBackground(() => {
  // Before anything reads settings: secrets are for the extension's own contexts only.
  void restrictStorageToTrustedContexts(browser).catch(() => {});
  const { service, store, tokens, testConnection, refreshBadge } = createServices(browser);
  const tabFiller = createTabFiller(browser);
  const cards = createCards({ browser, store, tabFiller, runtimeId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') });

  setUpMenus(browser);
  followAllSitesAccess(browser);
  // A capture kept from its host is read again once the user grants it, even if the popup that
  // asked closed with the browser's prompt.
  retryOnHostGrant(browser, store, service);
  // Listeners are registered synchronously so a click wakes the worker and reaches them.
  browser.contextMenus.onClicked.addListener(contextMenuListener(service, browser, cards));
  cards.listen();
  browser.contextMenus.onClicked.addListener(insertMenuListener(store, tabFiller));
  browser.commands.onCommand.addListener(fillCommandListener(store, tabFiller));
  registerMessageHandlers({
    service,
    store,
    tabFiller,
    message: (key) => tDynamic(key),
    testConnection,
    forgetToken: tokens.invalidate,
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    hostAllowed: (url) => hasHostAccess(browser, url),
  });
  // Jobs resume: on the alarm (set while any is pending), when the network comes back, and now.
  browser.alarms.onAlarm.addListener((alarm) => void (alarm.name === JOBS_ALARM && service.resumePending()));
  // The worker's (or Firefox's background page's) global; absent where the test harness runs it.
  globalThis.addEventListener?.('online', () => void service.resumePending({ network: true }));
  void service.resumePending({ credentials: true }).then(refreshBadge);
});
