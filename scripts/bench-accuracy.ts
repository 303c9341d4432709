/**
 * `npm run bench:accuracy`: field-level exact-match accuracy of the on-device engine on generated
 * quota-invoice photos (seeded, so every run sees the same ones), the same invoices photographed
 * turned 90°/180°/270°, and other kinds of paper that must be refused (AIS.0104). With latency
 * and peak memory of onnxruntime-web WASM in Node. One `name: value unit` per line; misses and
 * the kind confusion go to stderr.
 *
 * Seeds: `--first-seed N` (default 1, the range the engine was tuned on while developing), or
 * `--held-out` for seeds from 100000, which no tuning ever looked at: quote those figures.
 * `--sheets`: photos of several invoices each instead (scripts/bench-sheets.ts).
 * `--pipeline baseline|fast` (default fast) chooses the engine's pipeline (lib/ondevice/pipeline.ts);
 * `--seal-over-code N` adds N invoices (the same seeds) with the seal's words across the code.
 */
import { parseArgs } from 'node:util';
import { PipelineSchema } from '../lib/ondevice/pipeline';
import { FIELDS, measureAccuracy, measureNegatives, median, percentile } from '../test/bench/accuracy';
import { report } from '../test/bench/stats';
import { nodeEngine } from '../test/support/ondevice-node';
import { makeOtherSpec } from '../test/synth/other-kinds';
import { renderInvoices, renderOthers } from '../test/synth/render';
import { makeInvoiceSpec, turnPhoto } from '../test/synth/spec';

/** First seed of the held-out range. Tuning used seeds below it only. */
const HELD_OUT_FIRST = 100_000;

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    threads: { type: 'string', default: '2' },
    'first-seed': { type: 'string' },
    'held-out': { type: 'boolean', default: false },
    /** Other kinds of paper to read (default: as many as invoices); 0 skips them. */
    negatives: { type: 'string' },
    /** Turned copies of the first invoices (default: all of them); 0 skips them. */
    rotated: { type: 'string' },
    /** Photos of 2–10 invoices each instead (`--count` sheets, default 30; held-out seeds unless `--first-seed`). */
    sheets: { type: 'boolean', default: false },
    pipeline: { type: 'string', default: 'fast' },
    /** Invoices with the supervision seal's words stamped across the code (default 0). */
    'seal-over-code': { type: 'string', default: '0' },
  },
});
if (values.sheets) {
  const { benchSheets } = await import('./bench-sheets');
  const first = Number(values['first-seed'] ?? HELD_OUT_FIRST);
  await benchSheets({ count: Number(values.count === '200' ? 30 : values.count), first, threads: Number(values.threads), heldOut: first >= HELD_OUT_FIRST });
  process.exit(0);
}
const count = Number(values.count);
const first = Number(values['first-seed'] ?? (values['held-out'] ? HELD_OUT_FIRST : 1));
const negatives = Number(values.negatives ?? count);
const rotatedCount = Math.min(count, Number(values.rotated ?? count));
const pipeline = PipelineSchema.parse(values.pipeline);
const sealCount = Number(values['seal-over-code']);
const heldOut = first >= HELD_OUT_FIRST;
console.error(`seeds ${first}–${first + count - 1}: ${heldOut ? 'held out (never used while tuning)' : 'the tuning range'}`);

const specs = Array.from({ length: count }, (_, i) => makeInvoiceSpec(first + i, { photo: true }));
// Each copy turned by a quarter the seed picks, so 90, 180 and 270 each get a third.
const turns = [90, 180, 270] as const;
const turned = specs.slice(0, rotatedCount).map((spec) => turnPhoto(spec, turns[spec.seed % 3]!));
const sealed = Array.from({ length: sealCount }, (_, i) => makeInvoiceSpec(first + i, { photo: true, variants: 'seal-over-code' }));
const others = Array.from({ length: negatives }, (_, i) => makeOtherSpec(first + i, { photo: true }));

const renderStarted = performance.now();
const images = await renderInvoices([...specs, ...turned, ...sealed], { format: 'jpeg', photo: true });
const otherImages = await renderOthers(others, { format: 'jpeg', photo: true });
console.error(`rendered ${images.length} invoice and ${otherImages.length} other photos in ${((performance.now() - renderStarted) / 1000).toFixed(1)} s`);

