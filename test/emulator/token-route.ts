import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from './replies';
import type { EmulatorOptions } from './options';

const TokenRequestSchema = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.literal('password')),
      password: z.object({
        user: z.object({ name: z.string(), password: z.string(), domain: z.object({ name: z.string() }) }),
      }),
    }),
    scope: z.object({ project: z.object({ name: z.string() }) }).optional(),
  }),
});

const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * POST /v3/auth/tokens: IAM's password sign-in; the token comes back in X-Subject-Token.
 * `now` is the emulator's clock (ms), which dates the token's expiry.
 */
export function handleTokenRequest(res: ServerResponse, body: Buffer | null, options: EmulatorOptions, requestId: string, now: number = Date.now()): void {
  let json: unknown = null;
  try {
    json = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    // handled below as a bad request
  }
  const parsed = TokenRequestSchema.safeParse(json);
  if (!parsed.success) {
    return sendJson(res, 400, { error: { code: 400, message: 'The request body is invalid.', title: 'Bad Request' } }, requestId);
  }
  const { user } = parsed.data.auth.identity.password;
  if (user.name !== options.iamUser || user.password !== options.iamPassword || user.domain.name !== options.iamDomain) {
    return sendJson(res, 401, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } }, requestId);
  }
  const expiresAt = new Date(now + TOKEN_LIFETIME_MS).toISOString();
  sendJson(res, 201, { token: { expires_at: expiresAt, methods: ['password'] } }, requestId, { 'X-Subject-Token': options.token });
}
