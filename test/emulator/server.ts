import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QuotaInvoiceResult } from '../../lib/recognize/contract';
import { RecognizeBodySchema } from '../../lib/huawei/schemas';
import { createAuthChecker, type AuthVerdict } from './auth';
import { checkImage, decodeBase64 } from './image-check';
import { DEFAULT_OPTIONS, type EmulatorOptions } from './options';
import { sendError, sendJson, sentCode, type ErrorName, type ScriptedAnswer } from './replies';
import { recognizeBytes, warmUpRecognizer } from './recognizer';
import { handleTokenRequest } from './token-route';
import { emptyStats, imageKey, NO_FAULTS, pickInjected, type EmulatorStats, type Faults } from './faults';

/** Bodies over this are cut off by the gateway with 413 APIG.0201. */
const GATEWAY_BODY_LIMIT = 12 * 1024 * 1024;
const OCR_PATH = /^\/(?:v1\.0|v2\/([^/]+))\/ocr\/quota-invoice$/;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  auth: AuthVerdict | null;
  /** Decoded image bytes, when the body carried a valid base64 image. */
  image?: Buffer;
  url?: string;
  status: number;
  /** The code sent, in the spelling sent (APIG.0301 or APIGW.0301). */
  errorCode?: string;
  /** Time the emulator spent on this request, from the last body byte to the answer. */
  handlerMs: number;
  /** Epoch ms: the body was in, and the answer went out (tests check what overlapped). */
  receivedAt?: number;
  answeredAt?: number;
}

