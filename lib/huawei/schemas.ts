import { z } from 'zod';

/** The quota-invoice fields, as Huawei returns them: every field optional, strings only. */
export const QuotaInvoiceFieldSchema = z.enum(['number', 'code', 'location', 'amount']);
export type QuotaInvoiceField = z.infer<typeof QuotaInvoiceFieldSchema>;
export const QUOTA_INVOICE_FIELDS = QuotaInvoiceFieldSchema.options;

export const QuotaInvoiceResultSchema = z.object({
  number: z.string().optional(),
  code: z.string().optional(),
  location: z.string().optional(),
  amount: z.string().optional(),
  confidence: z
    .object({
      number: z.number().optional(),
      code: z.number().optional(),
      location: z.number().optional(),
      amount: z.number().optional(),
    })
    .optional(),
});
export type QuotaInvoiceResult = z.infer<typeof QuotaInvoiceResultSchema>;

export const SuccessBodySchema = z.object({ result: QuotaInvoiceResultSchema });

export const ErrorBodySchema = z.object({ error_code: z.string(), error_msg: z.string() });

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
