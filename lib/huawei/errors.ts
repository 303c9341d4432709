import { z } from 'zod';

/**
 * What kind of paper an image looks like, when it is not a quota invoice (AIS.0104 from the
 * on-device engine): the popup names it ("This looks like a taxi receipt…"). `unknown`: no
 * quota invoice was found and nothing else was recognized either (blank page, poor photo).
 */
export const DocumentKindSchema = z.enum([
  'taxi-receipt', 'train-ticket', 'air-itinerary', 'vat-special', 'vat-ordinary', 'e-invoice',
  'machine-printed', 'vehicle-sales', 'toll-parking', 'unknown',
]);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/**
 * Every failure the extension can meet while recognizing, as one shape. `code` is Huawei's
 * `error_code` (AIS.0103, APIG.0301…) in its canonical spelling (see `canonicalCode`), or one of
 * the local codes below: every rule (retry, token renewal, human words) reads `code`.
 * `sentCode` is the code exactly as the server spelled it, kept only when that differs
 * (`APIGW.0301`), so the user and support see what the gateway said. `message` is what the
 * server said (shown beside the human text, never containing secrets).
 */
export const RecognitionErrorSchema = z.object({
  code: z.string(),
  sentCode: z.string().optional(),
  message: z.string(),
  status: z.number().int().optional(),
  requestId: z.string().optional(),
  retryable: z.boolean(),
  /** Only with AIS.0104 from a recognizer that tells the kind: what the image looks like instead. */
  documentKind: DocumentKindSchema.optional(),
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
  notImage: 'LOCAL.NOT_IMAGE',
  imageTooSmall: 'LOCAL.IMAGE_TOO_SMALL',
  unsupportedFormat: 'LOCAL.UNSUPPORTED_FORMAT',
  interrupted: 'LOCAL.INTERRUPTED',
} as const;

/**
 * The live API gateway spells its codes `APIGW.xxxx` as well as `APIG.xxxx` (public reports show
 * both, DESIGN.md): one vocabulary, so `APIGW.0301` → `APIG.0301`. Every other code is unchanged.
 * Idempotent; the single place where spellings are folded.
 */
export function canonicalCode(code: string): string {
  return code.replace(/^APIGW\./, 'APIG.');
}

/** The code to show: as the server sent it (APIGW.0301), else the canonical one. */
export function displayCode(error: Pick<RecognitionError, 'code' | 'sentCode'>): string {
  return error.sentCode ?? error.code;
}

/** Codes worth retrying with back-off (DESIGN.md): throttling, overload, backend timeouts. */
const RETRYABLE_CODES = new Set(['ModelArts.4401', 'ModelArts.4402', 'APIG.0308', LocalCode.network, LocalCode.timeout]);

/** Either spelling of a gateway code (APIG./APIGW.) gives the same answer. */
export function isRetryable(sent: string, status?: number): boolean {
  const code = canonicalCode(sent);
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

/**
 * Codes after which IAM auth gets a fresh token, once (DESIGN.md: "renew … once on
 * APIG.0301/0307"). Canonical spelling; `renewsToken` folds APIGW.* first.
 */
const TOKEN_REJECTED = new Set(['APIG.0301', 'APIG.0307']);

export function renewsToken(sent: string): boolean {
  return TOKEN_REJECTED.has(canonicalCode(sent));
}

/**
 * The i18n message key explaining a code: `error_AIS_0103`, or `error_unknown`. Either spelling
 * of a gateway code gets the same words (`APIGW.0301` → `error_APIG_0301`).
 */
export function errorMessageKey(sent: string): string {
  const code = canonicalCode(sent);
  return (KNOWN_CODES as readonly string[]).includes(code)
    ? `error_${code.replace(/\W/g, '_')}`
    : 'error_unknown';
}

/**
 * Builds every error (server answers and local ones): the code is folded to its canonical
 * spelling here, and the server's own spelling kept in `sentCode` when it differs.
 */
export function recognitionError(
  sent: string,
  message: string,
  extra: { status?: number; requestId?: string; documentKind?: DocumentKind } = {},
): RecognitionError {
  const code = canonicalCode(sent);
  return { code, ...(code !== sent ? { sentCode: sent } : {}), message, ...extra, retryable: isRetryable(code, extra.status) };
}
