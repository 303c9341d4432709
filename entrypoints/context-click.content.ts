import { defineContentScript } from 'wxt/utils/define-content-script';
import { recordContextClicks } from '@/lib/capture/context-click';

// Remembers the last right-click in every frame (the element and the point, nothing else, never
// sent anywhere): contextMenus tells neither, and a canvas has no menu context of its own, so
// "Recognize quota invoice" on a canvas and on one of many lazy images sharing a placeholder
// needs it. Everything else is still injected only when the user asks (lib/capture/page-scripts.ts).
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  main() {
    recordContextClicks(window);
  },
});
