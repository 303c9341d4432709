import type { RecognizeOutcome } from '../recognize/contract';
import { LocalCode, recognitionError } from '../recognize/errors';
import { recognizeQuotaInvoice, type ClientDeps } from './client';
import { huaweiConfig, isConfig, type HuaweiConfig, type HuaweiSettingsInput } from './config';
import { bytesToBase64 } from '../image/base64';
import { credentialFingerprint, verdictOf, type CredentialGate } from './credential-gate';
import { urlForApi } from '../recognize/url-body';

export interface HuaweiProviderSettings extends HuaweiSettingsInput {
  sendImageUrl: boolean;
}

/** AIS.0101–0103 on a URL body: the service could not fetch or use it; the bytes are sent instead. */
const URL_REFUSED = new Set(['AIS.0101', 'AIS.0102', 'AIS.0103']);

/**
 * Runs `call` only if the gate lets these credentials be sent, and tells the gate the verdict.
 * Refused credentials give LOCAL.KEYS_REFUSED without a request (DESIGN.md: "after a signature
 * or token rejection nothing more is sent with those credentials until they change").
 */
export async function throughGate(gate: CredentialGate, config: HuaweiConfig, call: () => Promise<RecognizeOutcome>): Promise<RecognizeOutcome> {
  const fingerprint = await credentialFingerprint(config);
  if ((await gate.admit(fingerprint)) === 'locked') {
    const refusal = await gate.refusal(fingerprint);
    return { ok: false, error: recognitionError(LocalCode.keysRefused, `not sent: these credentials were refused${refusal ? ` (${refusal.code})` : ''}; change them in Settings`) };
  }
  let outcome: RecognizeOutcome | undefined;
  try {
    outcome = await call();
    return outcome;
  } finally {
    // Always settled, or calls waiting for this probe's verdict would wait forever.
    await gate.settle(fingerprint, outcome ? verdictOf(outcome) : 'unknown', outcome && !outcome.ok ? outcome.error.code : undefined);
  }
}

/**
 * Recognizes one image with Huawei Cloud, using the settings as they are at call time: its bytes
 * as base64, or, when the user chose so and the image is public, its URL. Every call passes the
 * credential gate.
 */
export function huaweiRecognizer(
  readSettings: () => Promise<HuaweiProviderSettings>,
  deps: ClientDeps,
  gate: CredentialGate,
): (image: Blob, imageUrl?: string) => Promise<RecognizeOutcome> {
  return async (image, imageUrl) => {
    const settings = await readSettings();
    const config = huaweiConfig(settings);
    if (!isConfig(config)) return { ok: false, error: config };
    return throughGate(gate, config, async () => {
      const url = settings.sendImageUrl ? urlForApi(imageUrl, settings.endpointMode) : null;
      if (url) {
        const byUrl = await recognizeQuotaInvoice(config, { url }, deps);
        if (byUrl.ok || !URL_REFUSED.has(byUrl.error.code)) return byUrl;
      }
      return recognizeQuotaInvoice(config, { image: bytesToBase64(new Uint8Array(await image.arrayBuffer())) }, deps);
    });
  };
}
