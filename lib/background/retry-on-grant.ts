import type { WxtBrowser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { LocalCode } from '../recognize/errors';
import { awaitsHost } from '../recognize/host-answer';
import type { RecognitionService } from '../recognize/service';
import type { Capture } from '../store/capture-schema';
import type { CaptureStore } from '../store/captures';
import { sideFeature } from './side-feature';

/**
 * Whether a granted origin pattern ("https://a.example/*", "<all_urls>"; the browsers'
 * match-pattern rules, WXT's MatchPattern) covers `url`. An invalid pattern, or a `url` that is no
 * URL, covers nothing.
 */
function covers(origin: string, url: string): boolean {
  try {
    return new MatchPattern(origin).includes(url);
  } catch {
    return false;
  }
}

/**
 * The ids of captures the user's grant of `origins` (permissions.onAdded's origin patterns) lets
 * the worker read now: those failed with LOCAL.HOST_ACCESS for an image URL one of them covers
 * (the URL is the error's message, lib/capture/resolve-image.ts). Nothing else: a capture
 * imported from a ZIP never comes in as LOCAL.HOST_ACCESS (lib/export/import.ts turns it into
 * LOCAL.IMPORTED_UNREAD), so a grant never starts network work for one.
 */
export function capturesUnblockedBy(captures: readonly Pick<Capture, 'id' | 'status' | 'error'>[], origins: readonly string[]): string[] {
  return captures
    .filter(({ status, error }) => status === 'failed' && error?.code === LocalCode.hostAccess && origins.some((o) => covers(o, error.message)))
    .map((c) => c.id);
}

/**
 * The ids of captures still waiting on the user's answer about their host (a URL typed into the
 * popup, lib/recognize/host-answer.ts) whose image URL one of the granted `origins` covers.
 */
export function capturesAnsweredBy(captures: readonly Pick<Capture, 'id' | 'status' | 'job' | 'source'>[], origins: readonly string[]): string[] {
  return captures
    .filter((c) => awaitsHost(c) && c.source.imageUrl !== undefined && origins.some((o) => covers(o, c.source.imageUrl!)))
    .map((c) => c.id);
}

/**
 * When the user grants hosts (from any page, or the browser's own settings), reads the captures
 * kept from them: those that failed for want of them (capturesUnblockedBy) again, and those still
 * waiting on the answer (capturesAnsweredBy) now. The toolbar popup can close when the browser's
 * prompt opens or takes the focus (Firefox closes it), so the page's own step after
 * `await permissions.request` (lib/ui/allow-host.ts, the popup's `hostAnswered`) may never run;
 * when it does, it finds the job scheduled or no longer waiting and does nothing. Failures only
 * log: this is a convenience, Retry still works.
 */
export function retryOnHostGrant(browser: WxtBrowser, store: Pick<CaptureStore, 'withStatus'>, service: Pick<RecognitionService, 'retry' | 'hostAnswered'>): void {
  const retry = (origins: string[]) =>
    sideFeature('retry after host grant', async () => {
      for (const id of capturesAnsweredBy(await store.withStatus('queued'), origins)) await service.hostAnswered(id);
      for (const id of capturesUnblockedBy(await store.withStatus('failed'), origins)) await service.retry(id);
    });
  // A harness or browser without the event only loses the convenience.
  void sideFeature('retry after host grant', () => browser.permissions.onAdded.addListener(({ origins }) => void (origins?.length && retry(origins))));
}
