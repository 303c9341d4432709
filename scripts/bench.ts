/**
 * `npm run bench`: prints figures, one `name: value unit` per line.
 * Context-menu flow against the emulator: the extension's own overhead per image, i.e. the time
 * from the click to the result stored, minus the emulator's time, median of several runs. Then
 * image normalization: time to an API-ready body and bytes sent. Then the job queue: 100 captures
 * against a throttling, failing emulator. Then the batch export/import, and the review table with
 * 5,000 captures. First of all, the on-device engine inside Chromium: the default (`fast`) build
 * and the engine as it was before issue 10 (`baseline`), side by side, click to result stored.
 * `BENCH_ONLY=<part>` runs one part: `ondevice`, `context-menu`, `normalize`, `queue` (the job
 * queue of issue 11), `batch` or `review`. `BENCH_ONLY=review` runs only the review table (`REVIEW_PROFILE=dir` also writes its steps' CPU
 * profiles there, review-<step>.cpuprofile), `BENCH_ONLY=ondevice` only the on-device part
 * (`BENCH_ONDEVICE_COUNT` invoices, default 10).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runContextMenuFlow } from '../test/bench/context-menu';
import { benchNormalize } from '../test/bench/normalize';
import { benchBatch, benchReviewTable } from '../test/bench/batch';
import { benchQueue } from '../test/bench/queue';
import { benchOndeviceChromium, buildBothPipelines } from '../test/bench/ondevice-chromium';
import { median, report } from '../test/bench/stats';
import { READ_CAUSES, STAGES } from '../lib/ondevice/stage-clock';
import { startEmulator } from '../test/emulator/server';
import { launchWithExtension, waitForMenu } from '../test/support/extension';
import { serveFolder } from '../test/support/static-server';
import { configureThroughOptions } from '../test/support/ui';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const ONLY = process.env.BENCH_ONLY;
/** Whether this run measures `name` (BENCH_ONLY names one part; unset: every part). */
const part = (name: 'ondevice' | 'context-menu' | 'normalize' | 'queue' | 'batch' | 'review') => !ONLY || ONLY === name;
if (part('ondevice')) {
  // Builds both extensions; the default build it leaves in .output/chrome-mv3 serves the rest.
  const dirs = buildBothPipelines(ROOT);
  const count = Number(process.env.BENCH_ONDEVICE_COUNT ?? 10);
  const figures = await benchOndeviceChromium(dirs, count);
  for (const p of ['baseline', 'fast'] as const) {
    report(`ondevice_chromium_${p}_median`, median(figures[p].latenciesMs), 'ms');
    report(`ondevice_chromium_${p}_max`, Math.max(...figures[p].latenciesMs), 'ms');
    report(`ondevice_chromium_${p}_first_with_model_load`, figures[p].firstMs, 'ms');
    report(`ondevice_chromium_${p}_all_four_right`, figures[p].allFourRight, 'invoices');
  }
  // Where each build's time went in the offscreen document (lib/ondevice/stage-clock.ts), per invoice.
  for (const p of ['baseline', 'fast'] as const) {
    const stages = figures[p].stages;
    if (!stages) continue;
    for (const s of STAGES) report(`ondevice_chromium_${p}_stage_${s.replace('-', '_')}`, stages.ms[s] / count, `ms (${(stages.calls[s] / count).toFixed(1)} calls, ${(stages.items[s] / count).toFixed(1)} items)`);
    // The engine's own time per invoice (its stages summed) and the rest of click-to-stored (the
    // worker, messages, image decoding, storage), which both builds share.
    const engineMs = figures[p].clocks.map((k) => STAGES.reduce((sum, s) => sum + k.ms[s], 0));
    report(`ondevice_chromium_${p}_engine_median`, median(engineMs), `ms (${engineMs.map((ms) => Math.round(ms)).join(' ')})`);
    report(`ondevice_chromium_${p}_outside_engine_median`, median(figures[p].latenciesMs.map((ms, i) => ms - (engineMs[i] ?? 0))), `ms (click to stored: ${figures[p].latenciesMs.join(' ')})`);
    report(`ondevice_chromium_${p}_detections`, stages.calls['det-run'] / count, `runs (${figures[p].clocks.map((k) => k.calls['det-run']).join(' ')})`);
    // Lines recognised per invoice by why, and each invoice's count (seed order), to compare with Node's.
    for (const c of READ_CAUSES) report(`ondevice_chromium_${p}_reads_${c.replace(/-/g, '_')}`, stages.reads[c] / count, `lines (${figures[p].clocks.map((k) => k.reads[c]).join(' ')})`);
  }
  report('ondevice_chromium_invoices', count, 'invoices');
  report('ondevice_chromium_fast_vs_baseline_median', median(figures.fast.latenciesMs) / median(figures.baseline.latenciesMs), 'x');
} else execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
if (part('context-menu')) {
// The emulator answers at once here (a fixed result): the figure is the extension's own time per
// image, and real OCR in the emulator would only add its queue to both sides of the subtraction.
const emulator = await startEmulator({}, async () => ({ ok: true, result: { number: '01234567', code: '144031500101', location: '深圳市', amount: '￥50.00' } }));
const site = await serveFolder(join(ROOT, 'test', 'fixtures'));
const ext = await launchWithExtension();
try {
  await waitForMenu(ext.worker);
  (await configureThroughOptions(ext, { endpoint: emulator.url, ak: emulator.options.ak, sk: emulator.options.sk })).close();
  const pageUrl = `${site.url}/pages/invoices.html`;
  const urls = (n: number, run: number) => Array.from({ length: n }, (_, i) => `${site.url}/invoices/invoice-${(i % 6) + 1}.png?run=${run}&i=${i}`);
  await runContextMenuFlow(ext, emulator, pageUrl, urls(2, -1)); // warm-up: worker, IndexedDB, connections

  for (const n of [1, 20]) {
    const overheads: number[] = [];
    const emulatorTimes: number[] = [];
    const walls: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const sample = await runContextMenuFlow(ext, emulator, pageUrl, urls(n, run * 100 + n));
      overheads.push(median(sample.latenciesMs) - median(sample.emulatorMs));
      emulatorTimes.push(median(sample.emulatorMs));
      walls.push(sample.wallMs);
    }
    const label = n === 1 ? 'context_menu_1_image' : `context_menu_${n}_images`;
    report(`${label}_overhead_per_image`, median(overheads), 'ms');
    report(`${label}_emulator_time_per_image`, median(emulatorTimes), 'ms');
    report(`${label}_wall`, median(walls), 'ms');
  }
} finally {
  await ext.browser.close();
  await site.close();
  await emulator.close();
}
}

