import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { RecognizeOutcome } from '@/lib/recognize/contract';
import { createRecognitionService } from '@/lib/recognize/service';
import { HOST_ANSWER_WAIT_MS } from '@/lib/recognize/host-answer';
import { createCaptureStore } from '@/lib/store/captures';
import { openCaptureDb } from '@/lib/store/db';
import type { Capture } from '@/lib/store/capture-schema';
import type { Normalized } from '@/lib/image/normalize';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
let dbCount = 0;

function setup(recognize: (image: Blob) => Promise<RecognizeOutcome>, normalize?: (blob: Blob) => Promise<Normalized>) {
  const store = createCaptureStore(openCaptureDb(`test-${++dbCount}`));
  const seen: Capture['status'][] = [];
  const fetchImage = vi.fn(async () => ({ ok: true as const, blob: new Blob([PNG], { type: 'image/png' }) }));
  const service = createRecognitionService({
    store,
    chooseProvider: async () => 'huawei',
    recognize: (_provider, image) => recognize(image),
    fetchImage,
    normalize: normalize ?? (async (blob: Blob) => ({ ok: true as const, image: { blob, sourceFormat: 'png' as const, converted: false } })),
    changed: (c) => void seen.push(c.status),
  });
  return { store, service, seen, fetchImage };
}

describe('recognition service: capture → store → recognize → store', () => {
  it('stores the capture before recognizing and the result after', async () => {
    let storedBeforeCall: Capture | undefined;
    const { store, service, seen } = setup(async () => {
      storedBeforeCall = (await store.recent(1))[0];
      return { ok: true, result: { number: '01234567' }, requestId: 'r1' };
    });
    const id = await service.captureUrl({ kind: 'context-menu', imageUrl: 'https://mail.example/a.png', pageUrl: 'https://mail.example/' });
    await service.idle();
    expect(storedBeforeCall).toMatchObject({ id, status: 'running', hasImage: true, source: { pageUrl: 'https://mail.example/' } });
    expect(await store.get(id)).toMatchObject({ status: 'done', result: { number: '01234567' }, requestId: 'r1', attempts: 1 });
    expect(seen[0]).toBe('queued');
    expect(seen.at(-1)).toBe('done');
    expect(new Set(seen.slice(1, -1))).toEqual(new Set(['running']));
    const image = await store.image(id);
    expect(new Uint8Array(await image!.arrayBuffer())).toEqual(PNG);
  });

  it('a fetched image is normalized while it is being stored, and every record change waits for the store', async () => {
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const converted = new Blob([PNG.slice(0, 9)], { type: 'image/png' });
    const { store, service } = setup(
      async () => ({ ok: true, result: { number: '01234567' } }),
      async () => {
        events.push('normalize');
        release(); // the store of the fetched image goes on only now: normalize did not wait for it
        return { ok: true as const, image: { blob: converted, sourceFormat: 'png' as const, converted: true } };
      },
    );
    const setImage = store.setImage.bind(store);
    store.setImage = async (id, blob) => {
      events.push(`store ${blob.size}`);
      if (blob.size === PNG.length) await held;
      await setImage(id, blob);
      events.push(`stored ${blob.size}`);
    };
    const id = await service.captureUrl({ kind: 'url', imageUrl: 'https://x/a.png' });
    await service.idle();
    expect(events).toEqual([`store ${PNG.length}`, 'normalize', `stored ${PNG.length}`, 'store 9', 'stored 9']);
    expect(await store.get(id)).toMatchObject({ status: 'done', hasImage: true, normalized: true, imageInfo: { converted: true }, source: { via: 'worker-fetch' } });
    expect((await store.image(id))?.size).toBe(9);
  });

  it('a failure is stored, never thrown, and Retry re-uses the stored image', async () => {
    const answers: RecognizeOutcome[] = [
      { ok: false, error: { code: 'APIG.0301', message: 'bad signature', status: 401, retryable: false, refusedCredentials: true } },
      { ok: true, result: { code: '144031500101' } },
    ];
    const { store, service, fetchImage } = setup(async () => answers.shift()!);
    const id = await service.captureUrl({ kind: 'url', imageUrl: 'https://x/a.png' });
    await service.idle();
    // A refused signature is not a failure of the capture: it waits for new keys.
    expect(await store.get(id)).toMatchObject({ status: 'queued', error: { code: 'APIG.0301' }, job: { wait: 'credentials' } });
    await service.retry(id);
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'done', result: { code: '144031500101' }, attempts: 2 });
    expect((await store.get(id))?.error).toBeUndefined();
    expect(fetchImage).toHaveBeenCalledTimes(1);
  });

  it('an image that cannot be fetched keeps the capture with its URL, for Retry', async () => {
    const { store, service, fetchImage } = setup(async () => ({ ok: true, result: {} }));
    fetchImage.mockResolvedValueOnce({ ok: false, error: { code: 'LOCAL.NOT_IMAGE', message: 'a web page', retryable: false } } as never);
    const id = await service.captureUrl({ kind: 'context-menu', imageUrl: 'https://mail.example/att?id=1' });
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'failed', hasImage: false, error: { code: 'LOCAL.NOT_IMAGE' }, source: { imageUrl: 'https://mail.example/att?id=1' } });
    await service.retry(id);
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'done', hasImage: true });
  });

  it('a provider that throws becomes a stored failure', async () => {
    const { store, service } = setup(async () => {
      throw new Error('boom');
    });
    const id = await service.captureBlob({ kind: 'file', fileName: 'a.png' }, new Blob([PNG], { type: 'image/png' }));
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'failed', error: { message: 'boom' } });
  });

  it('resumes captures a killed worker left queued or running', async () => {
    const { store, service } = setup(async () => ({ ok: true, result: { amount: '￥50.00' } }));
    const now = Date.now();
    await store.add({ id: 'left', createdAt: now, updatedAt: now, status: 'running', source: { kind: 'url', imageUrl: 'https://x/b.png' }, provider: 'huawei', hasImage: false, normalized: false, attempts: 1 });
    await service.resumePending();
    await service.idle();
    expect(await store.get('left')).toMatchObject({ status: 'done', result: { amount: '￥50.00' }, attempts: 2 });
  });

  it('lists the newest captures first and removes one with its image', async () => {
    const { store, service } = setup(async () => ({ ok: true, result: {} }));
    const a = await service.captureBlob({ kind: 'file' }, new Blob([PNG]));
    await new Promise((r) => setTimeout(r, 5));
    const b = await service.captureBlob({ kind: 'file' }, new Blob([PNG]));
    await service.idle();
    expect((await store.recent(10)).map((c) => c.id)).toEqual([b, a]);
    await service.remove(a);
    expect(await store.get(a)).toBeUndefined();
    expect(await store.image(a)).toBeUndefined();
  });
});

