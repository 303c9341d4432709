import { z } from 'zod';
import { settingItem } from './setting-item';

/**
 * What the gateway last said about the Huawei credentials, by fingerprint only (a SHA-256, never
 * the secret): `verified` were accepted, `refused` were rejected and must not be sent again
 * (five bad signatures lock the AK for 5 minutes, DESIGN.md). Read by the worker and, to tell the
 * user, by the popup.
 */
export const CredentialCheckSchema = z.object({
  verified: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  refused: z
    .object({
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
      /** The code the refusal came with (APIG.0301, APIG.0307, LOCAL.IAM_AUTH). */
      code: z.string(),
      /** Epoch ms. */
      at: z.number(),
    })
    .optional(),
});
export type CredentialCheck = z.infer<typeof CredentialCheckSchema>;

export const credentialCheck = settingItem('huaweiCredentialCheck', CredentialCheckSchema, {});