// Image normalization (lib/image), in Chromium: time to an API-ready body, and bytes sent vs original.
if (part('normalize')) {
for (const row of await benchNormalize(RUNS)) {
  report(`normalize_${row.name}_median`, row.medianMs, 'ms');
  report(`normalize_${row.name}_original`, row.originalBytes / 1048576, 'MB');
  report(`normalize_${row.name}_sent_base64`, row.sentBase64Chars / 1048576, 'MB');
  report(`normalize_${row.name}_output_longest_side`, Math.max(row.outputWidth, row.outputHeight), 'px');
}
}

// The job queue (issue 11): 100 distinct captures, the server taking 200 ms a call, throttling
// above 5 concurrent calls and failing 5% of them (429, 500, dropped connections); at the default
// concurrency (2) and at the server's limit (5). Ideal = 100 × 200 ms ÷ concurrency.
if (part('queue')) {
for (const concurrency of [2, 5]) {
  const q = await benchQueue(100, concurrency);
  const name = `queue_100_concurrency_${concurrency}`;
  report(`${name}_done`, q.done, 'captures');
  report(`${name}_failed`, q.failed, 'captures');
  report(`${name}_lost`, 100 - q.done - q.failed, 'captures');
  report(`${name}_duplicates_after_success`, q.duplicatesAfterSuccess, 'requests');
  report(`${name}_client_retries`, q.clientRetries, 'requests');
  report(`${name}_server_requests`, q.serverRequests, 'requests');
  report(`${name}_injected_failures`, q.injected, 'requests');
  report(`${name}_throttled`, q.throttled, 'requests');
  report(`${name}_max_concurrent_at_server`, q.maxInFlight, 'requests');
  report(`${name}_wall`, q.wallMs / 1000, 's');
  report(`${name}_ideal`, q.idealMs / 1000, 's');
  report(`${name}_wall_vs_ideal`, q.wallMs / q.idealMs, 'x');
  // The wall includes the popup's intake of the 100 files, which no concurrency shortens.
  report(`${name}_intake`, q.intakeMs / 1000, 's');
}
}

// The batch: export of 1,000 captures with 300 KB images (time, the batch page's peak JS heap), and
// the import of that ZIP into a fresh profile.
if (part('batch')) {
const batch = await benchBatch(Number(process.env.BENCH_BATCH ?? 1000), 300 * 1024);
report('batch_export_1000_time', batch.exportMs / 1000, 's');
report('batch_export_1000_peak_js_heap', batch.exportPeakHeapMb, 'MB');
report('batch_export_1000_zip_size', batch.zipMb, 'MB');
report('batch_import_1000_time', batch.importMs / 1000, 's');
report('batch_import_1000_peak_js_heap', batch.importPeakHeapMb, 'MB');
}

// The review table (issue 13) with 5,000 captures: paged, so the DOM holds one page of rows.
if (part('review')) {
const REVIEW = Number(process.env.BENCH_REVIEW ?? 5000);
const review = await benchReviewTable(REVIEW);
report(`batch_review_${REVIEW}_first_render`, review.firstRenderMs, 'ms');
report(`batch_review_${REVIEW}_page_settled`, review.pageSettledMs, 'ms');
report(`batch_review_${REVIEW}_filter`, review.filterMs, 'ms');
report(`batch_review_${REVIEW}_clear_filter`, review.clearFilterMs, 'ms');
report(`batch_review_${REVIEW}_sort_by_amount`, review.sortMs, 'ms');
report(`batch_review_${REVIEW}_arrow_key_step`, review.keyStepMs, 'ms');
report(`batch_review_${REVIEW}_dom_rows`, review.domRows, 'rows');
report(`batch_review_${REVIEW}_js_heap`, review.heapMb, 'MB');
}