export interface Emulator {
  url: string;
  port: number;
  options: EmulatorOptions;
  requests: RecordedRequest[];
  /** The next `n` authenticated OCR calls answer 429 APIG.0308 (throttling on demand). */
  throttleNext(n: number): void;
  /**
   * The next OCR calls get these answers, one each, in order, before any auth check (what the
   * gateway says wins), e.g. `{status: 401, code: 'APIGW.0307', message: 'The token must be updated.'}`.
   */
  answerNext(...answers: ScriptedAnswer[]): void;
  /** The faults in force (faults.ts); changes apply to the next call. */
  faults: Faults;
  setFaults(patch: Partial<Faults>): void;
  /** Counters since the start or the last `resetStats()`. */
  stats: EmulatorStats;
  resetStats(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function fetchImageForUrl(url: string): Promise<Buffer | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return response.ok ? Buffer.from(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

export type Recognizer = typeof recognizeBytes;

/**
 * Starts the emulator. `recognizer` replaces the on-device engine; only the overhead benchmark
 * uses that (a constant-time answer, so the extension's own time is what is measured).
 */
export async function startEmulator(overrides: Partial<EmulatorOptions> = {}, recognizer?: Recognizer, initialFaults: Partial<Faults> = {}): Promise<Emulator> {
  const options: EmulatorOptions = { ...DEFAULT_OPTIONS, port: 0, ...overrides };
  /** The emulator's clock (ms): this machine's, shifted by `clockOffsetMs`. */
  const now = () => Date.now() + options.clockOffsetMs;
  const checkAuth = createAuthChecker(options, now);
  const scripted: ScriptedAnswer[] = [];
  if (!recognizer) await warmUpRecognizer();
  const recognizeImage = recognizer ?? recognizeBytes;
  const requests: RecordedRequest[] = [];
  let throttled = 0;
  const faults: Faults = { ...NO_FAULTS, ...initialFaults };
  let stats = emptyStats();
  const succeeded = new Set<string>();

  async function recognize(record: RecordedRequest, body: Buffer, socketGone: () => boolean = () => false): Promise<{ status: number; result?: QuotaInvoiceResult; error?: ErrorName; message?: string }> {
    if (throttled > 0) {
      throttled -= 1;
      return { status: 429, error: 'throttled' };
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return { status: 400, error: 'badParameter' };
    }
    const parsed = RecognizeBodySchema.safeParse(json);
    if (!parsed.success) return { status: 400, error: 'badParameter' };
    let bytes: Buffer | null;
    let base64Length: number;
    if ('image' in parsed.data) {
      bytes = decodeBase64(parsed.data.image);
      base64Length = parsed.data.image.length;
      if (bytes) record.image = bytes;
    } else {
      record.url = parsed.data.url;
      bytes = await fetchImageForUrl(parsed.data.url);
      base64Length = bytes ? Math.ceil(bytes.length / 3) * 4 : 0;
    }
    if (!bytes) return { status: 400, error: 'badParameter' };
    const problem = checkImage(bytes, base64Length);
    if (problem) return { status: 400, error: problem };
    const key = imageKey(bytes);
    if (succeeded.has(key)) stats.duplicatesAfterSuccess += 1;
    if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
    const outcome = await recognizeImage(bytes);
    // A client that went away (its worker was stopped) never got this: not a success it knows of.
    if (outcome.ok && socketGone()) {
      stats.abandoned += 1;
    } else if (outcome.ok) {
      succeeded.add(key);
      stats.successes += 1;
    }
    return outcome.ok ? { status: 200, result: outcome.result } : { status: 400, error: outcome.error, message: outcome.message };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID().replace(/-/g, '');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const body = await readBody(req, GATEWAY_BODY_LIMIT);
    const started = performance.now();
    const record: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, auth: null, status: 0, handlerMs: 0, receivedAt: Date.now() };
    const finish = (status: number, error?: ErrorName | { sent: string }) => {
      record.status = status;
      if (error) record.errorCode = typeof error === 'string' ? sentCode(error, options.codePrefix) : error.sent;
      record.handlerMs = performance.now() - started;
      record.answeredAt = Date.now();
      requests.push(record);
    };
    if (req.method === 'POST' && path === '/v3/auth/tokens') {
      return handleTokenRequest(res, body, options, requestId, now());
    }
    const match = OCR_PATH.exec(path);
    if (req.method !== 'POST' || !match || (options.projectId && match[1] !== undefined && match[1] !== options.projectId)) {
      finish(404, 'noApi');
      return sendError(res, 404, 'noApi', requestId, options.codePrefix);
    }
    if (!body) {
      finish(413, 'tooLarge');
      return sendError(res, 413, 'tooLarge', requestId, options.codePrefix);
    }
    stats.ocrRequests += 1;
    const injected = pickInjected(faults);
    if (faults.down || injected === 'drop') {
      // No answer at all: the connection is cut, as when the API is down or a proxy drops it.
      stats[faults.down ? 'dropped' : 'injected'] += 1;
      if (!faults.down) stats.dropped += 1;
      req.socket.destroy();
      return;
    }
    if (injected) {
      stats.injected += 1;
      const status = Number(injected);
      finish(status, status === 429 ? 'throttled' : { sent: 'APIG.0500' });
      if (status === 429) return sendThrottled(res, requestId);
      return sendJson(res, status, { error_code: 'APIG.0500', error_msg: 'Internal server error (injected).' }, requestId);
    }
    const answer = scripted.shift();
    if (answer) {
      finish(answer.status, { sent: answer.code });
      return sendJson(res, answer.status, { error_code: answer.code, error_msg: answer.message }, requestId);
    }
    record.auth = await checkAuth(req, body);
    if (!record.auth.ok) {
      if (record.auth.reason === 'locked') stats.lockedRefusals += 1;
      else if (record.auth.scheme === 'aksk') stats.badSignatures += 1;
      finish(401, record.auth.error);
      return sendError(res, 401, record.auth.error ?? 'badAuth', requestId, options.codePrefix);
    }
    // Concurrency control, like the gateway's: above the limit a call is refused at once.
    if (faults.maxConcurrent > 0 && stats.inFlight >= faults.maxConcurrent) {
      stats.throttled += 1;
      finish(429, 'throttled');
      return sendThrottled(res, requestId);
    }
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      const outcome = await recognize(record, body, () => req.socket.destroyed);
      finish(outcome.status, outcome.error);
      if (outcome.error === 'throttled') return sendThrottled(res, requestId);
      if (outcome.error) return sendError(res, outcome.status, outcome.error, requestId, options.codePrefix, outcome.message);
      sendJson(res, 200, { result: outcome.result }, requestId);
    } finally {
      stats.inFlight -= 1;
    }
  }

  function sendThrottled(res: ServerResponse, requestId: string): void {
    const headers: Record<string, string> = faults.retryAfterS !== undefined ? { 'Retry-After': String(faults.retryAfterS) } : {};
    sendJson(res, 429, { error_code: sentCode('throttled', options.codePrefix), error_msg: 'The request is throttled.' }, requestId, headers);
  }

  const server = createServer((req, res) => {
    // Every answer carries the emulator's time, like the gateway's (clients learn clock skew from it).
    res.setHeader('Date', new Date(now()).toUTCString());
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error_code: 'APIG.0500', error_msg: String(error) }, 'internal');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}`,
    port,
    options,
    requests,
    throttleNext: (n) => {
      throttled = n;
    },
    answerNext: (...answers) => {
      scripted.push(...answers);
    },
    faults,
    setFaults: (patch) => void Object.assign(faults, patch),
    get stats() {
      return stats;
    },
    resetStats: () => {
      stats = { ...emptyStats(), inFlight: stats.inFlight };
      succeeded.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
