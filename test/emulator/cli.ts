/**
 * `npm run emulator -- --port 8787 --ak AK --sk SK --token TOKEN --project-id PID`
 * A Huawei-compatible quota-invoice server on 127.0.0.1. Every flag is optional (see options.ts).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS } from './options';
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
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, got "${values.port}"`);
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
});
console.log(`listening on ${emulator.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
