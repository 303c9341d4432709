import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { RecognizeOutcome } from '@/lib/recognize/contract';
import { createRecognitionService } from '@/lib/recognize/service';
import { createCaptureStore, type CaptureStore } from '@/lib/store/captures';
import { openCaptureDb } from '@/lib/store/db';
import type { Capture, ProviderId } from '@/lib/store/capture-schema';

const PHOTO = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0, 9, 9, 9])], { type: 'image/jpeg' });
const crop = (n: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, n])], { type: 'image/jpeg' });
let dbCount = 0;

/** A worker: the service over a store, reading each crop's last byte as the invoice's number. */
function worker(store: CaptureStore, cut: (image: Blob, decoded?: ImageBitmap) => Promise<Blob[]>, provider: ProviderId = 'huawei', decoded?: () => ImageBitmap, prepare?: (provider: ProviderId, image: Blob) => void) {
  const sent: { provider: ProviderId; bytes: number[]; photo?: Capture['photo'] }[] = [];
  const service = createRecognitionService({
    store,
    chooseProvider: async () => provider,
    recognize: async (p, image, _progress, capture): Promise<RecognizeOutcome> => {
      const bytes = [...new Uint8Array(await image.arrayBuffer())];
      sent.push({ provider: p, bytes, photo: capture.photo });
      return { ok: true, result: { number: `0000000${bytes.at(-1)}` } };
    },
    fetchImage: vi.fn(),
    normalize: async (blob) => ({ ok: true as const, image: { blob, sourceFormat: 'jpeg' as const, converted: false, decoded: decoded?.() } }),
    cutInvoices: cut,
    prepare,
    changed: () => undefined,
  });
  return { service, sent };
}

const newStore = () => createCaptureStore(openCaptureDb(`split-${++dbCount}`));

describe('a photo of several invoices becomes one capture per invoice', () => {
  it('stores each crop as its own capture, in reading order, linked to the photo kept once', async () => {
    const store = newStore();
    const { service, sent } = worker(store, async () => [crop(1), crop(2), crop(3)]);
    const id = await service.captureBlob({ kind: 'file', fileName: 'desk.jpg' }, PHOTO);
    await service.idle();
    expect(await store.get(id)).toBeUndefined();
    const parts = await store.recent(10);
    // Newest first, the photo's first invoice on top: the list reads in the photo's order.
    expect(parts.map((c) => [c.photo?.index, c.status, c.result?.number])).toEqual([[0, 'done', '00000001'], [1, 'done', '00000002'], [2, 'done', '00000003']]);
    expect(parts.every((c) => c.photo?.id === id && c.photo.count === 3 && c.source.fileName === 'desk.jpg')).toBe(true);
    // Each crop was sent on its own (Huawei: one invoice an image), the photo never.
    expect(sent.map((s) => s.bytes.at(-1)).sort()).toEqual([1, 2, 3]);
    expect(sent.every((s) => s.provider === 'huawei' && s.photo !== undefined)).toBe(true);
    expect((await store.image(parts[1]!.id))?.size).toBe(4);
    expect((await store.photo(id))?.size).toBe(PHOTO.size);
  });

  it('reads a photo of one invoice whole, as before', async () => {
    const store = newStore();
    const { service, sent } = worker(store, async () => [crop(1)]);
    const id = await service.captureBlob({ kind: 'file' }, PHOTO);
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'done' });
    expect((await store.get(id))?.photo).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.bytes).toHaveLength(PHOTO.size);
  });

  it('the search is handed the image normalize decoded, which is closed before the reading', async () => {
    const store = newStore();
    const events: string[] = [];
    const bitmap = { width: 40, height: 30, close: () => void events.push('closed') } as unknown as ImageBitmap;
    const { service, sent } = worker(store, async (_image, decoded) => (events.push(decoded === bitmap ? 'searched the decoded image' : 'decoded again'), [crop(1)]), 'huawei', () => bitmap);
    const id = await service.captureBlob({ kind: 'file' }, PHOTO);
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'done', result: { number: '00000009' } });
    expect(events).toEqual(['searched the decoded image', 'closed']);
    expect(sent).toHaveLength(1);
    // Split: the photo's closed after the cut; each part's own (normalized too) closed without a search.
    const split = worker(newStore(), async () => (events.push('cut'), [crop(1), crop(2)]), 'huawei', () => bitmap);
    events.length = 0;
    await split.service.captureBlob({ kind: 'file' }, PHOTO);
    await split.service.idle();
    expect(events).toEqual(['cut', 'closed', 'closed', 'closed']);
  });

  it('the provider is shown the image before the search, so it can start on it', async () => {
    const events: string[] = [];
    const { service } = worker(newStore(), async () => (events.push('searched'), [crop(1)]), 'ondevice', undefined, (p, image) => void events.push(`prepare ${p} ${image.size}`));
    await service.captureBlob({ kind: 'file' }, PHOTO);
    await service.idle();
    expect(events).toEqual([`prepare ondevice ${PHOTO.size}`, 'searched']);
  });

  it('a finder that throws leaves the photo read whole', async () => {
    const store = newStore();
    const { service, sent } = worker(store, async () => Promise.reject(new Error('cannot decode')));
    const id = await service.captureBlob({ kind: 'file' }, PHOTO);
    await service.idle();
    expect(await store.get(id)).toMatchObject({ status: 'done' });
    expect(sent).toHaveLength(1);
  });

  it('a worker stopped while splitting loses nothing: the next one splits the photo again, once', async () => {
    const store = newStore();
    // The first worker dies while cutting (it never returns).
    const first = worker(store, () => new Promise<Blob[]>(() => {}));
    const id = await first.service.captureBlob({ kind: 'file' }, PHOTO);
    await vi.waitFor(async () => expect((await store.get(id))?.status).toBe('running'));
    const next = worker(store, async () => [crop(7), crop(8)]);
    await next.service.resumePending();
    await next.service.idle();
    const parts = await store.recent(10);
    expect(parts.map((c) => [c.id, c.status, c.result?.number])).toEqual([[`${id}.1`, 'done', '00000007'], [`${id}.2`, 'done', '00000008']]);
    expect(next.sent).toHaveLength(2);
  });

  it('a part is never split again (Retry reads its crop)', async () => {
    const store = newStore();
    const cut = vi.fn(async () => [crop(1), crop(2)]);
    const { service, sent } = worker(store, cut);
    const id = await service.captureBlob({ kind: 'file' }, PHOTO);
    await service.idle();
    await service.retry(`${id}.2`);
    await service.idle();
    expect(cut).toHaveBeenCalledTimes(1);
    expect(sent.map((s) => s.bytes.at(-1))).toHaveLength(3);
    expect((await store.get(`${id}.2`))?.attempts).toBe(2);
  });

  it('the photo is removed with its last invoice', async () => {
    const store = newStore();
    const { service } = worker(store, async () => [crop(1), crop(2)]);
    const id = await service.captureBlob({ kind: 'file' }, PHOTO);
    await service.idle();
    await service.remove(`${id}.1`);
    expect(await store.photo(id)).toBeDefined();
    await service.remove(`${id}.2`);
    expect(await store.photo(id)).toBeUndefined();
  });
});
