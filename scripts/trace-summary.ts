/**
 * `npx tsx scripts/trace-summary.ts trace.json [...]`: where a page's main thread spent a Chromium
 * trace (the review bench's REVIEW_TRACE=dir writes them), as `name: ms` lines, largest first:
 * self time of each event (its duration minus its children's) on the renderer thread that ran the
 * most, so style, layout, paint, script, GC and IndexedDB callbacks stand side by side.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Event = z.object({ name: z.string(), ph: z.string(), ts: z.number().optional(), dur: z.number().optional(), pid: z.number(), tid: z.number() });
const Trace = z.union([z.object({ traceEvents: z.array(z.unknown()) }), z.array(z.unknown())]);

for (const file of process.argv.slice(2)) {
  const raw = Trace.parse(JSON.parse(readFileSync(file, 'utf8')));
  const events = (Array.isArray(raw) ? raw : raw.traceEvents).flatMap((e) => {
    const parsed = Event.safeParse(e);
    return parsed.success && parsed.data.ph === 'X' && parsed.data.dur !== undefined && parsed.data.ts !== undefined ? [parsed.data as Required<z.infer<typeof Event>>] : [];
  });
  // The busiest thread is the page's main thread (the trace also holds the browser's and the GPU's).
  const busy = new Map<string, number>();
  for (const e of events) if (e.name === 'RunTask') busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: nested complete events on one thread form a stack.
  const self = new Map<string, number>();
  const stack: (typeof onMain)[number][] = [];
  for (const e of onMain) {
    while (stack.length && stack.at(-1)!.ts + stack.at(-1)!.dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(e);
  }
  const span = onMain.length ? onMain.at(-1)!.ts + onMain.at(-1)!.dur - onMain[0]!.ts : 0;
  console.log(`== ${file}: main thread busy ${((busy.get(main ?? '') ?? 0) / 1000).toFixed(0)} ms of ${(span / 1000).toFixed(0)} ms`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${name}: ${(us / 1000).toFixed(1)} ms`);
}
