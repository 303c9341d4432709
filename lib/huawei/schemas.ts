import { z } from 'zod';
import { QuotaInvoiceResultSchema } from '../recognize/contract';

/**
 * Huawei's success body. The API says nothing of where a field was read: `boxes` is not Huawei's,
 * so it is left out (like any other unknown key, z.object drops it) rather than passed through.
 */
export const SuccessBodySchema = z.object({ result: QuotaInvoiceResultSchema.omit({ boxes: true }) });

/** Huawei's failure body; a message is cut to 2,000 characters (shown beside our words, never stored whole). */
export const ErrorBodySchema = z.object({ error_code: z.string().max(64), error_msg: z.string().transform((m) => m.slice(0, 2000)) });

/** Request body: exactly one of a base64 image (no data: prefix) or a public http(s) URL. */
export const RecognizeBodySchema = z.union([
  z.object({ image: z.string().min(1) }).strict(),
  z.object({ url: z.url({ protocol: /^https?$/ }) }).strict(),
]);
export type RecognizeBody = z.infer<typeof RecognizeBodySchema>;

/** IAM `POST /v3/auth/tokens` success body: only the expiry is read (the token is a header). */
export const TokenBodySchema = z.object({ token: z.object({ expires_at: z.string() }) });

/** IAM failures: `{"error":{"code":401,"message":"…"}}` (code is a number or a string). */
export const IamErrorBodySchema = z.object({
  error: z.object({ code: z.union([z.number(), z.string()]), message: z.string() }),
});