describe('normalization before recognition', () => {
  it('a converted image replaces the captured one, once, and is what the provider reads', async () => {
    const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 9, 9]);
    const read: number[][] = [];
    const normalize = vi.fn(async () => ({ ok: true as const, image: { blob: new Blob([JPEG], { type: 'image/jpeg' }), sourceFormat: 'webp' as const, converted: true, reason: 'webp is not an API format' } }));
    const { store, service } = setup(async (image) => {
      read.push([...new Uint8Array(await image.arrayBuffer())]);
      return { ok: false, error: { code: 'APIG.0308', message: 'throttled', retryable: true } };
    }, normalize);
    const id = await service.captureBlob({ kind: 'file', fileName: 'a.webp' }, new Blob([PNG], { type: 'image/webp' }));
    await service.idle();
    await service.retry(id);
    await service.idle();
    expect(normalize).toHaveBeenCalledTimes(1);
    expect(read).toEqual([[...JPEG], [...JPEG]]);
    expect(await store.get(id)).toMatchObject({ normalized: true, imageType: 'image/jpeg', imageInfo: { sourceFormat: 'webp', converted: true } });
  });

  it('an unusable image fails with the reason and keeps the capture', async () => {
    const { store, service } = setup(
      async () => ({ ok: true, result: {} }),
      async () => ({ ok: false, error: { code: 'LOCAL.IMAGE_TOO_SMALL', message: '10×10 px is smaller than 15 px on a side', retryable: false } }),
    );
    const id = await service.captureBlob({ kind: 'file', fileName: 'tiny.png' }, new Blob([PNG], { type: 'image/png' }));
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'failed', hasImage: true, error: { code: 'LOCAL.IMAGE_TOO_SMALL' } });
  });
});

describe('a URL whose host the popup is asking for (issue 11: the prompt can close the popup)', () => {
  it('is stored waiting for the answer, not read; the answer starts it once, however many times it is told', async () => {
    const recognize = vi.fn(async (): Promise<RecognizeOutcome> => ({ ok: true, result: { number: '01234567' } }));
    const { store, service, fetchImage } = setup(recognize);
    const before = Date.now();
    const id = await service.captureUrlAskingHost({ kind: 'url', imageUrl: 'https://img.example/a.png' });
    await service.idle();
    const waiting = await store.get(id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 0, job: { wait: 'host' }, source: { imageUrl: 'https://img.example/a.png' } });
    expect(waiting!.job!.notBefore! - before).toBeGreaterThanOrEqual(HOST_ANSWER_WAIT_MS);
    expect(fetchImage).not.toHaveBeenCalled();

    // The popup that asked and the grant's event both say so, at once and after the read.
    await Promise.all([service.hostAnswered(id), service.hostAnswered(id)]);
    await service.idle();
    await service.hostAnswered(id);
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'done', attempts: 1, result: { number: '01234567' } });
    expect(recognize).toHaveBeenCalledTimes(1);
    expect(fetchImage).toHaveBeenCalledTimes(1);
  });

  it('an answer for a capture that is not waiting (failed, done, unknown) changes nothing', async () => {
    const { store, service, fetchImage } = setup(async () => ({ ok: false, error: { code: 'AIS.0104', message: 'not a quota invoice', retryable: false } }));
    const id = await service.captureUrl({ kind: 'url', imageUrl: 'https://img.example/b.png' });
    await service.idle();
    const failed = await store.get(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    await service.hostAnswered(id);
    await service.hostAnswered('no-such-capture');
    await service.idle();
    expect(await store.get(id)).toEqual(failed);
    expect(fetchImage).toHaveBeenCalledTimes(1);
  });
});
