import type { RecognizeOutcome } from '../recognize/contract';
import { recognizeQuotaInvoice, type ClientDeps } from './client';
import { huaweiConfig, isConfig, type HuaweiSettingsInput } from './config';
import { bytesToBase64 } from '../image/base64';
import { urlForApi } from '../recognize/url-body';

export interface HuaweiProviderSettings extends HuaweiSettingsInput {
  sendImageUrl: boolean;
}

/** AIS.0101–0103 on a URL body: the service could not fetch or use it; the bytes are sent instead. */
const URL_REFUSED = new Set(['AIS.0101', 'AIS.0102', 'AIS.0103']);

/**
 * Recognizes one image with Huawei Cloud, using the settings as they are at call time: its bytes
 * as base64, or, when the user chose so and the image is public, its URL.
 */
export function huaweiRecognizer(
  readSettings: () => Promise<HuaweiProviderSettings>,
  deps: ClientDeps,
): (image: Blob, imageUrl?: string) => Promise<RecognizeOutcome> {
  return async (image, imageUrl) => {
    const settings = await readSettings();
    const config = huaweiConfig(settings);
    if (!isConfig(config)) return { ok: false, error: config };
    const url = settings.sendImageUrl ? urlForApi(imageUrl, settings.endpointMode) : null;
    if (url) {
      const byUrl = await recognizeQuotaInvoice(config, { url }, deps);
      if (byUrl.ok || !URL_REFUSED.has(byUrl.error.code)) return byUrl;
    }
    return recognizeQuotaInvoice(config, { image: bytesToBase64(new Uint8Array(await image.arrayBuffer())) }, deps);
  };
}
