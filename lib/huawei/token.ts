import { z } from 'zod';
import type { HuaweiAuth } from './config';
import { LocalCode, recognitionError, type RecognitionError } from '../recognize/errors';
import { fetchOrError, isResponse, readJson, type FetchLike } from './http';
import { IamErrorBodySchema, TokenBodySchema } from './schemas';

export const CachedTokenSchema = z.object({ token: z.string(), expiresAt: z.number(), key: z.string() });
export type CachedToken = z.infer<typeof CachedTokenSchema>;

export interface TokenCache {
  get(): Promise<CachedToken | null>;
  set(token: CachedToken | null): Promise<void>;
}

type IamAuth = Extract<HuaweiAuth, { mode: 'iam' }>;

/** Renew this long before the 24 h expiry, so a token never dies mid-request. */
export const RENEW_MARGIN_MS = 60 * 60 * 1000;

/** A token belongs to one user, account, region and endpoint; the password is not part of it. */
function cacheKey(auth: IamAuth): string {
  return [auth.iamBaseUrl, auth.domain, auth.user, auth.scope].join('|');
}

export function tokenRequestBody(auth: IamAuth): string {
  return JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: auth.user, password: auth.password, domain: { name: auth.domain } } },
      },
      scope: { project: { name: auth.scope } },
    },
  });
}

export interface TokenProvider {
  /** A valid token: from the cache, or fresh from IAM. */
  get(auth: IamAuth): Promise<string | RecognitionError>;
  /** Forget the cached token (after APIG.0301/0307). */
  invalidate(): Promise<void>;
}

export function createTokenProvider(deps: { fetch: FetchLike; cache: TokenCache; now?: () => number }): TokenProvider {
  const now = deps.now ?? Date.now;
  async function requestToken(auth: IamAuth): Promise<CachedToken | RecognitionError> {
    const response = await fetchOrError(deps.fetch, `${auth.iamBaseUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=utf8' },
      body: tokenRequestBody(auth),
    });
    if (!isResponse(response)) return response;
    const json = await readJson(response);
    const token = response.headers.get('X-Subject-Token');
    const body = TokenBodySchema.safeParse(json);
    if (response.ok && token && body.success) {
      const expiresAt = Date.parse(body.data.token.expires_at);
      return { token, expiresAt: Number.isNaN(expiresAt) ? now() + 23 * 3600_000 : expiresAt, key: cacheKey(auth) };
    }
    const iamError = IamErrorBodySchema.safeParse(json);
    const message = iamError.success ? iamError.data.error.message : `HTTP ${response.status}`;
    // IAM refusing the sign-in (4xx) refuses the credentials; a 5xx says nothing about them.
    const refused = response.status >= 400 && response.status < 500;
    return recognitionError(LocalCode.iamAuth, message, { status: response.status, ...(refused ? { refusedCredentials: true } : {}) });
  }
  return {
    async get(auth) {
      const cached = await deps.cache.get();
      if (cached && cached.key === cacheKey(auth) && cached.expiresAt - RENEW_MARGIN_MS > now()) {
        return cached.token;
      }
      const fresh = await requestToken(auth);
      if ('code' in fresh) return fresh;
      await deps.cache.set(fresh);
      return fresh.token;
    },
    invalidate: () => deps.cache.set(null),
  };
}
