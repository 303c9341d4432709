import { z } from 'zod';

/**
 * Every failure the extension can meet while recognizing, as one shape. `code` is Huawei's
 * `error_code` (AIS.0103, APIG.0301…) or one of the local codes below; `message` is what the
 * server said (shown beside the human text, never containing secrets).
 */
export const RecognitionErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
  requestId: z.string().optional(),
  retryable: z.boolean(),
});
export type RecognitionError = z.infer<typeof RecognitionErrorSchema>;

/** Codes made on this side of the wire (no Huawei code exists for them). */
export const LocalCode = {
  network: 'LOCAL.NETWORK',
  timeout: 'LOCAL.TIMEOUT',
  badResponse: 'LOCAL.BAD_RESPONSE',
  notConfigured: 'LOCAL.NOT_CONFIGURED',
  iamAuth: 'LOCAL.IAM_AUTH',
  imageFetch: 'LOCAL.IMAGE_FETCH',
  /** The image URL answered 404/410: deleted or moved, not a login problem. */
  imageGone: 'LOCAL.IMAGE_GONE',
  notImage: 'LOCAL.NOT_IMAGE',
  imageTooSmall: 'LOCAL.IMAGE_TOO_SMALL',
  unsupportedFormat: 'LOCAL.UNSUPPORTED_FORMAT',
  interrupted: 'LOCAL.INTERRUPTED',
} as const;

/** Codes worth retrying with back-off (DESIGN.md): throttling, overload, backend timeouts. */
const RETRYABLE_CODES = new Set(['ModelArts.4401', 'ModelArts.4402', 'APIG.0308', LocalCode.network, LocalCode.timeout]);

export function isRetryable(code: string, status?: number): boolean {
  if (code.startsWith('AIS.') || status === 401) return false;
  return RETRYABLE_CODES.has(code) || status === 429 || (status !== undefined && status >= 500);
}

/** Error codes that have their own human message in _locales (others fall back by prefix). */
export const KNOWN_CODES = [
  'AIS.0101', 'AIS.0102', 'AIS.0103', 'AIS.0104', 'AIS.0105',
  'ModelArts.4204', 'ModelArts.4401', 'ModelArts.4402',
  'APIG.0101', 'APIG.0201', 'APIG.0301', 'APIG.0307', 'APIG.0308',
  ...Object.values(LocalCode),
] as const;

/** The i18n message key explaining a code: `error_AIS_0103`, or `error_unknown`. */
export function errorMessageKey(code: string): string {
  return (KNOWN_CODES as readonly string[]).includes(code)
    ? `error_${code.replace(/\W/g, '_')}`
    : 'error_unknown';
}

export function recognitionError(
  code: string,
  message: string,
  extra: { status?: number; requestId?: string } = {},
): RecognitionError {
  return { code, message, ...extra, retryable: isRetryable(code, extra.status) };
}
