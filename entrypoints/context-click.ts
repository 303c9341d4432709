import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { recordContextClicks } from '@/lib/capture/context-click';

// Finds what the user right-clicked in a frame (the element and the point, nothing else, never
// sent anywhere): contextMenus tells neither, and a canvas has no menu context of its own, so
// "Recognize quota invoice" on a canvas and on one of many lazy images sharing a placeholder
// needs it. Not a content script (issue 11: nothing runs on every page, and no `<all_urls>` at
// install): lib/capture/page-access.ts injects this file into the clicked frame at the menu click,
// under activeTab; the element is the one still under the pointer (lib/capture/context-click.ts).
export default defineUnlistedScript(() => {
  recordContextClicks(window);
});
