import type { WxtBrowser } from 'wxt/browser';
import { fetchUrlImage } from '../capture/resolve-image';
import { createTokenProvider } from '../huawei/token';
import { badgeState } from '../recognize/badge';
import { huaweiRecognizer, throughGate } from '../huawei/provider';
import { resolveProvider } from '../recognize/provider-choice';
import { normalizeImage } from '../image/normalize';
import { inlineClient } from '../ondevice/inline-client';
import { offscreenClient } from '../ondevice/offscreen-client';
import { cutInvoices } from '../ondevice/sheet-browser';
import { engineHost, hasHostAccess, toolbarButton } from '../platform';
import { createRecognitionService } from '../recognize/service';
import { BLANK_PNG_BASE64, connectionReport } from '../recognize/test-connection';
import { notifyCapturesChanged } from '../store/changes';
import { createCaptureStore } from '../store/captures';
import { readSettings } from '../store/settings';
import { tokenCache } from '../store/token-cache';
import { clockOffsetStore } from '../store/clock-offset';
import { recognizeQuotaInvoice } from '../huawei/client';
import { huaweiConfig, isConfig } from '../huawei/config';
import type { ConnectionReport } from '../messages';
import { createCredentialGate } from '../huawei/credential-gate';
import { credentialCheck } from '../store/credential-check';
import { settings } from '../store/settings';
import { createKeepAlive } from './keep-alive';
import { jobAlarm } from './job-alarm';
import { sideFeature } from './side-feature';

/** Builds the worker's services from the browser API and the global fetch. */
export function createServices(browser: WxtBrowser) {
  const fetchFn = (input: string, init?: RequestInit) => fetch(input, init);
  const store = createCaptureStore();
  const tokens = createTokenProvider({ fetch: fetchFn, cache: tokenCache });
  const clientDeps = { fetch: fetchFn, tokens, clock: clockOffsetStore };
  // One gate for the worker: recognitions and Test connection alike stop after a refusal.
  const gate = createCredentialGate(credentialCheck);

  /** The toolbar badge; a side feature: it logs its failures and never throws. */
  const refreshBadge = () =>
    sideFeature('badge', async () => {
      const button = toolbarButton(browser);
      if (!button) return;
      const pending = (await store.withStatus('queued', 'running')).length;
      const state = badgeState(pending, (await store.recent(1))[0]);
      await button.setBadgeText({ text: state.text });
      await button.setBadgeBackgroundColor({ color: state.color });
    });

  // The job queue does the back-off (persisted, with jitter): the client tries each call once.
  const huawei = huaweiRecognizer(readSettings, { ...clientDeps, maxAttempts: 1 }, gate);
  // Chrome has offscreen documents (MV3); Firefox's MV2 background page runs the engine itself.
  const pageHost: ReturnType<typeof inlineClient> & { prepare?: (image: Blob) => void } = engineHost(browser) === 'offscreen-document' ? offscreenClient(browser) : inlineClient();

  const service = createRecognitionService({
    store,
    chooseProvider: async () => resolveProvider(await readSettings()),
    recognize: (provider, image, progress, capture) => {
      if (provider === 'ondevice') return pageHost.recognize(image, progress);
      // A converted image must go as bytes: its URL would give the API the unconverted one; so
      // must an invoice cut out of a photo of several (the URL is the whole photo's).
      const bytesOnly = capture.imageInfo?.converted || capture.photo;
      return huawei(image, bytesOnly ? undefined : (capture.source.resolvedUrl ?? capture.source.imageUrl));
    },
    prepare: (provider, image) => {
      if (provider === 'ondevice') pageHost.prepare?.(image);
    },
    normalize: (image) => normalizeImage(image, { rasterizeSvg: pageHost.rasterizeSvg }),
    cutInvoices,
    // A typed URL's host may not be granted (the popup's prompt needs a gesture): say so, with Allow.
    fetchImage: (url) => fetchUrlImage(url, fetchFn, (u) => hasHostAccess(browser, u)),
    // Side features only: a failure here must not leave the capture queued or running.
    changed: async (capture) => {
      await sideFeature('captures-changed broadcast', () => notifyCapturesChanged(capture.id));
      await refreshBadge();
    },
    jobs: {
      concurrency: settings.concurrency.get,
      keepAlive: createKeepAlive(() => browser.runtime.getPlatformInfo()),
      wake: jobAlarm(browser),
    },
  });

  async function testConnection(): Promise<ConnectionReport> {
    const config = huaweiConfig(await readSettings());
    if (!isConfig(config)) return connectionReport({ ok: false, error: config });
    // Through the gate: refused keys cost no further bad signature (the report says so).
    return connectionReport(await throughGate(gate, config, () => recognizeQuotaInvoice(config, { image: BLANK_PNG_BASE64 }, clientDeps)));
  }

  return { store, service, tokens, testConnection, refreshBadge };
}
