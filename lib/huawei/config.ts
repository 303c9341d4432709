import { checkCustomEndpoint, iamBaseUrl, ocrBaseUrl, quotaInvoicePath, type EndpointSettings } from './endpoint';
import { LocalCode, recognitionError, type RecognitionError } from '../recognize/errors';

export type HuaweiAuth =
  | { mode: 'aksk'; ak: string; sk: string }
  | { mode: 'iam'; user: string; password: string; domain: string; iamBaseUrl: string; scope: string };

/** Everything the client needs for one call, derived from the stored settings. */
export interface HuaweiConfig {
  url: string;
  projectId: string;
  auth: HuaweiAuth;
}

export interface HuaweiSettingsInput extends EndpointSettings {
  projectId: string;
  authMode: 'aksk' | 'iam';
  ak: string;
  sk: string;
  iamUser: string;
  iamPassword: string;
  iamDomain: string;
}

/** An entry of the Huawei settings that can be missing, by the settings' own field names. */
export type HuaweiEntry = 'customEndpoint' | 'ak' | 'sk' | 'iamUser' | 'iamPassword' | 'iamDomain';

/** What `missingHuaweiEntries` reads: the settings (or a form's state) without the region details. */
export type HuaweiEntriesInput = Pick<HuaweiSettingsInput, 'endpointMode' | 'customEndpoint' | 'authMode' | 'ak' | 'sk' | 'iamUser' | 'iamPassword' | 'iamDomain'>;

/**
 * The one rule for what Huawei Cloud needs before a call can be made: a usable custom endpoint
 * when one is chosen (lib/huawei/endpoint.ts checkCustomEndpoint), then the AK and SK, or the IAM
 * user, password and account name. Secrets count when typed or, per `saved`, already stored (the
 * settings page never reads them back). Entries in the order the settings form shows them;
 * empty when complete.
 */
export function missingHuaweiEntries(s: HuaweiEntriesInput, saved: { skSet: boolean; iamPasswordSet: boolean } = { skSet: false, iamPasswordSet: false }): HuaweiEntry[] {
  const missing: HuaweiEntry[] = [];
  if (s.endpointMode === 'custom' && checkCustomEndpoint(s.customEndpoint)) missing.push('customEndpoint');
  if (s.authMode === 'aksk') {
    if (!s.ak.trim()) missing.push('ak');
    if (!s.sk && !saved.skSet) missing.push('sk');
  } else {
    if (!s.iamUser.trim()) missing.push('iamUser');
    if (!s.iamPassword && !saved.iamPasswordSet) missing.push('iamPassword');
    if (!s.iamDomain.trim()) missing.push('iamDomain');
  }
  return missing;
}

/** How a missing entry is named in LOCAL.NOT_CONFIGURED's message (never a secret's value). */
const ENTRY_NAMES: Record<HuaweiEntry, string> = {
  customEndpoint: 'endpoint', ak: 'AK', sk: 'SK', iamUser: 'IAM user', iamPassword: 'IAM password', iamDomain: 'account name',
};

/** The config, or a "not configured" error naming what is missing (never a secret's value). */
export function huaweiConfig(s: HuaweiSettingsInput): HuaweiConfig | RecognitionError {
  const missing = missingHuaweiEntries(s).map((entry) => ENTRY_NAMES[entry]);
  if (missing.length > 0) return recognitionError(LocalCode.notConfigured, `missing: ${missing.join(', ')}`);
  const auth: HuaweiAuth =
    s.authMode === 'aksk'
      ? { mode: 'aksk', ak: s.ak.trim(), sk: s.sk }
      : {
          mode: 'iam',
          user: s.iamUser.trim(),
          password: s.iamPassword,
          domain: s.iamDomain.trim(),
          iamBaseUrl: iamBaseUrl(s),
          scope: s.region,
        };
  return { url: ocrBaseUrl(s) + quotaInvoicePath(s.projectId), projectId: s.projectId, auth };
}

export function isConfig(value: HuaweiConfig | RecognitionError): value is HuaweiConfig {
  return 'url' in value;
}
