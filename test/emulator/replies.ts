import type { ServerResponse } from 'node:http';
import type { GatewayCodePrefix } from './options';

/** Huawei's failure bodies, with the messages the real services send. */
export const ERRORS = {
  badParameter: ['AIS.0101', 'The input parameter is invalid.'],
  badFormat: ['AIS.0102', 'The image format is not supported.'],
  badSize: ['AIS.0103', 'The image size does not meet the requirements.'],
  notInvoice: ['AIS.0104', 'The image is not a quota invoice or the image quality is poor.'],
  recognitionFailed: ['AIS.0105', 'Recognition failed.'],
  noApi: ['APIG.0101', 'The API does not exist or has not been published in the environment.'],
  tooLarge: ['APIG.0201', 'Request entity too large.'],
  badAuth: ['APIG.0301', 'Incorrect IAM authentication information: verify aksk signature fail.'],
  badToken: ['APIG.0301', 'Incorrect IAM authentication information: decrypt token fail.'],
  locked: ['APIG.0301', 'Incorrect IAM authentication information: AK locked for 5 minutes after 5 failed signatures.'],
  throttled: ['APIG.0308', 'The request is throttled.'],
} as const satisfies Record<string, readonly [string, string]>;

export type ErrorName = keyof typeof ERRORS;

export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Request-Id': requestId,
    ...headers,
  });
  res.end(text);
}

/** A gateway code in the chosen spelling: `APIG.0301` → `APIGW.0301`; other codes unchanged. */
export function spellCode(code: string, prefix: GatewayCodePrefix): string {
  return code.replace(/^APIGW?\./, `${prefix}.`);
}

/** The code an error name is sent with, in the emulator's spelling. */
export function sentCode(name: ErrorName, prefix: GatewayCodePrefix): string {
  return spellCode(ERRORS[name][0], prefix);
}

/** `message` replaces the standard words (the recognizer's, naming the kind of paper it saw). */
export function sendError(res: ServerResponse, status: number, name: ErrorName, requestId: string, prefix: GatewayCodePrefix = 'APIG', message?: string): void {
  sendJson(res, status, { error_code: sentCode(name, prefix), error_msg: message ?? ERRORS[name][1] }, requestId);
}

/**
 * An answer given instead of the normal one, for cases the emulator does not reach by itself
 * (e.g. 401 `APIGW.0307` "The token must be updated."). The code is sent exactly as written.
 */
export interface ScriptedAnswer {
  status: number;
  code: string;
  message: string;
}
