/**
 * `npx tsx scripts/models/digits/evaluate-digits.ts --model scripts/models/digits/digits.onnx --data DIR [--out report.md] [--check]`:
 * the digits-only reader in onnxruntime-web (Node, WASM, 1 thread) on crops made by
 * make-digit-lines.ts, through the engine's own reading path (rec.ts recognizeLines with digits.ts
 * DIGITS_DICT and DIGITS_REC, what engine.ts readDigits runs after cropLine), against PP-OCR's
 * reading of the same crop: tables by cut, field, seal and seed range, per line, time per crop, and
 * every crop it read wrong. `--check` also compares with train-digits.py's torch decodes and input
 * tensors (written by its --export with --data: MODEL.torch-check.tsv and check-*.f32 beside it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { PNG } from 'pngjs';
import { recognizeLines } from '../../../lib/ondevice/rec';
import { DIGITS_DICT, DIGITS_REC } from '../../../lib/ondevice/digits';
import { resize, type RgbaImage } from '../../../lib/ondevice/image';
import { REC_NORM, writeChw } from '../../../lib/ondevice/tensor';

const { values } = parseArgs({ options: { model: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean', default: false } } });
const modelPath = values.model!;
const bytes = new Uint8Array(readFileSync(modelPath));
ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
const model = { session, Tensor: ort.Tensor };
const lines: string[] = [];
const say = (s = '') => { lines.push(s); console.log(s); };
say(`model ${modelPath}: ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
say(`inputs ${session.inputNames.join(',')} outputs ${session.outputNames.join(',')}`);

const readPng = (path: string): RgbaImage => {
  const p = PNG.sync.read(readFileSync(path));
  return { width: p.width, height: p.height, data: new Uint8ClampedArray(p.data.buffer, p.data.byteOffset, p.data.length) };
};

if (values.check) {
  // The engine's tensor for a crop (rec.ts recognizeLines, batch of one) vs train-digits.py's to_input.
  const dir = dirname(modelPath);
  const checks = readFileSync(`${modelPath}.torch-check.tsv`, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  let same = 0, maxDiff = 0, bytesOff = 0;
  for (const [file, torchText, torchConf] of checks) {
    const img = readPng(join(values.data!, 'crops', file!));
    const w = Math.min(DIGITS_REC.maxWidth, Math.max(DIGITS_REC.widthStep, Math.ceil((DIGITS_REC.height * img.width) / Math.max(1, img.height) / DIGITS_REC.widthStep) * DIGITS_REC.widthStep));
    const tw = Math.max(DIGITS_REC.minWidth, w);
    const mine = new Float32Array(3 * 32 * tw);
    writeChw(resize(img, w, 32), mine, 0, tw, REC_NORM, 'rgb');
    const f32 = join(dir, `check-${file}.f32`);
    if (existsSync(f32)) {
      const py = new Float32Array(readFileSync(f32).buffer.slice(0));
      if (py.length !== mine.length) say(`  ${file}: tensor length torch ${py.length} engine ${mine.length}`);
      else for (let i = 0; i < py.length; i++) { const d = Math.abs(py[i]! - mine[i]!); maxDiff = Math.max(maxDiff, d); if (d > 1e-6) bytesOff++; }
    }
    const [r] = await recognizeLines(model, [img], DIGITS_DICT, DIGITS_REC);
    if (r!.text === torchText) same++;
    else say(`  decode differs ${file}: onnxruntime-web ${r!.text} torch ${torchText}`);
    say(`  ${file}: ort-web "${r!.text}" conf ${r!.confidence.toFixed(6)} | torch "${torchText}" conf ${torchConf}`);
  }
  say(`check: ${same}/${checks.length} same decode as torch; input tensors max |diff| ${maxDiff.toExponential(2)} (${bytesOff} values differ by > 1e-6, i.e. ≥ one uint8 level after rounding)`);
}

const text = readFileSync(join(values.data!, 'labels.tsv'), 'utf8').trim().split('\n');
const cols = text[0]!.split('\t');
const rows = text.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v]))) as Record<string, string>[];
type Res = { row: Record<string, string>; crnn: string; conf: number; ok: boolean; pp: boolean; ms: number };
const res: Res[] = [];
// Warm-up (first run allocates).
await recognizeLines(model, [readPng(join(values.data!, 'crops', rows[0]!.file!))], DIGITS_DICT, DIGITS_REC);
for (const row of rows) {
  const img = readPng(join(values.data!, 'crops', row.file!));
  const t = performance.now();
  const [r] = await recognizeLines(model, [img], DIGITS_DICT, DIGITS_REC);
  const ms = performance.now() - t;
  res.push({ row, crnn: r!.text, conf: r!.confidence, ok: r!.text === row.label, pp: row.ppocr_digits === row.label, ms });
}
const ms = res.map((r) => r.ms).sort((a, b) => a - b);
const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]!;
say(`\ncrops ${res.length}; onnxruntime-web 1 thread, per crop (resize + tensor + run + CTC decode): median ${pct(50).toFixed(2)} ms, p90 ${pct(90).toFixed(2)} ms, mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2)} ms; mean width ${(res.reduce((a, r) => a + Number(r.row.width) / Number(r.row.height) * 32, 0) / res.length).toFixed(0)} px at height 32`);

function table(title: string, group: (r: Res) => string) {
  const groups = new Map<string, Res[]>();
  for (const r of res) { const g = group(r); groups.set(g, [...(groups.get(g) ?? []), r]); }
  say(`\n${title}`);
  say('| group | crops | CRNN right | PP-OCR right | CRNN ✓ PP ✗ | CRNN ✗ PP ✓ | both ✗ |');
  say('|---|---|---|---|---|---|---|');
  for (const [g, rs] of [...groups].sort()) {
    const n = (f: (r: Res) => boolean) => rs.filter(f).length;
    say(`| ${g} | ${rs.length} | ${n((r) => r.ok)} | ${n((r) => r.pp)} | ${n((r) => r.ok && !r.pp)} | ${n((r) => !r.ok && r.pp)} | ${n((r) => !r.ok && !r.pp)} |`);
  }
}
table('Per crop, by cut', (r) => r.row.cut!);
table('Per crop, by field × cut', (r) => `${r.row.field} ${r.row.cut}`);
table('Per crop, seal-over-code pages (1) or not (0), by field', (r) => `seal ${r.row.seal_over_code} ${r.row.field}`);
table('Per crop, by eval seed range', (r) => (Number(r.row.seed) >= 4500000 ? '4500000–4500119' : '4300000–4300119'));
table('All crops', () => 'all');

// Per line: the line's k070 crop (the engine's re-read cut, rereadRects without a span), and its span crop where one was cut.
for (const cut of ['k070', 'span070']) {
  const per = res.filter((r) => r.row.cut === cut);
  const n = (f: (r: Res) => boolean) => per.filter(f).length;
  say(`\nPer line (${cut}): lines ${per.length}: CRNN right & PP-OCR wrong ${n((r) => r.ok && !r.pp)}, CRNN wrong & PP-OCR right ${n((r) => !r.ok && r.pp)}, both wrong ${n((r) => !r.ok && !r.pp)}, both right ${n((r) => r.ok && r.pp)}`);
}
// Per line, any cut: a line counts right for a reader when it reads it right on every one of its crops.
{
  const byLine = new Map<string, Res[]>();
  for (const r of res) { const k = `${r.row.seed} ${r.row.field}`; byLine.set(k, [...(byLine.get(k) ?? []), r]); }
  const all = [...byLine.values()];
  const c = (f: (rs: Res[]) => boolean) => all.filter(f).length;
  const cr = (rs: Res[]) => rs.every((r) => r.ok);
  const pr = (rs: Res[]) => rs.every((r) => r.pp);
  say(`Per line (all its crops right): lines ${all.length}: CRNN right ${c(cr)}, PP-OCR right ${c(pr)}; CRNN right & PP-OCR wrong ${c((rs) => cr(rs) && !pr(rs))}, CRNN wrong & PP-OCR right ${c((rs) => !cr(rs) && pr(rs))}, both wrong ${c((rs) => !cr(rs) && !pr(rs))}`);
}
say('\nCRNN errors (file: truth → CRNN [conf] | PP-OCR digits / PP-OCR text):');
for (const r of res.filter((r) => !r.ok)) say(`  ${r.row.file}: ${r.row.label} → ${r.crnn || '(empty)'} [${r.conf.toFixed(3)}] | ${r.row.ppocr_digits || '-'} / ${r.row.ppocr_text}`);
if (values.out) {
  writeFileSync(values.out, lines.join('\n') + '\n');
  writeFileSync(values.out.replace(/\.md$/, '') + '.crops.tsv', ['file\tlabel\tcrnn\tcrnn_conf\tcrnn_right\tppocr_digits\tppocr_right\tms', ...res.map((r) => [r.row.file, r.row.label, r.crnn, r.conf.toFixed(4), r.ok ? 1 : 0, r.row.ppocr_digits, r.pp ? 1 : 0, r.ms.toFixed(2)].join('\t'))].join('\n') + '\n');
}
process.exit(0);
