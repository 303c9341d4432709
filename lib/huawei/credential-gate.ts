import { LocalCode, type RecognitionError } from '../recognize/errors';
import type { HuaweiConfig } from './config';
import { sha256Hex } from './crypto';
import type { CredentialCheck } from '../store/credential-check';

/**
 * Fingerprint of what the gateway judges: endpoint and credentials, as hex SHA-256. Only this is
 * stored; the secret stays in its setting.
 */
export function credentialFingerprint(config: Pick<HuaweiConfig, 'url' | 'auth'>): Promise<string> {
  const { auth } = config;
  const origin = new URL(config.url).origin;
  const parts = auth.mode === 'aksk' ? [origin, 'aksk', auth.ak, auth.sk] : [origin, 'iam', auth.iamBaseUrl, auth.domain, auth.user, auth.password, auth.scope];
  return sha256Hex(JSON.stringify(parts));
}

export type Verdict = 'accepted' | 'refused' | 'unknown';

/**
 * What an answer says about the credentials. Refused: a signature or token rejected after the
 * client's own one renewal (APIG.0301/0307), or IAM refusing the sign-in. Accepted: a result, or
 * an answer only an authenticated call gets (AIS.*, ModelArts.*). Anything else (network, 5xx,
 * throttling, a wrong path) says nothing about them.
 */
export function verdictOf(outcome: { ok: true } | { ok: false; error: RecognitionError }): Verdict {
  if (outcome.ok) return 'accepted';
  const { code } = outcome.error; // canonical since it was built (huaweiError folds APIGW.*)
  if (outcome.error.refusedCredentials) return 'refused';
  if (code.startsWith('AIS.') || code.startsWith('ModelArts.')) return 'accepted';
  return 'unknown';
}

export type Admission = 'open' | 'probe' | 'locked';

export interface CredentialGate {
  /**
   * May a call go with these credentials? 'locked': they were refused, send nothing; 'open':
   * accepted before; 'probe': not judged yet, this call is the only one in flight with them
   * (others wait here for its verdict). After 'probe', call `settle` exactly once.
   */
  admit(fingerprint: string): Promise<Admission>;
  /** Records an answer to a call made with `fingerprint` and lets waiting calls go on. */
  settle(fingerprint: string, verdict: Verdict, code?: string): Promise<void>;
  /** The stored refusal, if these are the refused credentials. */
  refusal(fingerprint: string): Promise<CredentialCheck['refused'] | undefined>;
}

/**
 * One gate per worker. The stored state survives the worker; the probe in flight does not need
 * to (a new worker starts with none, and the first call probes again).
 */
export function createCredentialGate(store: { get(): Promise<CredentialCheck>; set(value: CredentialCheck): Promise<void> }, now: () => number = Date.now): CredentialGate {
  let probe: { fingerprint: string; done: Promise<void>; release: () => void } | null = null;
  return {
    async admit(fingerprint) {
      for (;;) {
        const state = await store.get();
        if (state.refused?.fingerprint === fingerprint) return 'locked';
        if (state.verified === fingerprint) return 'open';
        if (!probe) {
          let release = () => {};
          const done = new Promise<void>((resolve) => (release = resolve));
          probe = { fingerprint, done, release };
          return 'probe';
        }
        await probe.done;
      }
    },
    async settle(fingerprint, verdict, code) {
      const state = await store.get();
      if (verdict === 'accepted' && state.verified !== fingerprint) {
        await store.set({ ...state, verified: fingerprint, ...(state.refused?.fingerprint === fingerprint ? { refused: undefined } : {}) });
      } else if (verdict === 'refused') {
        // Nothing counts as verified any more: whatever comes next (even keys accepted before,
        // which may since have been disabled) is probed by one call first.
        await store.set({ refused: { fingerprint, code: code ?? 'APIG.0301', at: now() } });
      }
      if (probe?.fingerprint === fingerprint) {
        const { release } = probe;
        probe = null;
        release();
      }
    },
    async refusal(fingerprint) {
      const { refused } = await store.get();
      return refused?.fingerprint === fingerprint ? refused : undefined;
    },
  };
}
