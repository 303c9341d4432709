import { z } from 'zod';
import { QuotaInvoiceResultSchema, RecognitionErrorSchema } from '../recognize/contract';
import { withoutBidiControls } from '../util/bidi-controls';

export const CaptureStatusSchema = z.enum(['queued', 'running', 'done', 'failed']);
export type CaptureStatus = z.infer<typeof CaptureStatusSchema>;

/** Where an invoice image came from, kept so a batch can show it and Retry can re-fetch it. */
export const CaptureSourceSchema = z.object({
  kind: z.enum(['context-menu', 'picker', 'region', 'url', 'file', 'paste', 'drop', 'pdf']),
  pageUrl: z.string().optional(),
  /** The URL the user gave or clicked (a data: URL is kept shortened). */
  imageUrl: z.string().optional(),
  /** As picked, dropped or pasted, without directional formatting characters (util/bidi-controls.ts): stored, shown and exported so. */
  fileName: z.string().transform(withoutBidiControls).optional(),
  /** Where the bytes really came from: a better source than the clicked one, and how it was read. */
  resolvedUrl: z.string().optional(),
  via: z.enum(['data-url', 'worker-fetch', 'page-fetch', 'page-pixels', 'screenshot']).optional(),
});
export type CaptureSource = z.infer<typeof CaptureSourceSchema>;

/** Which engine read a capture: Huawei Cloud OCR, or the on-device engine (no account). */
export const ProviderIdSchema = z.enum(['huawei', 'ondevice']);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

/** Shown while a recognition runs: the on-device engine's first run loads its models. */
export const ProgressSchema = z.object({
  /** loading-models: reading the model files; starting-engine: compiling them (a few seconds the first time). */
  stage: z.enum(['loading-models', 'starting-engine', 'recognizing']),
  /** 0–1 when known. */
  fraction: z.number().min(0).max(1).optional(),
  /** Model bytes read so far, and in all, when known (shown as "12.3 of 16.0 MB"). */
  loadedBytes: z.number().int().nonnegative().optional(),
  totalBytes: z.number().int().nonnegative().optional(),
});
export type Progress = z.infer<typeof ProgressSchema>;

/**
 * Why a queued capture is waiting instead of running (shown on its card): no network, the
 * server throttles, the server failed (5xx, timeout), the Huawei credentials were refused, or the
 * browser is asking the user whether the extension may read the image's site (a URL typed into
 * the popup, whose prompt can close the popup: lib/recognize/host-answer.ts).
 */
export const WaitReasonSchema = z.enum(['network', 'throttled', 'server', 'credentials', 'host']);
export type WaitReason = z.infer<typeof WaitReasonSchema>;

/**
 * A capture as a persisted job (lib/recognize/queue.ts): counters since the user last started it
 * (capture, Retry, re-read) and, while queued, when and why it waits.
 */
export const JobStateSchema = z.object({
  /** Retryable failures (throttling, 5xx, network) so far; the back-off grows with it. */
  retries: z.number().int().nonnegative().default(0),
  /** Times a worker stopped while this job ran (found `running` by the next worker). */
  interruptions: z.number().int().nonnegative().default(0),
  /** Epoch ms before which it is not started again (back-off). */
  notBefore: z.number().optional(),
  wait: WaitReasonSchema.optional(),
});
export type JobState = z.infer<typeof JobStateSchema>;

/**
 * One invoice of a photo that held several (a clerk's desk of 2–10 slips): which photo, where in
 * its reading order (`index` 0 = first, rows top to bottom, left to right) and of how many. The
 * capture's own image is its crop; the photo is kept once, beside them (CaptureStore.photo).
 */
export const PhotoPartSchema = z.object({
  id: z.string().min(1).max(100),
  index: z.number().int().nonnegative().max(99),
  count: z.number().int().min(2).max(100),
});
export type PhotoPart = z.infer<typeof PhotoPartSchema>;

/** One captured invoice. The image Blob lives in its own store, keyed by the same id. */
export const CaptureSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: CaptureStatusSchema,
  source: CaptureSourceSchema,
  provider: ProviderIdSchema,
  progress: ProgressSchema.optional(),
  hasImage: z.boolean(),
  imageType: z.string().optional(),
  imageSha256: z.string().optional(),
  /** What normalization did: the stored image is API-ready once `normalized` is true. */
  normalized: z.boolean().default(false),
  imageInfo: z
    .object({ sourceFormat: z.string(), sourceBytes: z.number(), converted: z.boolean(), reason: z.string().optional() })
    .optional(),
  result: QuotaInvoiceResultSchema.optional(),
  /** Fields the user corrected; the recognized value stays in `result` beside it. */
  corrections: z.object({ number: z.string(), code: z.string(), location: z.string(), amount: z.string() }).partial().optional(),
  requestId: z.string().optional(),
  error: RecognitionErrorSchema.optional(),
  /**
   * Set when the last Huawei call had to be signed with the gateway's time: how far (ms) its clock
   * is ahead of this computer's (negative: behind). The card tells the user to fix their clock.
   */
  clockOffsetMs: z.number().optional(),
  attempts: z.number().int(),
  job: JobStateSchema.optional(),
  /** Set when this invoice was cut out of a photo of several. */
  photo: PhotoPartSchema.optional(),
});
export type Capture = z.infer<typeof CaptureSchema>;

export type InvoiceFieldName = 'number' | 'code' | 'location' | 'amount';
const FIELD_NAMES = ['number', 'code', 'location', 'amount'] as const satisfies readonly InvoiceFieldName[];

/** The fields as the user means them: a correction wins over the recognized value. */
export function effectiveFields(capture: Pick<Capture, 'result' | 'corrections'>): Partial<Record<InvoiceFieldName, string>> {
  // Plain property copies, no Object.entries/fromEntries: the batch page calls this for each of
  // thousands of captures per render, and the dictionary-mode objects fromEntries builds made it
  // the first render's largest cost (4.7 s of 12 s profiled with 5,000 captures).
  const out: Partial<Record<InvoiceFieldName, string>> = {};
  for (const name of FIELD_NAMES) {
    const value = capture.corrections?.[name] ?? capture.result?.[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
