/**
 * Where the on-device engine's time goes per invoice, stage by stage (lib/ondevice/stage-clock.ts):
 * detection (prep, model run, post-processing), line crops, classifier, recognizer (prep, model
 * run, CTC), field checks, and the rest; and the lines recognised by why (stage-clock.ts
 * READ_CAUSES). Same lib/ondevice code and onnxruntime-web WASM as the extension, in Node.
 * `npx tsx scripts/profile-ondevice.ts --count 8 --pipeline fast|baseline` prints one
 * `name: value unit` per line: medians over the invoices (held-out seeds from 100000, after one
 * warm-up invoice).
 */
import { parseArgs } from 'node:util';
import { PipelineSchema } from '../lib/ondevice/pipeline';
import { readQuotaInvoice } from '../lib/ondevice/read-invoice';
import { READ_CAUSES, STAGES, stageClock } from '../lib/ondevice/stage-clock';
import { median, report } from '../test/bench/stats';
import { decodeImage, nodeEngine } from '../test/support/ondevice-node';
import { renderInvoices } from '../test/synth/render';
import { makeInvoiceSpec } from '../test/synth/spec';

const { values } = parseArgs({ options: { count: { type: 'string', default: '8' }, pipeline: { type: 'string', default: 'fast' }, threads: { type: 'string', default: '2' } } });
const count = Number(values.count);
const pipeline = PipelineSchema.parse(values.pipeline);
const engine = await nodeEngine(Number(values.threads));

const specs = Array.from({ length: count + 1 }, (_, i) => makeInvoiceSpec(99_999 + i, { photo: true }));
const images = await renderInvoices(specs, { format: 'jpeg', photo: true });
const rows: Record<string, number[]> = {};
const push = (k: string, v: number) => (rows[k] ??= []).push(v);
let right = 0;
for (let i = 0; i < specs.length; i++) {
  const img = decodeImage(new Uint8Array(images[i]!))!;
  stageClock.reset();
  const started = performance.now();
  const outcome = await readQuotaInvoice(engine, img, { pipeline });
  const total = performance.now() - started;
  if (i === 0) continue; // warm-up
  const { ms, calls, items, reads } = stageClock.snapshot();
  push('total_ms', total);
  for (const s of STAGES) {
    push(`${s}_ms`, ms[s]);
    push(`${s}_calls`, calls[s]);
    push(`${s}_items`, items[s]);
  }
  for (const c of READ_CAUSES) push(`reads_${c}`, reads[c]);
  push('other_ms', total - STAGES.reduce((sum, s) => sum + ms[s], 0));
  const r: Partial<Record<'code' | 'number' | 'amount' | 'location', string>> = outcome.ok ? outcome.result : {};
  if ((['code', 'number', 'amount', 'location'] as const).every((f) => r[f] === specs[i]!.truth[f])) right += 1;
}
// Medians; lines read by why also with their mean and each invoice's count (seed order), as the
// Chromium bench prints them (a mean there against a median here misleads: one page read twice weighs).
for (const [k, v] of Object.entries(rows)) {
  const each = k.startsWith('reads_') ? ` (mean ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(2)}; ${v.join(' ')})` : '';
  report(`profile_${pipeline}_${k.replace(/-/g, '_')}`, median(v), `${k.endsWith('_ms') ? 'ms' : 'n'}${each}`);
}
report(`profile_${pipeline}_all_four_right`, right, 'invoices');
process.exit(0);
