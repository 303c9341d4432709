// Where the engine's time goes, stage by stage (issue 10): every stage adds its milliseconds and
// calls here. Costs one performance.now() pair per stage call; nothing is logged or sent. The
// benchmarks read it: in Node directly, in Chromium from the offscreen document through the global
// `__qicStageClock` (scripts/profile-ondevice.ts, test/bench/ondevice-chromium.ts).

/** The engine's stages: detection (model run, post-processing), line crops, classifier, recognizer. */
export const STAGES = ['det-prep', 'det-run', 'det-post', 'crop', 'cls', 'rec-prep', 'rec-run', 'rec-ctc', 'extract'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Why a line was recognised: `orientation` the upside-down check (its lines read both ways), `first`
 * a page pass's reading of a line, `seal-free` its second reading without the seal's red, `reread`
 * a confirming re-read of a code's or number's line (readLines), `reread-seal-free` that re-read's
 * second reading without the red, `red-number` a reading of a red line with only its saturated red
 * kept, when the number is missing (red-number.ts), `digits` a code's or number's line read by the
 * digits-only reader beside a re-read (engine.ts readDigits; its time is in the rec stages).
 */
export const READ_CAUSES = ['orientation', 'first', 'seal-free', 'reread', 'reread-seal-free', 'red-number', 'digits'] as const;
export type ReadCause = (typeof READ_CAUSES)[number];

export interface StageTotals {
  /** Summed milliseconds per stage since the last reset. */
  ms: Record<Stage, number>;
  /** Calls per stage (for rec-run: session runs; lines are `items`). */
  calls: Record<Stage, number>;
  /** Things handled per stage (lines recognised, crops cut, images detected). */
  items: Record<Stage, number>;
  /** Lines recognised, by why (READ_CAUSES); one line read both ways counts twice. */
  reads: Record<ReadCause, number>;
}

function zero(): Record<Stage, number> {
  return Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
}

function noReads(): Record<ReadCause, number> {
  return Object.fromEntries(READ_CAUSES.map((c) => [c, 0])) as Record<ReadCause, number>;
}

let totals: StageTotals = { ms: zero(), calls: zero(), items: zero(), reads: noReads() };

export const stageClock = {
  /** Adds one call of `stage` that began at `startedMs` (performance.now()) and handled `items`. */
  add(stage: Stage, startedMs: number, items = 1): void {
    totals.ms[stage] += performance.now() - startedMs;
    totals.calls[stage] += 1;
    totals.items[stage] += items;
  },
  /** Counts `lines` lines recognised for `cause`. */
  read(cause: ReadCause, lines = 1): void {
    totals.reads[cause] += lines;
  },
  reset(): void {
    totals = { ms: zero(), calls: zero(), items: zero(), reads: noReads() };
  },
  /** A copy of the totals since the last reset. */
  snapshot(): StageTotals {
    return { ms: { ...totals.ms }, calls: { ...totals.calls }, items: { ...totals.items }, reads: { ...totals.reads } };
  },
};

(globalThis as { __qicStageClock?: typeof stageClock }).__qicStageClock = stageClock;