const threads = Number(values.threads);
const sample = (list: typeof specs, offset: number) => list.map((spec, i) => ({ seed: spec.seed, image: new Uint8Array(images[offset + i]!), truth: spec.truth }));
const result = await measureAccuracy(sample(specs, 0), threads, pipeline);
const rotated = await measureAccuracy(sample(turned, count), threads, pipeline);
const sealReport = await measureAccuracy(sample(sealed, count + turned.length), threads, pipeline);
const refusals = await measureNegatives(others.map((o, i) => ({ seed: o.seed, kind: o.kind, image: new Uint8Array(otherImages[i]!) })), await nodeEngine(threads), pipeline);

const got = (miss: (typeof result.failures)[number]) => `expected ${miss.expected}, got ${miss.got ?? '(nothing)'}${miss.settled ? ', shown settled' : ''}`;
for (const miss of result.failures) console.error(`miss seed ${miss.seed} ${miss.field}: ${got(miss)}`);
for (const miss of sealReport.failures) console.error(`miss seal over code seed ${miss.seed} ${miss.field}: ${got(miss)}`);
for (const miss of rotated.failures) console.error(`miss turned ${turns[miss.seed % 3]}° seed ${miss.seed} ${miss.field}: ${got(miss)}`);
// Kind confusion for misses: quota invoices refused as something, other paper read or misnamed.
for (const r of [...result.refusedAs, ...rotated.refusedAs]) console.error(`kind miss seed ${r.seed}: quota invoice refused as ${r.kind}`);
for (const m of refusals.misses) console.error(`kind miss seed ${m.seed}: ${m.kind} ${m.got === 'quota' ? 'accepted as a quota invoice' : `named ${m.got}`}`);
const confusion = new Map<string, number>();
for (const m of refusals.misses) confusion.set(`${m.kind} → ${m.got}`, (confusion.get(`${m.kind} → ${m.got}`) ?? 0) + 1);
for (const [pair, n] of confusion) console.error(`confusion ${pair}: ${n}`);

const pct = (n: number, of: number) => (of ? (100 * n) / of : Number.NaN);
report('invoices', result.count, 'count');
report('first_seed', first, 'seed');
report('held_out', heldOut ? 1 : 0, 'bool');
for (const field of FIELDS) report(`accuracy_${field}`, pct(result.correct[field], result.count), '%');
report('accuracy_all_four', pct(result.correct.all, result.count), '%');
report('rotated', rotated.count, 'count');
report('rotated_all_four', pct(rotated.correct.all, rotated.count), '%');
// Code, number and amount of every invoice read (upright, turned, seal over the code) together:
// the seal-over-code set is where a wrong digit is likeliest, so it is counted too.
report('money_fields_marked_for_review', result.markedForReview + rotated.markedForReview + sealReport.markedForReview, 'count');
report('money_fields_silently_wrong', result.silentlyWrong + rotated.silentlyWrong + sealReport.silentlyWrong, 'count');
report('seal_over_code_silently_wrong', sealReport.silentlyWrong, 'count');
report('location_silently_wrong', result.locationSilentlyWrong + rotated.locationSilentlyWrong + sealReport.locationSilentlyWrong, 'count');
report('seal_over_code', sealReport.count, 'count');
report('seal_over_code_all_four', pct(sealReport.correct.all, sealReport.count), '%');
report('seal_over_code_code', pct(sealReport.correct.code, sealReport.count), '%');
report('negatives', refusals.count, 'count');
report('negatives_refused', pct(refusals.refused, refusals.count), '%');
report('negatives_kind_named', pct(refusals.namedRight, refusals.count), '%');
report('latency_median', median(result.latenciesMs.slice(1)), 'ms');
report('latency_p95', percentile(result.latenciesMs.slice(1), 95), 'ms');
report('latency_first', result.latenciesMs[0] ?? Number.NaN, 'ms');
report('latency_rotated_median', median(rotated.latenciesMs), 'ms');
report('jpeg_decode_median_node', median(result.decodeMs), 'ms');
report('threads', threads, 'count');
report('pipeline_fast', pipeline === 'fast' ? 1 : 0, 'bool');
report('peak_rss', Math.max(result.peakRssMb, rotated.peakRssMb), 'MB');
