import { type DocumentKind, DocumentKindSchema, type RecognitionError } from './contract';

export type { RecognitionError } from './contract';

/** Codes made on this side of the wire, whatever the provider (no server code exists for them). */
export const LocalCode = {
  network: 'LOCAL.NETWORK',
  timeout: 'LOCAL.TIMEOUT',
  badResponse: 'LOCAL.BAD_RESPONSE',
  notConfigured: 'LOCAL.NOT_CONFIGURED',
  iamAuth: 'LOCAL.IAM_AUTH',
  imageFetch: 'LOCAL.IMAGE_FETCH',
  /**
   * The image's site is one the user has not let the extension read (issue 11: hosts are optional)
   * and the page could not give it either. `message` is the URL whose host to ask for.
   */
  hostAccess: 'LOCAL.HOST_ACCESS',
  imageGone: 'LOCAL.IMAGE_GONE',
  notImage: 'LOCAL.NOT_IMAGE',
  imageTooSmall: 'LOCAL.IMAGE_TOO_SMALL',
  /** Too long and thin: fitted into the longest side allowed, the shortest falls under the minimum (lib/image/plan.ts). */
  imageTooNarrow: 'LOCAL.IMAGE_TOO_NARROW',
  /** Image bytes cut short or that do not decode (lib/image/complete.ts, plan.ts). */
  imageDamaged: 'LOCAL.IMAGE_DAMAGED',
  unsupportedFormat: 'LOCAL.UNSUPPORTED_FORMAT',
  interrupted: 'LOCAL.INTERRUPTED',
  importedUnread: 'LOCAL.IMPORTED_UNREAD',
  /** Not sent: these credentials were refused before and have not changed since (lib/recognize/credential-gate.ts). */
  keysRefused: 'LOCAL.KEYS_REFUSED',
} as const;

/** The API's own codes (Huawei's quota-invoice API page), answered by every provider alike. */
export const CONTRACT_CODES = ['AIS.0101', 'AIS.0102', 'AIS.0103', 'AIS.0104', 'AIS.0105', ...Object.values(LocalCode)] as const;

/**
 * Worth retrying with back-off, for any provider: a network failure or timeout, HTTP 429 and 5xx;
 * never an AIS.* verdict on the image, never a 401 (DESIGN.md, retry rules). Providers add their
 * own codes (Huawei: throttling and overload) through `retryable`.
 */
export function isRetryableAnswer(code: string, status?: number): boolean {
  if (code.startsWith('AIS.') || status === 401) return false;
  return code === LocalCode.network || code === LocalCode.timeout || status === 429 || (status !== undefined && status >= 500);
}

/**
 * Whether the paper was named as another kind (AIS.0104 with its `documentKind`, not 'unknown'):
 * "this looks like a taxi receipt".
 */
export function namesOtherPaper(error: Pick<RecognitionError, 'code' | 'documentKind'>): boolean {
  return error.code === 'AIS.0104' && error.documentKind !== undefined && error.documentKind !== 'unknown';
}

/**
 * Verdicts on the image's own bytes made on this side before any engine has them (lib/image/plan.ts
 * size rules, normalize.ts decoding and format): the same bytes get the same verdict, whichever
 * engine is chosen, so no engine has read them.
 */
const BYTES_VERDICTS: ReadonlySet<string> = new Set([
  LocalCode.notImage, LocalCode.imageTooSmall, LocalCode.imageTooNarrow, LocalCode.imageDamaged, LocalCode.unsupportedFormat,
]);

/** Whether `error` is a verdict on the image bytes made before any engine had them (BYTES_VERDICTS). */
export function isBytesVerdict(error: Pick<RecognitionError, 'code'>): boolean {
  return BYTES_VERDICTS.has(error.code);
}

/**
 * The API's verdicts on the image it was sent (Huawei's quota-invoice API page: AIS.0102 format,
 * AIS.0103 size, AIS.0104 not a quota invoice or poor quality): the same image sent again gets the same.
 */
const IMAGE_ANSWERS: ReadonlySet<string> = new Set(['AIS.0102', 'AIS.0103', 'AIS.0104']);

