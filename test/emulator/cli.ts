/**
 * `npm run emulator -- --port 8787 --ak AK --sk SK --token TOKEN --project-id PID`
 * A Huawei-compatible quota-invoice server on 127.0.0.1. Every flag is optional (see options.ts).
 * `--clock-offset-ms 1200000` runs its clock 20 minutes ahead of this machine's (a client whose
 * clock is behind; a negative value needs the `=` form: `--clock-offset-ms=-1200000`);
 * `--code-prefix APIGW` spells gateway codes like the live gateway sometimes does.
 * Bad days (faults.ts): `--delay-ms 35000` (a slow server), `--max-concurrent 5 --retry-after 1`
 * (429 APIG.0308 above 5 calls in flight), `--inject-rate 0.05` (5% of calls get 429, 500 or a
 * dropped connection).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, GATEWAY_CODE_PREFIXES, type GatewayCodePrefix } from './options';
import { startEmulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(DEFAULT_OPTIONS.port) },
    host: { type: 'string', default: DEFAULT_OPTIONS.host },
    ak: { type: 'string', default: DEFAULT_OPTIONS.ak },
    sk: { type: 'string', default: DEFAULT_OPTIONS.sk },
    token: { type: 'string', default: DEFAULT_OPTIONS.token },
    'project-id': { type: 'string', default: DEFAULT_OPTIONS.projectId },
    'iam-user': { type: 'string', default: DEFAULT_OPTIONS.iamUser },
    'iam-password': { type: 'string', default: DEFAULT_OPTIONS.iamPassword },
    'iam-domain': { type: 'string', default: DEFAULT_OPTIONS.iamDomain },
    'clock-offset-ms': { type: 'string', default: String(DEFAULT_OPTIONS.clockOffsetMs) },
    'code-prefix': { type: 'string', default: DEFAULT_OPTIONS.codePrefix },
    'delay-ms': { type: 'string', default: '0' },
    'max-concurrent': { type: 'string', default: '0' },
    'retry-after': { type: 'string' },
    'inject-rate': { type: 'string', default: '0' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}

const clockOffsetMs = Number(values['clock-offset-ms']);
if (!Number.isFinite(clockOffsetMs)) {
  console.error(`--clock-offset-ms must be a number of milliseconds, got "${values['clock-offset-ms']}"`);
  process.exit(2);
}
const codePrefix = values['code-prefix'];
if (!(GATEWAY_CODE_PREFIXES as readonly string[]).includes(codePrefix)) {
  console.error(`--code-prefix must be one of ${GATEWAY_CODE_PREFIXES.join(', ')}, got "${codePrefix}"`);
  process.exit(2);
}

const numbers = Object.fromEntries(
  (['delay-ms', 'max-concurrent', 'retry-after', 'inject-rate'] as const).map((name) => {
    const raw = values[name];
    const value = raw === undefined ? undefined : Number(raw);
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      console.error(`--${name} must be a number ≥ 0, got "${raw}"`);
      process.exit(2);
    }
    return [name, value];
  }),
) as Record<'delay-ms' | 'max-concurrent' | 'retry-after' | 'inject-rate', number | undefined>;

const emulator = await startEmulator({
  port,
  host: values.host,
  ak: values.ak,
  sk: values.sk,
  token: values.token,
  projectId: values['project-id'],
  iamUser: values['iam-user'],
  iamPassword: values['iam-password'],
  iamDomain: values['iam-domain'],
  clockOffsetMs,
  codePrefix: codePrefix as GatewayCodePrefix,
}, undefined, {
  delayMs: numbers['delay-ms'] ?? 0,
  maxConcurrent: numbers['max-concurrent'] ?? 0,
  retryAfterS: numbers['retry-after'],
  injectRate: Math.min(1, numbers['inject-rate'] ?? 0),
});
console.log(`listening on ${emulator.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
