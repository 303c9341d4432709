/** Where requests go: Huawei Cloud's regional hosts, or a custom endpoint (a local server). */

export const DEFAULT_REGION = 'cn-north-4';

/** Regions with an OCR endpoint; Huawei lists the quota-invoice API for cn-north-4 only. */
export const OCR_REGIONS = ['cn-north-4', 'cn-north-1', 'cn-east-3', 'cn-south-1', 'cn-southwest-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'af-south-1'] as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type EndpointProblem = 'endpoint_invalid' | 'endpoint_needs_https';

/** A custom endpoint must be an absolute URL, https unless it is this machine. */
export function checkCustomEndpoint(value: string): EndpointProblem | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'endpoint_invalid';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url.protocol === 'http:' ? 'endpoint_needs_https' : 'endpoint_invalid';
}

export interface EndpointSettings {
  endpointMode: 'region' | 'custom';
  region: string;
  customEndpoint: string;
}

function customOrigin(settings: EndpointSettings): string {
  return settings.customEndpoint.trim().replace(/\/+$/, '');
}

export function ocrBaseUrl(settings: EndpointSettings): string {
  return settings.endpointMode === 'custom'
    ? customOrigin(settings)
    : `https://ocr.${settings.region}.myhuaweicloud.com`;
}

/** A custom endpoint serves the IAM token route too (the emulator does; a proxy may). */
export function iamBaseUrl(settings: EndpointSettings): string {
  return settings.endpointMode === 'custom'
    ? customOrigin(settings)
    : `https://iam.${settings.region}.myhuaweicloud.com`;
}

/** v2 with a project id (what current SDKs call), v1.0 without (DESIGN.md). */
export function quotaInvoicePath(projectId: string): string {
  return projectId
    ? `/v2/${encodeURIComponent(projectId)}/ocr/quota-invoice`
    : '/v1.0/ocr/quota-invoice';
}
