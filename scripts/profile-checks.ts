/**
 * Times lib/invoice/capture-checks.ts checksFor on the review bench's 5,000 captures
 * (test/bench/batch.ts seed: all recognized, distinct codes, numbers and images), in Node:
 * `npx tsx scripts/profile-checks.ts [count] [runs]`, or with `node --cpu-prof` through tsx to see
 * where the time goes. Prints the first (cold) run and the median of the runs, in ms of this
 * process's CPU time (user + system, less disturbed than wall time on a shared machine).
 */
import { checksFor } from '../lib/invoice/capture-checks';
import type { Capture } from '../lib/store/capture-schema';

const count = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 7);

/** The bench's capture i (test/bench/batch.ts seed), without its image. */
function benchCapture(i: number): Capture {
  const now = Date.now() - i * 1000;
  return {
    id: `bench-${i}`, createdAt: now, updatedAt: now, status: 'done', provider: 'ondevice', hasImage: true, imageType: 'image/jpeg',
    imageSha256: `sha-${i}`, normalized: true, attempts: 1, source: { kind: 'context-menu', pageUrl: 'https://mail.example/inbox' },
    result: { code: `1440310${String(60000 + i).padStart(5, '0')}`, number: String(10000000 + i), amount: '￥50.00', location: '深圳市', confidence: { code: 0.99, number: 0.99, amount: 0.98, location: 0.97 } },
  } as Capture;
}

const captures = Array.from({ length: count }, (_, i) => benchCapture(i));
const times: number[] = [];
let first = 0;
for (let r = 0; r < runs; r++) {
  const started = process.cpuUsage();
  checksFor(captures);
  const used = process.cpuUsage(started);
  times.push((used.user + used.system) / 1000);
  if (r === 0) first = times[0]!;
}
times.sort((a, b) => a - b);
console.log(`checksFor(${count}): first run ${first.toFixed(1)} ms, median ${times[Math.floor(runs / 2)]!.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times[runs - 1]!.toFixed(1)} ms`);
