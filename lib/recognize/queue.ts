import PQueue from 'p-queue';
import { LocalCode, recognitionError } from './errors';
import type { Capture, ProviderId } from '../store/capture-schema';
import type { CaptureStore } from '../store/captures';
import { MAX_INTERRUPTIONS } from './job-policy';

/**
 * Client-side limits per provider, on top of the concurrency setting. Huawei: at most 10 calls
 * started per second (a conservative guess, not a documented quota: the gateway's own limit is
 * per account and answers APIG.0308 above it, which the back-off then handles). On-device: one
 * at a time (one engine, in one offscreen document, already using both threads).
 */
const PROVIDER_LIMITS: Record<ProviderId, { intervalCap?: number; interval?: number; concurrency?: number }> = {
  huawei: { intervalCap: 10, interval: 1_000 },
  ondevice: { concurrency: 1 },
};

export interface KeepAlive {
  hold(): void;
  release(): void;
}

/** The wake-up for a worker that died with jobs pending (chrome.alarms in the worker). */
export interface WakeUp {
  ensure(): Promise<void>;
  clear(): Promise<void>;
}

export interface KickOptions {
  /** Also jobs waiting for new credentials (the settings were saved; the worker started). */
  credentials?: boolean;
  /** Jobs waiting for the network go now, whatever their back-off (the `online` event). */
  network?: boolean;
}

export interface JobQueueDeps {
  store: Pick<CaptureStore, 'withStatus' | 'get' | 'update'>;
  /** Runs one queued job to its next state (done, failed, or queued again with a wait). */
  run: (id: string) => Promise<void>;
  /** Jobs in flight at once for the cloud provider (the `concurrency` setting). */
  concurrency: () => Promise<number>;
  changed: (capture: Capture) => void | Promise<void>;
  keepAlive?: KeepAlive;
  wake?: WakeUp;
  now?: () => number;
}

export interface JobQueue {
  /** Looks at the stored jobs and starts those that are due (serialized: calls coalesce). */
  kick(options?: KickOptions): Promise<void>;
  /** Whether this worker already has the job in hand (running or waiting for a slot). */
  isScheduled(id: string): boolean;
  /** Resolves when nothing is running or waiting for a slot (timed waits not included). */
  idle(): Promise<void>;
}

/**
 * The persisted job queue (DESIGN.md "Jobs"; the shape of Workbox's background-sync queue): the
 * jobs are the captures in IndexedDB with status `queued`, so nothing lives only in memory. A
 * capture found `running` that this worker does not hold was cut off by a stopped worker: it is
 * counted and queued again, or failed after MAX_INTERRUPTIONS. p-queue gives the concurrency
 * and interval caps; a timer (while the worker lives) and an alarm (after it died) bring back
 * jobs whose back-off is over.
 */
export function createJobQueue(deps: JobQueueDeps): JobQueue {
  const now = deps.now ?? Date.now;
  const queues: Record<ProviderId, PQueue> = {
    huawei: new PQueue({ concurrency: 2, ...PROVIDER_LIMITS.huawei }),
    ondevice: new PQueue({ concurrency: 1, ...PROVIDER_LIMITS.ondevice }),
  };
  const scheduled = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pumping: Promise<void> | null = null;
  let requested: KickOptions | null = null;

  async function recoverOrphan(capture: Capture): Promise<Capture> {
    const job = { retries: 0, ...capture.job, interruptions: (capture.job?.interruptions ?? 0) + 1, notBefore: undefined };
    const patch: Partial<Capture> =
      job.interruptions >= MAX_INTERRUPTIONS
        ? {
            status: 'failed',
            job,
            progress: undefined,
            error: recognitionError(LocalCode.interrupted, `the browser stopped the extension ${job.interruptions} times while this image was being read`),
          }
        : { status: 'queued', job, progress: undefined };
    const next = await deps.store.update(capture.id, patch);
    await deps.changed(next);
    return next;
  }

  function schedule(capture: Capture): void {
    const { id } = capture;
    scheduled.add(id);
    const queue = queues[capture.provider];
    void queue
      .add(async () => {
        deps.keepAlive?.hold();
        try {
          await deps.run(id);
        } catch (error) {
          console.error('job', id, 'failed to run:', error instanceof Error ? error.message : error);
        } finally {
          deps.keepAlive?.release();
        }
      })
      .finally(() => {
        scheduled.delete(id);
        void kick();
      });
  }

  function setTimer(dueAt: number): void {
    clearTimeout(timer);
    timer = dueAt === Infinity ? undefined : setTimeout(() => void kick(), Math.max(0, dueAt - now()) + 10);
  }

  async function pump(options: KickOptions): Promise<void> {
    queues.huawei.concurrency = Math.max(1, await deps.concurrency());
    const candidates = (await deps.store.withStatus('queued', 'running')).sort((a, b) => a.createdAt - b.createdAt);
    let dueAt = Infinity;
    for (const candidate of candidates) {
      if (scheduled.has(candidate.id)) continue;
      // Read again: a job may have finished since the list was read (it must not run twice).
      let capture = await deps.store.get(candidate.id);
      if (!capture || scheduled.has(capture.id)) continue;
      if (capture.status === 'running') capture = await recoverOrphan(capture);
      if (capture.status !== 'queued') continue;
      const { wait, notBefore } = capture.job ?? {};
      if (wait === 'credentials' && !options.credentials) continue;
      const due = (wait === 'network' && options.network) || notBefore === undefined || notBefore <= now();
      if (due) schedule(capture);
      else dueAt = Math.min(dueAt, notBefore);
    }
    setTimer(dueAt);
    // The alarm only while something can progress on its own; credential waits need the user.
    if (scheduled.size > 0 || dueAt !== Infinity) await deps.wake?.ensure();
    else await deps.wake?.clear();
  }

  function kick(options: KickOptions = {}): Promise<void> {
    requested = { credentials: Boolean(requested?.credentials || options.credentials), network: Boolean(requested?.network || options.network) };
    pumping ??= (async () => {
      try {
        while (requested) {
          const next = requested;
          requested = null;
          await pump(next).catch((error: unknown) => console.error('job queue:', error instanceof Error ? error.message : error));
        }
      } finally {
        pumping = null;
      }
    })();
    return pumping;
  }

  return {
    kick,
    isScheduled: (id) => scheduled.has(id),
    async idle() {
      while (pumping || scheduled.size > 0) {
        if (pumping) await pumping;
        await Promise.all(Object.values(queues).map((q) => q.onIdle()));
        await new Promise((r) => setTimeout(r, 0)); // let the jobs' finally (and their kick) run
      }
    },
  };
}
