import { z } from 'zod';
import { QuotaInvoiceResultSchema, RecognitionErrorSchema } from '../recognize/contract';
import { ProgressSchema } from '../store/capture-schema';

/**
 * Worker ⇄ offscreen document messages. Runtime messages reach every extension page, so each
 * carries a `target`. The image to read was posted to the document as a Blob just before
 * (image-post.ts); only where that way is not there does it travel here as a data URL (runtime
 * messages are JSON, 64 MiB at most).
 */
export const OffscreenRequestSchema = z.object({
  target: z.literal('ondevice-engine'),
  requestId: z.string(),
  dataUrl: z.string().startsWith('data:').optional(),
});
export type OffscreenRequest = z.infer<typeof OffscreenRequestSchema>;

export const OffscreenProgressSchema = z.object({
  target: z.literal('ondevice-progress'),
  requestId: z.string(),
  progress: ProgressSchema,
});

/** SVG to rasterize (the worker cannot decode SVG); answered with a PNG data URL. */
export const RasterizeRequestSchema = z.object({ target: z.literal('rasterize-svg'), dataUrl: z.string().startsWith('data:') });

/** The engine has been idle for a while: the worker may close the document to free its memory. */
export const OffscreenIdleSchema = z.object({ target: z.literal('ondevice-idle') });

/** The document's answer when the posted image never reached it: the worker sends a data URL. */
export const ImageMissingSchema = z.object({ imageMissing: z.literal(true) });

export const OutcomeSchema = z.union([
  z.object({ ok: z.literal(true), result: QuotaInvoiceResultSchema, requestId: z.string().optional() }),
  z.object({ ok: z.literal(false), error: RecognitionErrorSchema }),
]);
