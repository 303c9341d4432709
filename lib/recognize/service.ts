import { checkCorrection, type CorrectionCheck } from '../invoice/correction';
import type { RecognizeOutcome } from './contract';
import { LocalCode, recognitionError } from './errors';
import { sha256Hex } from '../huawei/crypto';
import type { FetchedImage } from '../capture/fetch-image';
import type { ResolvedImage } from '../capture/resolve-image';
import type { Normalized } from '../image/normalize';
import type { Capture, CaptureSource, InvoiceFieldName, Progress, ProviderId } from '../store/capture-schema';
import { photoPartId, type CaptureStore } from '../store/captures';
import type { BackoffOptions } from './backoff';
import { nextStep } from './job-policy';
import { createJobQueue, type KeepAlive, type KickOptions, type WakeUp } from './queue';
import { awaitingHostJob, awaitsHost } from './host-answer';

export interface RecognitionServiceDeps {
  store: CaptureStore;
  /** The provider the settings choose now (on-device until Huawei credentials exist). */
  chooseProvider: () => Promise<ProviderId>;
  /** Reads one image with a provider; may report progress (model loading). */
  recognize: (provider: ProviderId, image: Blob, progress: (p: Progress) => void, capture: Capture) => Promise<RecognizeOutcome>;
  fetchImage: (url: string) => Promise<FetchedImage>;
  /**
   * The image a capture's reading will most likely send, as soon as it is known: a provider may
   * start on it meanwhile (the on-device engine decodes it while the image is normalized and
   * searched for several invoices). Changes no result; `recognize` may get another image after all.
   */
  prepare?: (provider: ProviderId, image: Blob) => void;
  /** Fits an image to the API's limits (format, size, orientation). */
  normalize: (image: Blob) => Promise<Normalized>;
  /**
   * The invoices of a photo of several, cut out in reading order (lib/ondevice/sheet-browser.ts);
   * fewer than two: the image is one invoice and is read whole. Absent: never split. `decoded`:
   * the image already decoded by `normalize`, when it was (the caller closes it afterwards).
   */
  cutInvoices?: (image: Blob, decoded?: ImageBitmap) => Promise<Blob[]>;
  /** Called after every change of a capture (badge, open pages). */
  changed: (capture: Capture) => void | Promise<void>;
  newId?: () => string;
  /** The job queue's wiring (lib/recognize/queue.ts); defaults suit tests. */
  jobs?: {
    /** Cloud calls in flight at once (the setting); default 2. */
    concurrency?: () => Promise<number>;
    keepAlive?: KeepAlive;
    wake?: WakeUp;
    backoff?: BackoffOptions;
  };
}

export interface RecognitionService {
  /**
   * Stores a capture for an image URL, gets its bytes (with `resolve` the first time, e.g. from
   * the page the user clicked in; else the worker's own fetch), recognizes it; returns the id.
   */
  captureUrl(source: CaptureSource & { imageUrl: string }, resolve?: () => Promise<ResolvedImage>): Promise<string>;
  /**
   * Stores a capture for an image URL whose host the user is being asked for (the popup's prompt),
   * queued to wait for the answer (host-answer.ts): it runs at `hostAnswered`, or by itself after
   * HOST_ANSWER_WAIT_MS. Returns the id.
   */
  captureUrlAskingHost(source: CaptureSource & { imageUrl: string }): Promise<string>;
  /**
   * The user answered the prompt for capture `id`'s host (yes or no): a capture still waiting on
   * it goes now. Any other capture is left as it is: the popup that asked and the grant's own
   * event may both say so, and a capture is never read twice.
   */
  hostAnswered(id: string): Promise<void>;
  /** Stores given bytes and recognizes them. */
  captureBlob(source: CaptureSource, blob: Blob): Promise<string>;
  /** Runs a capture again with the provider the settings choose now. */
  retry(id: string): Promise<void>;
  /** Reads a capture again with the given provider (e.g. the other one). */
  reread(id: string, provider: ProviderId): Promise<void>;
  remove(id: string): Promise<void>;
  /**
   * A user's correction of one field (empty: back to the recognized value), read by
   * checkCorrection; a refused value changes nothing and says why.
   */
  correct(id: string, field: InvoiceFieldName, value: string): Promise<CorrectionCheck>;
  /**
   * Picks up the stored jobs (at worker start, on the alarm, when a page opens, after the
   * settings change, when the network returns): a killed worker's captures are resumed.
   */
  resumePending(options?: KickOptions): Promise<void>;
  /** Resolves when no job is running or due (jobs waiting out a back-off are not waited for). */
  idle(): Promise<void>;
}

