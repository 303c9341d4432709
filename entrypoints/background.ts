import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createServices } from '@/lib/background/services';
import { registerMessageHandlers } from '@/lib/background/message-handlers';
import { contextMenuListener, createContextMenu } from '@/lib/capture/context-menu';
import { createTabFiller } from '@/lib/autofill/fill-tab';

export default defineBackground(() => {
  const { service, store, tokens, testConnection, refreshBadge } = createServices(browser);

  browser.runtime.onInstalled.addListener(() => createContextMenu(browser));
  // Listeners are registered synchronously so a click wakes the worker and reaches them.
  browser.contextMenus.onClicked.addListener(contextMenuListener(service, browser));
  registerMessageHandlers({
    service,
    store,
    tabFiller: createTabFiller(browser),
    testConnection,
    forgetToken: tokens.invalidate,
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });

  // A worker killed mid-recognition left captures queued/running: finish them now.
  void service.resumePending().then(refreshBadge);
});
