/** Emulator settings; every flag of `npm run emulator` maps to one field, all optional. */
export interface EmulatorOptions {
  /** 0 picks a free port. Default 8787 from the CLI. */
  port: number;
  host: string;
  ak: string;
  sk: string;
  /** Token accepted in X-Auth-Token, and issued by POST /v3/auth/tokens. */
  token: string;
  /** When set, v2 calls must name this project id; when empty, any project id is accepted. */
  projectId: string;
  iamUser: string;
  iamPassword: string;
  iamDomain: string;
  /** How far X-Sdk-Date may be from the emulator's clock (15 min, like the gateway). */
  clockSkewMs: number;
  /**
   * How far (ms) the emulator's clock is ahead of this machine's (negative: behind). Its "now" for
   * the X-Sdk-Date check, the `Date` header of every answer and token expiry: +20 min plays a
   * gateway whose user's computer clock is 20 minutes behind. CLI `--clock-offset-ms`. Default 0.
   */
  clockOffsetMs: number;
  /**
   * How the gateway's own codes are spelled: `APIG.0301` or `APIGW.0301` (the live gateway sends
   * both, DESIGN.md). AIS.* and ModelArts.* are unaffected. CLI `--code-prefix`. Default APIG.
   */
  codePrefix: GatewayCodePrefix;
}

export const GATEWAY_CODE_PREFIXES = ['APIG', 'APIGW'] as const;
export type GatewayCodePrefix = (typeof GATEWAY_CODE_PREFIXES)[number];

export const DEFAULT_OPTIONS: EmulatorOptions = {
  port: 8787,
  host: '127.0.0.1',
  ak: 'EMULATORAK',
  sk: 'EMULATORSK',
  token: 'EMULATORTOKEN',
  projectId: '',
  iamUser: 'emulator',
  iamPassword: 'emulator',
  iamDomain: 'emulator',
  clockSkewMs: 15 * 60 * 1000,
  clockOffsetMs: 0,
  codePrefix: 'APIG',
};