/** data: URLs can be megabytes: the record keeps their head only (the bytes are stored anyway). */
function shortUrl(url: string): string;
function shortUrl(url: string | undefined): string | undefined;
function shortUrl(url: string | undefined): string | undefined {
  return url?.startsWith('data:') && url.length > 80 ? `${url.slice(0, 60)}…` : url;
}

const blobSha256 = async (blob: Blob) => sha256Hex(new Uint8Array(await blob.arrayBuffer()));

/**
 * The flow of DESIGN.md: store the capture (queued) before any network call, recognize, store the
 * result (done/failed). Nothing in between can lose the capture: a failure is stored, not thrown.
 */
export function createRecognitionService(deps: RecognitionServiceDeps): RecognitionService {
  const newId = deps.newId ?? (() => crypto.randomUUID());
  /** First-run resolvers of captures made from a page (they hold the tab; a retry fetches). */
  const resolvers = new Map<string, () => Promise<ResolvedImage>>();

  async function save(id: string, patch: Partial<Omit<Capture, 'id'>>): Promise<Capture> {
    const capture = await deps.store.update(id, patch);
    await deps.changed(capture);
    return capture;
  }

  async function workerFetch(url: string): Promise<ResolvedImage> {
    const fetched = await deps.fetchImage(url);
    return fetched.ok ? { ...fetched, url, via: 'worker-fetch' } : fetched;
  }

  async function storeImage(id: string, blob: Blob, patch: Partial<Capture> = {}): Promise<Capture> {
    await deps.store.setImage(id, blob);
    return save(id, { ...patch, hasImage: true, imageType: blob.type, imageSha256: await blobSha256(blob) });
  }

  /**
   * The capture's image, fetched if only its URL is known, and fitted to the API's limits once
   * (the normalized image replaces the captured one), with the capture as it then stands.
   * A failure is stored on the capture.
   */
  async function apiReadyImage(capture: Capture): Promise<{ image: Blob; capture: Capture; decoded?: ImageBitmap } | null> {
    const { id } = capture;
    let current = capture;
    let image = await deps.store.image(id);
    /** A fetched image being stored: normalizing it meanwhile, awaited before the record changes again. */
    let storing: Promise<Capture> | undefined;
    const resolve = resolvers.get(id);
    resolvers.delete(id);
    if (!image && (resolve || capture.source.imageUrl)) {
      const fetched: ResolvedImage = resolve ? await resolve() : await workerFetch(capture.source.imageUrl!);
      if (!fetched.ok) {
        await save(id, { status: 'failed', error: fetched.error });
        return null;
      }
      image = fetched.blob;
      // Stored while it is normalized (IndexedDB writes off the worker's thread, ~20 ms a capture); a
      // worker stopped before it ends fetches the image again (`source.imageUrl`), as it always did.
      storing = storeImage(id, image, { normalized: false, source: { ...capture.source, resolvedUrl: shortUrl(fetched.url), via: fetched.via } });
      storing.catch(() => {}); // awaited below, where a failure is thrown
    }
    if (!image) {
      await save(id, { status: 'failed', error: recognitionError(LocalCode.imageFetch, 'the capture has no image and no URL') });
      return null;
    }
    deps.prepare?.(current.provider, image);
    if (!storing && current.normalized) return { image, capture: current }; // a just fetched image is not
    const normalized = await deps.normalize(image);
    if (storing) current = await storing;
    if (!normalized.ok) {
      await save(id, { status: 'failed', error: normalized.error });
      return null;
    }
    const { blob, sourceFormat, converted, reason, decoded } = normalized.image;
    const imageInfo = { sourceFormat, sourceBytes: image.size, converted, reason };
    current = converted ? await storeImage(id, blob, { normalized: true, imageInfo }) : await save(id, { normalized: true, imageInfo });
    return { image: blob, capture: current, decoded };
  }

  /**
   * One run of a queued job: counted (`attempts`) and marked running in the store before any
   * call, then done, failed, or queued again to wait (job-policy.ts). Only a `queued` capture
   * runs: a finished one is never sent again.
   */
  async function run(id: string): Promise<void> {
    const capture = await deps.store.get(id);
    if (!capture || capture.status !== 'queued') return;
    const attempts = capture.attempts + 1;
    // Waiting for new credentials: the user may since have chosen the other engine.
    const provider = capture.job?.wait === 'credentials' ? await deps.chooseProvider() : capture.provider;
    const job = { retries: 0, interruptions: 0, ...capture.job, wait: undefined, notBefore: undefined };
    const ready = await apiReadyImage(await save(id, { status: 'running', provider, attempts, job, progress: undefined }));
    if (!ready) return;
    // The decoded image serves the split only: freed before the reading, which needs the memory.
    if (await splitPhoto(ready.capture, ready.image, ready.decoded).finally(() => ready.decoded?.close())) return;
    let lastStage: string | undefined;
    let lastWritten = 0;
    let progressWrites = Promise.resolve();
    const progress = (p: Progress) => {
      // Stage changes, and within a stage every further tenth (or 2 MB): the store is not a
      // progress bar's tick sink, but the clerk sees it move. Writes are chained and awaited
      // below, so a late one cannot land after the result.
      const at = p.fraction ?? (p.loadedBytes ?? 0) / 20_971_520;
      if (p.stage === lastStage && at - lastWritten < 0.1) return;
      lastStage = p.stage;
      lastWritten = at;
      progressWrites = progressWrites.then(() => save(id, { progress: p })).then(() => undefined);
    };
    const outcome: RecognizeOutcome = await deps.recognize(provider, ready.image, progress, ready.capture).catch((e: unknown) => ({
      ok: false as const,
      error: recognitionError(LocalCode.badResponse, e instanceof Error ? e.message : String(e)),
    }));
    await progressWrites;
    const step = nextStep(outcome, job, deps.jobs?.backoff);
    if (outcome.ok) {
      await save(id, { status: 'done', result: outcome.result, requestId: outcome.requestId, error: undefined, progress: undefined, clockOffsetMs: outcome.clockOffsetMs, job });
      return;
    }
    const failure = { error: outcome.error, requestId: outcome.error.requestId, progress: undefined, clockOffsetMs: outcome.clockOffsetMs };
    if (step.kind !== 'wait') {
      await save(id, { status: 'failed', ...failure, job });
      return;
    }
    const retries = step.reason === 'credentials' ? job.retries : job.retries + 1;
    const notBefore = step.delayMs === undefined ? undefined : Date.now() + step.delayMs;
    await save(id, { status: 'queued', ...failure, job: { ...job, retries, wait: step.reason, notBefore } });
  }

  /**
   * A photo of several invoices becomes one queued capture per invoice, each with its crop, and
   * is not read itself (a provider reads one invoice an image: Huawei's API answers one result, so
   * the others would be lost). Runs before any provider call, for both providers: it is pixels
   * only and costs a decode. All in one transaction (CaptureStore.splitPhoto): a worker stopped
   * before it finds the photo's capture `running`, queues it again and splits it the same way.
   * A part is never split again. True when the photo was split.
   */
  async function splitPhoto(capture: Capture, image: Blob, decoded?: ImageBitmap): Promise<boolean> {
    if (capture.photo || !deps.cutInvoices) return false;
    const crops = await deps.cutInvoices(image, decoded).catch((e: unknown) => {
      console.warn('finding the invoices of a photo failed; it is read whole:', e instanceof Error ? e.message : e);
      return [];
    });
    if (crops.length < 2) return false;
    const now = Date.now();
    const parts = await Promise.all(crops.map(async (crop, index) => ({
      image: crop,
      capture: {
        id: photoPartId(capture.id, index),
        // Lists show the newest first: the first invoice of the photo on top, then in reading order.
        createdAt: capture.createdAt - index,
        updatedAt: now,
        status: 'queued' as const,
        source: capture.source,
        provider: capture.provider,
        hasImage: true,
        imageType: crop.type,
        imageSha256: await blobSha256(crop),
        normalized: false,
        attempts: 0,
        photo: { id: capture.id, index, count: crops.length },
      } satisfies Capture,
    })));
    await deps.store.splitPhoto(capture.id, image, parts);
    // Open pages drop the photo's capture and show its invoices.
    await deps.changed({ ...capture, status: 'done' });
    for (const part of parts) await deps.changed(part.capture);
    void queue.kick();
    return true;
  }

  const queue = createJobQueue({
    store: deps.store,
    run,
    concurrency: deps.jobs?.concurrency ?? (async () => 2),
    changed: deps.changed,
    keepAlive: deps.jobs?.keepAlive,
    wake: deps.jobs?.wake,
  });

  /** Puts a capture back in the queue as the user asked (Retry, re-read): counters start over. */
  async function requeue(id: string, provider: ProviderId): Promise<void> {
    const capture = await deps.store.get(id);
    if (queue.isScheduled(id) || !capture) return;
    // Nothing to read again (imported without its image, no URL): a good record is never broken.
    if (!capture.hasImage && !capture.source.imageUrl && capture.status === 'done') return;
    await save(id, { status: 'queued', provider, error: undefined, progress: undefined, job: { retries: 0, interruptions: 0 } });
    await queue.kick({ credentials: true });
  }

  async function create(source: CaptureSource, blob?: Blob, id = newId(), job?: (now: number) => Capture['job']): Promise<string> {
    const now = Date.now();
    const provider = await deps.chooseProvider();
    const capture: Capture = {
      id,
      createdAt: now,
      updatedAt: now,
      status: 'queued',
      source,
      provider,
      hasImage: blob !== undefined,
      imageType: blob?.type,
      imageSha256: blob ? await blobSha256(blob) : undefined,
      normalized: false,
      attempts: 0,
      ...(job ? { job: job(now) } : {}),
    };
    await deps.store.add(capture, blob);
    await deps.changed(capture);
    void queue.kick();
    return capture.id;
  }

  return {
    async captureUrl(source, resolve) {
      const id = newId();
      if (resolve) resolvers.set(id, resolve);
      return create({ ...source, imageUrl: shortUrl(source.imageUrl) }, undefined, id);
    },
    captureUrlAskingHost: (source) => create({ ...source, imageUrl: shortUrl(source.imageUrl) }, undefined, newId(), awaitingHostJob),
    async hostAnswered(id) {
      const capture = await deps.store.get(id);
      if (!capture || !awaitsHost(capture) || queue.isScheduled(id)) return;
      await save(id, { job: { ...capture.job!, wait: undefined, notBefore: undefined } });
      await queue.kick();
    },
    captureBlob: (source, blob) => create(source, blob),
    async retry(id) {
      await requeue(id, await deps.chooseProvider());
    },
    reread: requeue,
    async correct(id, field, text) {
      const checked = checkCorrection(field, text);
      const capture = await deps.store.get(id);
      if (!checked.ok || !capture) return checked;
      const { value } = checked;
      const corrections = { ...capture.corrections };
      if (value === '' || value === capture.result?.[field]) delete corrections[field];
      else corrections[field] = value;
      await save(id, { corrections });
      return checked;
    },
    async remove(id) {
      const capture = await deps.store.get(id);
      await deps.store.remove(id);
      if (capture) await deps.changed({ ...capture, status: 'done' });
    },
    resumePending: (options) => queue.kick(options),
    idle: () => queue.idle(),
  };
}
