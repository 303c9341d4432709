/**
 * `npm run zip`: the store packages. Chrome Web Store and Edge Add-ons take the same MV3 ZIP;
 * addons.mozilla.org takes the Firefox ZIP plus the sources ZIP its reviewers rebuild from (the
 * build copies minified onnxruntime-web and pdf.js files and bundles with Vite, so AMO asks for
 * the sources). Prints one `name: value unit` line per package.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const OUTPUT = join(ROOT, '.output');
const started = Date.now();

for (const args of [['wxt', 'zip'], ['wxt', 'zip', '-b', 'firefox']]) {
  execFileSync('npx', args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const made = readdirSync(OUTPUT)
  .filter((f) => f.endsWith('.zip') && statSync(join(OUTPUT, f)).mtimeMs >= started - 1000)
  .sort();
for (const file of made) {
  console.log(`${file}: ${(statSync(join(OUTPUT, file)).size / 1e6).toFixed(2)} MB`);
}
