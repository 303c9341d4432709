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
}

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
};
