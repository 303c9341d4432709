/**
 * `npm run bench:accuracy`: field-level exact-match accuracy of the on-device engine on generated
 * quota-invoice photos (seeded, so every run sees the same 200), with latency and peak memory of
 * onnxruntime-web WASM in Node. One `name: value unit` per line; misses go to stderr.
 */
import { parseArgs } from 'node:util';
import { FIELDS, measureAccuracy, median, percentile } from '../test/bench/accuracy';
import { report } from '../test/bench/stats';
import { renderInvoices } from '../test/synth/render';
import { makeInvoiceSpec } from '../test/synth/spec';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '200' }, threads: { type: 'string', default: '2' }, 'first-seed': { type: 'string', default: '1' } },
});
const count = Number(values.count);
const first = Number(values['first-seed']);
const specs = Array.from({ length: count }, (_, i) => makeInvoiceSpec(first + i, { photo: true }));

const renderStarted = performance.now();
const images = await renderInvoices(specs, { format: 'jpeg', photo: true });
console.error(`rendered ${count} invoice photos in ${((performance.now() - renderStarted) / 1000).toFixed(1)} s`);

const result = await measureAccuracy(
  specs.map((spec, i) => ({ seed: spec.seed, image: new Uint8Array(images[i]!), truth: spec.truth })),
  Number(values.threads),
);
for (const miss of result.failures) console.error(`miss seed ${miss.seed} ${miss.field}: expected ${miss.expected}, got ${miss.got ?? '(nothing)'}`);

const pct = (n: number) => (100 * n) / result.count;
report('invoices', result.count, 'count');
for (const field of FIELDS) report(`accuracy_${field}`, pct(result.correct[field]), '%');
report('accuracy_all_four', pct(result.correct.all), '%');
report('latency_median', median(result.latenciesMs.slice(1)), 'ms');
report('latency_p95', percentile(result.latenciesMs.slice(1), 95), 'ms');
report('latency_first', result.latenciesMs[0] ?? Number.NaN, 'ms');
report('jpeg_decode_median_node', median(result.decodeMs), 'ms');
report('threads', Number(values.threads), 'count');
report('peak_rss', result.peakRssMb, 'MB');