/**
 * Whether the user's Retry (the same image, the same engine) can end otherwise. `imageKept`: the
 * capture's bytes are stored (Capture.hasImage), so Retry sends those very bytes again instead of
 * fetching its URL anew. Never for paper named as another kind (a taxi receipt read again is a taxi
 * receipt again, whatever was fetched); not, on kept bytes, for a verdict on those bytes (too small,
 * not an image, damaged: a 10×10 px picture stays 10×10) or the API's verdict on the image. "Read
 * again with" the other engine and entering by hand stay offered. Every other failure can change:
 * the network, the keys, a quota, a timeout, a site that needed a login (a page fetched instead of
 * the image is not kept: Retry fetches again).
 */
export function retryCanChange(error: Pick<RecognitionError, 'code' | 'documentKind'>, imageKept: boolean): boolean {
  if (namesOtherPaper(error)) return false;
  return !(imageKept && (isBytesVerdict(error) || IMAGE_ANSWERS.has(error.code)));
}

/** The code to show: as the server sent it (APIGW.0301), else the canonical one. */
export function displayCode(error: Pick<RecognitionError, 'code' | 'sentCode'>): string {
  return error.sentCode ?? error.code;
}

/** Builds an error of the contract; `retryable` defaults to the rule above. */
export function recognitionError(
  code: string,
  message: string,
  extra: {
    status?: number;
    requestId?: string;
    sentCode?: string;
    retryable?: boolean;
    retryAfterMs?: number;
    refusedCredentials?: boolean;
    throttled?: boolean;
    documentKind?: DocumentKind;
    imageSize?: { width: number; height: number };
    holds?: RecognitionError['holds'];
    unreadBecause?: Pick<RecognitionError, 'code' | 'sentCode' | 'message'>;
  } = {},
): RecognitionError {
  const { retryable, sentCode, ...rest } = extra;
  return {
    code,
    ...(sentCode !== undefined && sentCode !== code ? { sentCode } : {}),
    message: message.slice(0, 2000),
    ...rest,
    retryable: retryable ?? isRetryableAnswer(code, extra.status),
  };
}

/**
 * The `error_msg` of AIS.0104 ("not a quota invoice"): Huawei's own words, plus the kind of paper
 * when one was recognized, named in brackets at the end ("… it looks like a taxi receipt
 * (taxi-receipt).") — what the on-device provider writes and the emulator (any server built on
 * this engine) sends, so the kind survives the wire.
 */
export function notQuotaMessage(kind: DocumentKind): string {
  const base = 'The image is not a quota invoice or the image quality is poor.';
  return kind === 'unknown' ? base : `The image is not a quota invoice: it looks like ${KIND_IN_WORDS[kind]} (${kind}).`;
}

/**
 * Each kind in the API's English, with its article (the wire's words; the UI names kinds in its own
 * language from `documentKind`). Written out: "a air itinerary" and "a vat special" were what the
 * kind's id gave (trial 8).
 */
const KIND_IN_WORDS: Record<Exclude<DocumentKind, 'unknown'>, string> = {
  'taxi-receipt': 'a taxi receipt',
  'train-ticket': 'a train ticket',
  'air-itinerary': 'an air itinerary',
  'vat-special': 'a VAT special invoice',
  'vat-ordinary': 'a VAT ordinary invoice',
  'e-invoice': 'an e-invoice',
  'machine-printed': 'a machine-printed general invoice',
  'vehicle-sales': 'a vehicle sales invoice',
  'toll-parking': 'a toll or parking receipt',
};

/**
 * The kind named by `notQuotaMessage` in a server's `error_msg`, or undefined when the message
 * names none (Huawei Cloud's own answers never do). Only a known kind in the final brackets counts.
 */
export function documentKindInMessage(message: string): DocumentKind | undefined {
  const named = /\(([a-z-]+)\)\.?\s*$/.exec(message)?.[1];
  const kind = DocumentKindSchema.safeParse(named);
  return kind.success && kind.data !== 'unknown' ? kind.data : undefined;
}
