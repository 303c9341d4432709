/**
 * `npm run emulator -- --port 8787 --ak AK --sk SK --token TOKEN --project-id PID`
 * A Huawei-compatible quota-invoice server on 127.0.0.1. Every flag is optional (see options.ts).
 * `--clock-offset-ms 1200000` runs its clock 20 minutes ahead of this machine's (a client whose
 * clock is behind; a negative value needs the `=` form: `--clock-offset-ms=-1200000`);
 * `--code-prefix APIGW` spells gateway codes like the live gateway sometimes does.
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
});
console.log(`listening on ${emulator.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
