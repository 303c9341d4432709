/**
 * The recognition contract every provider implements (Huawei Cloud, the on-device engine, any
 * other cloud): the result, the error, the outcome and the provider interface. Providers depend on
 * this room and never on each other (DESIGN.md, "Anchors to imitate": the Vercel AI SDK's split).
 * The shapes are Huawei's quota-invoice API's, which the product adopted as its own.
 */
import { z } from 'zod';

/** The quota-invoice fields: 发票号码 number, 发票代码 code, 开票地点 location, 金额 amount. */
export const QuotaInvoiceFieldSchema = z.enum(['number', 'code', 'location', 'amount']);
export type QuotaInvoiceField = z.infer<typeof QuotaInvoiceFieldSchema>;
export const QUOTA_INVOICE_FIELDS = QuotaInvoiceFieldSchema.options;

/** Longest text a field may hold: an answer with more is malformed, never stored as a result. */
export const MAX_FIELD_LENGTH = 200;
const field = z.string().max(MAX_FIELD_LENGTH).optional();
const confidence = z.number().min(0).max(1).optional();

/** Largest image side (px) a field's region may refer to: beyond any image the product keeps. */
export const MAX_BOX_IMAGE_SIDE = 16384;
const side = z.number().int().min(1).max(MAX_BOX_IMAGE_SIDE);
const coordinate = z.number().finite().min(0).max(MAX_BOX_IMAGE_SIDE);
/** A point in image px: x to the right, y down, from the image's top-left corner. */
const PointSchema = z.tuple([coordinate, coordinate]);
/** A field's region: the corners of the printed line it was read from (top-left, top-right, bottom-right, bottom-left as the text reads; a skewed or turned page gives a turned quad). */
export const FieldQuadSchema = z.tuple([PointSchema, PointSchema, PointSchema, PointSchema]);
export type FieldQuad = z.infer<typeof FieldQuadSchema>;

/**
 * Where on the picture each field was read, when the provider knows it (the on-device engine
 * does; Huawei's API does not say). Corners are in px of the image the provider was given, upright
 * (EXIF orientation applied), at its own size: `width` × `height` says which size, so a viewer
 * showing it at another size scales by its own width / `width`. Every corner lies inside.
 */
export const FieldBoxesSchema = z
  .object({
    width: side,
    height: side,
    fields: z.object({ number: FieldQuadSchema.optional(), code: FieldQuadSchema.optional(), location: FieldQuadSchema.optional(), amount: FieldQuadSchema.optional() }),
  })
  .refine((b) => Object.values(b.fields).every((quad) => quad === undefined || quad.every(([x, y]) => x <= b.width && y <= b.height)), {
    message: 'a field region lies outside its image',
  });
export type FieldBoxes = z.infer<typeof FieldBoxesSchema>;

/** A result: every field optional (a provider may read 3 of 4), strings as printed, confidences 0–1. */
export const QuotaInvoiceResultSchema = z.object({
  number: field,
  code: field,
  location: field,
  amount: field,
  confidence: z.object({ number: confidence, code: confidence, location: confidence, amount: confidence }).optional(),
  /**
   * Where each field was read on the picture, when the provider knows (the on-device engine).
   * A region that fails its check is dropped, never the result: it costs only the outline.
   */
  boxes: FieldBoxesSchema.optional().catch(undefined),
});
export type QuotaInvoiceResult = z.infer<typeof QuotaInvoiceResultSchema>;

/**
 * What a refused image looks like instead of a quota invoice (AIS.0104): the product names it
 * ("this looks like a taxi receipt"). 'unknown': no invoice read at all.
 */
export const DocumentKindSchema = z.enum([
  'taxi-receipt', 'train-ticket', 'air-itinerary', 'vat-special', 'vat-ordinary', 'e-invoice',
  'machine-printed', 'vehicle-sales', 'toll-parking', 'unknown',
]);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/**
 * Every failure, as one shape. `code` is the contract's vocabulary: the API's codes (AIS.0101–0105,
 * which every provider answers with: AIS.0104 "not a quota invoice"), a provider's own codes in
 * their canonical spelling (APIG.0301…), or a local code (lib/recognize/errors.ts). `sentCode` is
 * the code exactly as a server spelled it, kept only when that differs. `message` is what the
 * provider said, shown beside the human words, never containing secrets.
 */
export const RecognitionErrorSchema = z.object({
  code: z.string().max(64),
  sentCode: z.string().max(64).optional(),
  message: z.string().max(2000),
  status: z.number().int().optional(),
  requestId: z.string().max(200).optional(),
  retryable: z.boolean(),
  /** Set by the provider: the credentials were refused (nothing more is sent with them until they change). */
  refusedCredentials: z.boolean().optional(),
  /** Set by the provider: the server throttles (the job waits and retries later, it is not failed). */
  throttled: z.boolean().optional(),
  /** With AIS.0104: the kind of paper it looks like instead. */
  documentKind: DocumentKindSchema.optional(),
  /** The server's `Retry-After`, ms from when the answer came (throttling, 429/503). */
  retryAfterMs: z.number().nonnegative().optional(),
  /**
   * With LOCAL.NOT_IMAGE: what the bytes hold instead, sniffed from their first bytes (a web page,
   * plain text…), so the words do not call a text file "a web page — are you logged in?" (trial 6).
   */
  holds: z.enum(['html', 'json', 'text', 'empty', 'unknown']).optional(),
  /** With LOCAL.IMAGE_TOO_SMALL / LOCAL.IMAGE_TOO_NARROW: the image's decoded size, px (the words name it). */
  imageSize: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).optional(),
  /**
   * With LOCAL.IMPORTED_UNREAD: why it had not been read on the machine it was exported from (its
   * failure then, e.g. LOCAL.HOST_ACCESS and the URL), kept so the words can say so. Records
   * stored or exported before it existed have none.
   */
  unreadBecause: z.object({ code: z.string().max(64), sentCode: z.string().max(64).optional(), message: z.string().max(2000) }).optional(),
});
export type RecognitionError = z.infer<typeof RecognitionErrorSchema>;

/** What one recognition ends with. */
export type RecognizeOutcome = (
  | { ok: true; result: QuotaInvoiceResult; requestId?: string }
  | { ok: false; error: RecognitionError }
) & {
  /**
   * Set when a provider had to correct for this computer's clock (Huawei's signatures): the
   * server's time minus local time, ms (positive: the computer is behind). The user is told.
   */
  clockOffsetMs?: number;
};

/** Progress while a provider works (the on-device engine's first run loads its models). */
export type ProgressReport = (progress: { stage: 'loading-models' | 'starting-engine' | 'recognizing'; fraction?: number; loadedBytes?: number; totalBytes?: number }) => void;

/** A provider: reads one API-ready image (JPEG/PNG within the limits of lib/image). */
export interface RecognitionProvider {
  recognize(image: Blob, progress: ProgressReport, hints: { imageUrl?: string }): Promise<RecognizeOutcome>;
}
