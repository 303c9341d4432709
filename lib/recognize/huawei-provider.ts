import { recognizeQuotaInvoice, type ClientDeps, type RecognizeOutcome } from '../huawei/client';
import { huaweiConfig, isConfig, type HuaweiSettingsInput } from '../huawei/config';
import { bytesToBase64 } from '../image/base64';

/** Recognizes one image with Huawei Cloud, using the settings as they are at call time. */
export function huaweiRecognizer(
  readSettings: () => Promise<HuaweiSettingsInput>,
  deps: ClientDeps,
): (image: Blob) => Promise<RecognizeOutcome> {
  return async (image) => {
    const config = huaweiConfig(await readSettings());
    if (!isConfig(config)) return { ok: false, error: config };
    const base64 = bytesToBase64(new Uint8Array(await image.arrayBuffer()));
    return recognizeQuotaInvoice(config, { image: base64 }, deps);
  };
}
