import { z } from 'zod';
import { QuotaInvoiceResultSchema, RecognitionErrorSchema } from '../recognize/contract';
import { ProgressSchema } from '../store/capture-schema';

/**
 * Worker ⇄ offscreen document messages. Runtime messages reach every extension page, so each
 * carries a `target`; bytes travel as data URLs (messages are JSON, 64 MiB at most).
 */
export const OffscreenRequestSchema = z.object({
  target: z.literal('ondevice-engine'),
  requestId: z.string(),
  dataUrl: z.string().startsWith('data:'),
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

export const OutcomeSchema = z.union([
  z.object({ ok: z.literal(true), result: QuotaInvoiceResultSchema, requestId: z.string().optional() }),
  z.object({ ok: z.literal(false), error: RecognitionErrorSchema }),
]);
