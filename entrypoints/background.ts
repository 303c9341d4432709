import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createTabFiller } from '@/lib/autofill/fill-tab';
import { fillCommandListener, insertMenuListener } from '@/lib/autofill/insert-menu';
import { setUpMenus } from '@/lib/background/menus';
import { createServices } from '@/lib/background/services';
import { registerMessageHandlers } from '@/lib/background/message-handlers';
import { contextMenuListener } from '@/lib/capture/context-menu';
import { restrictStorageToTrustedContexts } from '@/lib/store/trusted-storage';

export default defineBackground(() => {
  // Before anything reads settings: secrets are for the extension's own contexts only.
  void restrictStorageToTrustedContexts(browser).catch(() => {});
  const { service, store, tokens, testConnection, refreshBadge } = createServices(browser);
  const tabFiller = createTabFiller(browser);

  setUpMenus(browser);
  // Listeners are registered synchronously so a click wakes the worker and reaches them.
  browser.contextMenus.onClicked.addListener(contextMenuListener(service, browser));
  browser.contextMenus.onClicked.addListener(insertMenuListener(store, tabFiller));
  browser.commands.onCommand.addListener(fillCommandListener(store, tabFiller));
  registerMessageHandlers({
    service,
    store,
    tabFiller,
    message: (key) => browser.i18n.getMessage(key as 'extName'),
    testConnection,
    forgetToken: tokens.invalidate,
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });

  // A worker killed mid-recognition left captures queued/running: finish them now.
  void service.resumePending().then(refreshBadge);
});
