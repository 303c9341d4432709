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

/** The config, or a "not configured" error naming what is missing (never a secret's value). */
export function huaweiConfig(s: HuaweiSettingsInput): HuaweiConfig | RecognitionError {
  const missing: string[] = [];
  if (s.endpointMode === 'custom' && checkCustomEndpoint(s.customEndpoint)) missing.push('endpoint');
  if (s.authMode === 'aksk') {
    if (!s.ak.trim()) missing.push('AK');
    if (!s.sk) missing.push('SK');
  } else {
    if (!s.iamUser.trim()) missing.push('IAM user');
    if (!s.iamPassword) missing.push('IAM password');
    if (!s.iamDomain.trim()) missing.push('account name');
  }
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
