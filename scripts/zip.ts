/**
 * `npm run zip`: the store packages. Chrome Web Store and Edge Add-ons take the same MV3 ZIP;
 * addons.mozilla.org takes the Firefox ZIP plus the sources ZIP its reviewers rebuild from (the
 * build copies minified onnxruntime-web and pdf.js files and bundles with Vite, so AMO asks for
 * the sources). Prints one `name: value unit` line per package, and fails when a store package
 * (not the sources) is over issue 10's 12 MB (scripts/build-size.ts; each build has already
 * checked its unpacked size and estimated ZIP).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from './build-size';

const ROOT = join(import.meta.dirname, '..');
const OUTPUT = join(ROOT, '.output');
const started = Date.now();

for (const args of [['wxt', 'zip'], ['wxt', 'zip', '-b', 'firefox']]) {
  execFileSync('npx', args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const made = readdirSync(OUTPUT)
  .filter((f) => f.endsWith('.zip') && statSync(join(OUTPUT, f)).mtimeMs >= started - 1000)
  .sort();
const over: string[] = [];
for (const file of made) {
  const bytes = statSync(join(OUTPUT, file)).size;
  console.log(`${file}: ${(bytes / 1e6).toFixed(2)} MB`);
  if (!file.endsWith('-sources.zip') && bytes > LIMITS.zippedBytes) over.push(`${file} is over ${LIMITS.zippedBytes / 1e6} MB`);
}
if (over.length > 0) {
  console.error(`Over the size limit: ${over.join('; ')}`);
  process.exit(1);
}
