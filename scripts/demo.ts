/**
 * `npm run demo [-- --headless] [-- --huawei]`: the product on its default, on a local page of
 * sample invoices. Builds the extension and opens Chromium with it and the sample page. By default
 * nothing is configured, so the on-device engine reads the invoices (no account, no network);
 * with --huawei the extension is pointed, through its own options page, at the local
 * Huawei-compatible emulator. Headless, it recognizes every image through the real context-menu
 * handler, prints the fields, and saves screenshots of the popup, the batch, the settings and two
 * filled expense portals (Element Plus, Ant Design) under demo-output/<lang>/ — in English and,
 * where the browser has its Chinese UI (Debian: chromium-l10n), in Chinese (`--lang zh-CN`).
 * `--docs` also copies the README's screenshots into docs/screenshots/<lang>/ (run it once with
 * each `--lang` to refresh both languages' filled form).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../test/emulator/server';
import { clickRecognize, launchWithExtension, openExtensionPage, waitForMenu } from '../test/support/extension';
import { serveFolder } from '../test/support/static-server';
import { configureThroughOptions, waitForSettled } from '../test/support/ui';
import { copyReadmeScreens, saveScreens } from './demo-screens';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    huawei: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    lang: { type: 'string', default: 'en-US' },
    docs: { type: 'boolean', default: false },
  },
});
const headless = values.headless || !process.env.DISPLAY;
if (!values.headless && headless) console.log('no display found: running headless (pass --headless to silence this)');

if (!values['no-build']) execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });

const emulator = values.huawei ? await startEmulator() : null;
const site = await serveFolder(join(ROOT, 'test', 'fixtures'));
const ext = await launchWithExtension({ headless, lang: values.lang });
await waitForMenu(ext.worker);
if (emulator) {
  const options = await configureThroughOptions(ext, { endpoint: emulator.url, ak: emulator.options.ak, sk: emulator.options.sk });
  await options.close();
}

const page = await ext.browser.newPage();
await page.goto(`${site.url}/pages/invoices.html`);
console.log(`${emulator ? `Huawei-compatible emulator: ${emulator.url}` : 'provider: on-device (the default, no account)'}   sample page: ${page.url()}`);

async function shutdown(): Promise<void> {
  await ext.browser.close();
  await site.close();
  await emulator?.close();
}

if (!headless) {
  console.log('Right-click any invoice image and choose "Recognize quota invoice", then open the toolbar popup. Ctrl+C stops the demo.');
  process.once('SIGINT', () => void shutdown().then(() => process.exit(0)));
} else {
  const images = await page.$$eval('img', (imgs) => imgs.map((img) => (img as HTMLImageElement).currentSrc || (img as HTMLImageElement).src));
  for (const src of images) await clickRecognize(ext.worker, page, src);
  const popup = await openExtensionPage(ext, 'popup.html');
  await popup.setViewport({ width: 420, height: 1400 });
  const shown = await waitForSettled(popup, images.length, 60_000 + images.length * 10_000);
  const rows = images.map((src) => {
    const c = shown.find((s) => s.image === src);
    const name = src.split('/').pop()!;
    if (!c) return `${name}  MISSING: no capture in the popup`;
    const f = c.fields;
    return c.status === 'done'
      ? `${name}  code=${f.code}  number=${f.number}  amount=${f.amount}  location=${f.location}`
      : `${name}  FAILED ${c.errorCode}: ${c.errorText}`;
  });
  console.log(rows.join('\n'));
  mkdirSync(join(ROOT, 'demo-output'), { recursive: true });
  const shot = join(ROOT, 'demo-output', 'popup.png');
  await popup.screenshot({ path: shot, fullPage: true });
  console.log(`popup screenshot: ${shot}`);
  await saveScreens(ext, popup, values.lang.replace('-', '_').replace(/^en_US$/, 'en'), page.url());
  if (values.docs) copyReadmeScreens();
  await shutdown();
  process.exit(rows.every((r) => r.includes(" code=")) ? 0 : 1);
}
