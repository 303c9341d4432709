import type { WxtBrowser } from 'wxt/browser';
import { sideFeature } from '../background/side-feature';
import { CONTEXT_CLICK_FILE } from './page-access';

/** The id of the registered right-click recorder (scripting.registerContentScripts). */
const RECORDER_ID = 'context-click-recorder';
const ALL_SITES = { origins: ['<all_urls>'] };

/**
 * The right-click recorder on every page, but only for a user who granted access to all sites
 * (an optional permission, never asked at install; issue 11): then it is registered as a content
 * script (scripting.registerContentScripts, every frame, at document start), so the element a
 * right-click hit is known exactly — which of several lazy images sharing one placeholder, which
 * canvas. Without that grant the recorder is put into the clicked frame at the menu click only
 * (lib/capture/page-access.ts) and falls back on the page's hover state, which headless and
 * background tabs do not always keep; an image it cannot tell apart is then not guessed
 * (lib/capture/page-scripts.ts). Follows the grant as it is given or taken back. A failure (an
 * old browser without dynamic content scripts) only leaves the click-time recorder.
 */
export function followAllSitesAccess(browser: WxtBrowser): void {
  const sync = () =>
    sideFeature('right-click recorder registration', async () => {
      const granted = await browser.permissions.contains(ALL_SITES);
      const registered = (await browser.scripting.getRegisteredContentScripts({ ids: [RECORDER_ID] })).length > 0;
      if (granted && !registered) {
        await browser.scripting.registerContentScripts([
          { id: RECORDER_ID, matches: ['<all_urls>'], js: [CONTEXT_CLICK_FILE.replace(/^\//, '')], allFrames: true, runAt: 'document_start', persistAcrossSessions: true },
        ]);
      } else if (!granted && registered) {
        await browser.scripting.unregisterContentScripts({ ids: [RECORDER_ID] });
      }
    });
  void sync();
  void sideFeature('right-click recorder registration', () => {
    browser.permissions.onAdded.addListener(() => void sync());
    browser.permissions.onRemoved.addListener(() => void sync());
  });
}
