// Where the engine's time goes, stage by stage (issue 10): every stage adds its milliseconds and
// calls here. Costs one performance.now() pair per stage call; nothing is logged or sent. The
// benchmarks read it: in Node directly, in Chromium from the offscreen document through the global
// `__qicStageClock` (scripts/profile-ondevice.ts, test/bench/ondevice-chromium.ts).

/** The engine's stages: detection (model run, post-processing), line crops, classifier, recognizer. */
export const STAGES = ['det-prep', 'det-run', 'det-post', 'crop', 'cls', 'rec-prep', 'rec-run', 'rec-ctc', 'extract'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageTotals {
  /** Summed milliseconds per stage since the last reset. */
  ms: Record<Stage, number>;
  /** Calls per stage (for rec-run: session runs; lines are `items`). */
  calls: Record<Stage, number>;
  /** Things handled per stage (lines recognised, crops cut, images detected). */
  items: Record<Stage, number>;
}

function zero(): Record<Stage, number> {
  return Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
}

let totals: StageTotals = { ms: zero(), calls: zero(), items: zero() };

export const stageClock = {
  /** Adds one call of `stage` that began at `startedMs` (performance.now()) and handled `items`. */
  add(stage: Stage, startedMs: number, items = 1): void {
    totals.ms[stage] += performance.now() - startedMs;
    totals.calls[stage] += 1;
    totals.items[stage] += items;
  },
  reset(): void {
    totals = { ms: zero(), calls: zero(), items: zero() };
  },
  /** A copy of the totals since the last reset. */
  snapshot(): StageTotals {
    return { ms: { ...totals.ms }, calls: { ...totals.calls }, items: { ...totals.items } };
  },
};

(globalThis as { __qicStageClock?: typeof stageClock }).__qicStageClock = stageClock;
