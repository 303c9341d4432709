/**
 * The on-device engine measured where users run it: the built extension in Chromium, its real
 * offscreen document, from the click on "Recognize quota invoice" to the result stored. Two builds
 * side by side in one run — `fast` (the default) and `baseline` (the engine as before issue 10,
 * `QIC_PIPELINE=baseline`) — each in its own browser, invoice by invoice, alternating which goes
 * first, so the machine's load falls on both alike.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pipeline } from '../../lib/ondevice/pipeline';
import type { StageTotals } from '../../lib/ondevice/stage-clock';
import { launchWithExtension, waitForMenu, type LoadedExtension } from '../support/extension';
import { serveFolder } from '../support/static-server';
import { renderInvoices } from '../synth/render';
import { makeInvoiceSpec, type Truth } from '../synth/spec';
import { clickAndWaitStored } from './context-menu';

/** First seed of the invoices measured: the held-out range of `npm run bench:accuracy`. */
const FIRST_SEED = 100_000;

export interface PipelineFigures {
  /** Per invoice, click to result stored (ms), in seed order. */
  latenciesMs: number[];
  /** Invoices whose four stored fields all equal the truth. */
  allFourRight: number;
  /** The model load and first reading (ms): not part of the median. */
  firstMs: number;
  /** The engine's stage clock in the offscreen document, summed over the measured invoices. */
  stages?: StageTotals;
  /** Per measured invoice, in seed order: its own stage clock (lines recognised by why among it). */
  clocks: StageTotals[];
}

/**
 * Builds the baseline extension (`QIC_PIPELINE=baseline QIC_MODELS=float32`, which WXT writes to
 * `.output-float/`, copied to `.output/bench-baseline/chrome-mv3`) and then the default one (`.output/chrome-mv3`, which the
 * rest of `npm run bench` uses too). Takes about a minute per build.
 */
export function buildBothPipelines(root: string): Record<Pipeline, string> {
  const baselineDir = join(root, '.output', 'bench-baseline', 'chrome-mv3');
  execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, QIC_PIPELINE: 'baseline', QIC_MODELS: 'float32' } });
  rmSync(baselineDir, { recursive: true, force: true });
  mkdirSync(join(baselineDir, '..'), { recursive: true });
  cpSync(join(root, '.output-float', 'chrome-mv3'), baselineDir, { recursive: true });
  const env = { ...process.env };
  delete env.QIC_PIPELINE;
  execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env });
  return { baseline: baselineDir, fast: join(root, '.output', 'chrome-mv3') };
}

const FIELDS = ['code', 'number', 'amount', 'location'] as const;

/**
 * How often the worker looks for the stored result (ms). A reading takes seconds; a getAll of the
 * store every 2 ms (context-menu.ts's default) took the worker's and the machine's time from the
 * very capture being measured, in both builds alike (2 cores): the part of click-to-stored outside
 * the engine's stages was 1.4–3 s under load.
 */
const STORE_POLL_MS = 50;

/**
 * Reads `count` generated invoice photos (held-out seeds, JPEG, served from a local page) with
 * each build, one click at a time after a warm-up invoice that loads the models.
 */
export async function benchOndeviceChromium(dirs: Record<Pipeline, string>, count: number): Promise<Record<Pipeline, PipelineFigures>> {
  // One more invoice than measured: the first (seed FIRST_SEED - 1) only warms each engine up.
  const specs = Array.from({ length: count + 1 }, (_, i) => makeInvoiceSpec(FIRST_SEED - 1 + i, { photo: true }));
  const images = await renderInvoices(specs, { format: 'jpeg', photo: true });
  const folder = mkdtempSync(join(tmpdir(), 'qic-bench-ondevice-'));
  const names = specs.map((s) => `invoice-${s.seed}.jpg`);
  names.forEach((name, i) => writeFileSync(join(folder, name), images[i]!));
  writeFileSync(join(folder, 'page.html'), `<!doctype html><meta charset="utf-8"><title>invoices</title>${names.map((n) => `<img src="${n}" width="300">`).join('')}`);
  const site = await serveFolder(folder);
  const pipelines = ['baseline', 'fast'] as const;
  const launched: Partial<Record<Pipeline, LoadedExtension>> = {};
  try {
    for (const p of pipelines) {
      const ext = await launchWithExtension({ extensionDir: dirs[p] });
      launched[p] = ext;
      await waitForMenu(ext.worker);
      await (await ext.browser.newPage()).goto(`${site.url}/page.html`);
    }
    const figures: Record<Pipeline, PipelineFigures> = { baseline: { latenciesMs: [], allFourRight: 0, firstMs: 0, clocks: [] }, fast: { latenciesMs: [], allFourRight: 0, firstMs: 0, clocks: [] } };
    for (let i = 0; i < specs.length; i++) {
      // Alternate which build goes first, so neither always meets a machine the other just warmed.
      for (const p of i % 2 ? [...pipelines].reverse() : pipelines) {
        const sample = await clickAndWaitStored(launched[p]!, `${site.url}/page.html`, [`${site.url}/${names[i]}?pipeline=${p}`], STORE_POLL_MS);
        const ms = sample.latenciesMs[0]!;
        if (i === 0) {
          figures[p].firstMs = ms;
          await stageClock(launched[p]!, 'reset');
          continue;
        }
        figures[p].latenciesMs.push(ms);
        if (allFourRight(sample.results[0], specs[i]!.truth)) figures[p].allFourRight += 1;
        // This invoice's clock, read after its time was taken, then added to the run's.
        const clock = await stageClock(launched[p]!, 'snapshot');
        await stageClock(launched[p]!, 'reset');
        if (clock) {
          figures[p].clocks.push(clock);
          figures[p].stages = figures[p].stages ? addTotals(figures[p].stages, clock) : clock;
        }
      }
    }
    return figures;
  } finally {
    for (const ext of Object.values(launched)) await ext.browser.close();
    await site.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Resets or reads the engine's stage clock (lib/ondevice/stage-clock.ts) in the offscreen document. */
async function stageClock(ext: LoadedExtension, what: 'reset' | 'snapshot'): Promise<StageTotals | null> {
  const target = ext.browser.targets().find((t) => t.url() === `${ext.origin}/offscreen.html`);
  const page = await target?.asPage();
  if (!page) return null;
  return page.evaluate((w) => {
    const clock = (globalThis as { __qicStageClock?: { reset(): void; snapshot(): StageTotals } }).__qicStageClock;
    if (!clock) return null;
    if (w === 'reset') {
      clock.reset();
      return null;
    }
    return clock.snapshot();
  }, what);
}

/** Two clocks' totals, stage by stage and cause by cause. */
function addTotals(a: StageTotals, b: StageTotals): StageTotals {
  const sum = <K extends string>(x: Record<K, number>, y: Record<K, number>) => Object.fromEntries(Object.keys(x).map((k) => [k, x[k as K] + y[k as K]])) as Record<K, number>;
  return { ms: sum(a.ms, b.ms), calls: sum(a.calls, b.calls), items: sum(a.items, b.items), reads: sum(a.reads, b.reads) };
}

function allFourRight(stored: Partial<Record<(typeof FIELDS)[number], string>> | undefined, truth: Truth): boolean {
  return stored !== undefined && FIELDS.every((f) => stored[f] === truth[f]);
}
