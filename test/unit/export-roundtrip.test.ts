import 'fake-indexeddb/auto';
import { BlobReader, TextWriter, ZipReader } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { capturesUnblockedBy } from '@/lib/background/retry-on-grant';
import { importZip, readBounded, TOO_LARGE } from '@/lib/export/import';
import { importedNotice } from '@/lib/export/summary';
import { exportZip } from '@/lib/export/zip';
import { unreadBecauseText } from '@/lib/ui/error-text';
import type { Capture } from '@/lib/store/capture-schema';
import { createCaptureStore } from '@/lib/store/captures';
import { openCaptureDb } from '@/lib/store/db';
import { wordsOf } from '../support/words';

const capture = (id: string, extra: Partial<Capture> = {}): Capture => ({
  id,
  createdAt: Date.UTC(2026, 10, 20, 8, 0),
  updatedAt: Date.UTC(2026, 10, 20, 8, 1),
  status: 'done',
  source: { kind: 'context-menu', pageUrl: 'https://mail.example/inbox', imageUrl: 'https://mail.example/att/1' },
  provider: 'ondevice',
  hasImage: true,
  imageType: 'image/png',
  imageSha256: `sha-${id}`,
  normalized: true,
  result: { code: '144031060038', number: '35050290', amount: '￥1000.00', location: '深圳市', confidence: { code: 0.99, number: 0.98, amount: 0.97, location: 0.95 } },
  attempts: 1,
  ...extra,
});

describe('export → import round trip (JSON schema version 1)', () => {
  it('gives back the same captures and images, and merges by id', async () => {
    const captures = [
      capture('a', { corrections: { amount: '￥100.00' } }),
      capture('b', { status: 'failed', result: undefined, error: { code: 'AIS.0104', message: 'not an invoice', retryable: false } }),
      capture('c', { hasImage: false, imageType: undefined, imageSha256: undefined }),
    ];
    const images: Record<string, Blob> = { a: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), b: new Blob([new Uint8Array([4, 5])], { type: 'image/png' }) };
    const { zip } = await exportZip(captures, async (id) => images[id], wordsOf('en'));

    const reader = new ZipReader(new BlobReader(zip));
    const entries = await reader.getEntries();
    const names = entries.map((e) => e.filename).sort();
    const jsonEntry = entries.find((e) => e.filename === 'invoices.json');
    const json = JSON.parse(jsonEntry && !jsonEntry.directory ? await jsonEntry.getData(new TextWriter()) : '{}');
    await reader.close();
    expect(names).toEqual(['images/2026-11-20_144031060038_35050290.png', 'images/2026-11-20_nocode_nonumber.png', 'invoices.csv', 'invoices.json', 'invoices.xlsx', 'summary.txt']);
    expect(json.schemaVersion).toBe(1);

    const store = createCaptureStore(openCaptureDb('roundtrip'));
    // a and c are one invoice (same code and number): counted once, as the totals count it; b
    // failed: a capture, not an invoice.
    expect(await importZip(zip, store)).toEqual({ ok: true, added: 3, invoices: 1, duplicates: 1, failed: 1, skipped: 0 });
    for (const original of captures) expect(await store.get(original.id)).toEqual(original);
    expect(new Uint8Array(await (await store.image('a'))!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.image('c')).toBeUndefined();
    expect(await importZip(zip, store)).toEqual({ ok: true, added: 0, invoices: 0, duplicates: 0, failed: 0, skipped: 3 });
  });

  it('says its invoices as the totals count them: a duplicate apart, of a capture imported or of one already here', async () => {
    const other = { code: '144031060038', number: '35050291', amount: '￥50.00', location: '深圳市' };
    const captures = [
      capture('first'),
      capture('again', { createdAt: Date.UTC(2026, 10, 20, 9, 0) }), // the same invoice, captured later
      capture('other', { result: other }),
      capture('failed', { status: 'failed', result: undefined, error: { code: 'AIS.0104', message: 'not an invoice', retryable: false } }),
    ];
    const { zip } = await exportZip(captures, async () => undefined, wordsOf('en'));
    const store = createCaptureStore(openCaptureDb('import-counts'));
    const result = await importZip(zip, store);
    expect(result).toEqual({ ok: true, added: 4, invoices: 2, duplicates: 1, failed: 1, skipped: 0 });
    // The notice agrees with the totals line under it ("Invoices: 2").
    expect(importedNotice(result as Extract<typeof result, { ok: true }>, wordsOf('en'))).toBe('Imported captures: 4 (invoices: 2, duplicates not counted: 1, failed: 1) · already here: 0.');
    expect(importedNotice(result as Extract<typeof result, { ok: true }>, wordsOf('zh_CN'))).toBe('已导入 4 条记录（发票 2 张，重复不计 1 张，失败 1 条），0 条已存在。');

    // A batch already holding the earlier capture of an invoice: the one imported is its duplicate.
    const here = createCaptureStore(openCaptureDb('import-counts-here'));
    await here.add(capture('first'));
    const { zip: later } = await exportZip([capture('again', { createdAt: Date.UTC(2026, 10, 20, 9, 0) })], async () => undefined, wordsOf('en'));
    expect(await importZip(later, here)).toEqual({ ok: true, added: 1, invoices: 0, duplicates: 1, failed: 0, skipped: 0 });
  });

  it('refuses a ZIP that is not an export, and one from a newer version', async () => {
    const store = createCaptureStore(openCaptureDb('refuse'));
    expect(await importZip(new Blob(['not a zip']), store)).toEqual({ ok: false, problem: 'notExport' });
    const { BlobWriter, ZipWriter, TextReader } = await import('@zip.js/zip.js');
    const writer = new ZipWriter(new BlobWriter());
    await writer.add('invoices.json', new TextReader(JSON.stringify({ schemaVersion: 99, captures: [] })));
    expect(await importZip(await writer.close(), store)).toEqual({ ok: false, problem: 'newerVersion' });
  });
});

describe('import: sizes bounded, nothing starts by itself', () => {
  const zipOf = async (files: Record<string, string>) => {
    const { BlobWriter, ZipWriter, TextReader } = await import('@zip.js/zip.js');
    const writer = new ZipWriter(new BlobWriter(), { level: 1 });
    for (const [name, text] of Object.entries(files)) await writer.add(name, new TextReader(text));
    return writer.close();
  };

  it('refuses an invoices.json that inflates past its bound', async () => {
    const bomb = await zipOf({ 'invoices.json': `{"schemaVersion":1,"captures":[]${' '.repeat(40 * 1024 * 1024)}}` });
    expect(bomb.size).toBeLessThan(200 * 1024); // a small file…
    const store = createCaptureStore(openCaptureDb('bomb'));
    expect(await importZip(bomb, store)).toEqual({ ok: false, problem: 'tooLarge' }); // …refused
    expect(await store.recent(10)).toEqual([]);
  }, 60_000);

  it('stops reading an entry whose header lies about its size, at the bound', async () => {
    let written = 0;
    const liar = {
      uncompressedSize: 10, // the header says 10 bytes…
      async getData(writable: WritableStream<Uint8Array>) {
        const writer = writable.getWriter();
        for (let i = 0; i < 1000; i++) {
          await writer.write(new Uint8Array(1024 * 1024)); // …the data goes on for a gigabyte
          written += 1;
        }
        await writer.close();
      },
    } as unknown as Parameters<typeof readBounded>[0];
    expect(await readBounded(liar, 4 * 1024 * 1024)).toBe(TOO_LARGE);
    expect(written).toBeLessThanOrEqual(5);
  });

  it('a capture exported before it was read comes in failed, with words to press Retry, never queued', async () => {
    const queued = capture('q', { status: 'queued', result: undefined, hasImage: false, source: { kind: 'context-menu', imageUrl: 'https://mail.example/att/9', pageUrl: 'https://mail.example/' } });
    const running = capture('r', { status: 'running', result: undefined, hasImage: false, progress: { stage: 'recognizing' } });
    const file = await zipOf({ 'invoices.json': JSON.stringify({ schemaVersion: 1, captures: [queued, running].map((c) => ({ ...c, imageFile: null })) }) });
    const store = createCaptureStore(openCaptureDb('queued-import'));
    expect(await importZip(file, store)).toEqual({ ok: true, added: 2, invoices: 0, duplicates: 0, failed: 2, skipped: 0 });
    for (const id of ['q', 'r']) {
      const stored = await store.get(id);
      expect(stored).toMatchObject({ status: 'failed', error: { code: 'LOCAL.IMPORTED_UNREAD', retryable: false } });
      expect(stored?.progress).toBeUndefined();
    }
    expect(await store.withStatus('queued', 'running')).toEqual([]);
  });

  it('one exported after it failed as LOCAL.HOST_ACCESS comes in unread too: a later grant of its host must not read it by itself', async () => {
    const blocked = capture('h', { status: 'failed', result: undefined, hasImage: false, error: { code: 'LOCAL.HOST_ACCESS', message: 'https://img.example/a.png', retryable: false } });
    const file = await zipOf({ 'invoices.json': JSON.stringify({ schemaVersion: 1, captures: [{ ...blocked, imageFile: null }] }) });
    const store = createCaptureStore(openCaptureDb('host-access-import'));
    expect(await importZip(file, store)).toEqual({ ok: true, added: 1, invoices: 0, duplicates: 0, failed: 1, skipped: 0 });
    expect(await store.get('h')).toMatchObject({ status: 'failed', error: { code: 'LOCAL.IMPORTED_UNREAD', retryable: false } });
    expect(capturesUnblockedBy(await store.withStatus('failed'), ['https://img.example/*'])).toEqual([]);
  });

  it('one imported unread keeps why it was not read where it came from: in the record, the words, and a second export', async () => {
    const blocked = capture('h2', { status: 'failed', result: undefined, hasImage: false, error: { code: 'LOCAL.HOST_ACCESS', message: 'https://img.example/b.png', retryable: false } });
    const file = await zipOf({ 'invoices.json': JSON.stringify({ schemaVersion: 1, captures: [{ ...blocked, imageFile: null }] }) });
    const store = createCaptureStore(openCaptureDb('host-access-reason'));
    await importZip(file, store);
    const imported = (await store.get('h2'))!;
    expect(imported.error).toMatchObject({ code: 'LOCAL.IMPORTED_UNREAD', unreadBecause: { code: 'LOCAL.HOST_ACCESS', message: 'https://img.example/b.png' } });
    const said = 'Not read on the machine it came from: Site not allowed yet (LOCAL.HOST_ACCESS). Press Retry to read it now.';
    expect(unreadBecauseText(imported.error!, wordsOf('en'))).toBe(said);
    expect(unreadBecauseText(imported.error!, wordsOf('zh_CN'))).toBe('在导出它的电脑上未识别：尚未获准读取该网站图片（LOCAL.HOST_ACCESS）。请点击“重试”立即识别。');

    // Exported again from here: the JSON keeps the reason, the CSV says it, and it comes back the same.
    const { zip } = await exportZip([imported], async () => undefined, wordsOf('en'));
    const reader = new ZipReader(new BlobReader(zip));
    const text = async (name: string) => {
      const entry = (await reader.getEntries()).find((e) => e.filename === name);
      return entry && !entry.directory ? entry.getData(new TextWriter()) : '';
    };
    const json = JSON.parse(await text('invoices.json')) as { captures: Capture[] };
    const csv = await text('invoices.csv');
    await reader.close();
    expect(json.captures[0]!.error?.unreadBecause).toEqual({ code: 'LOCAL.HOST_ACCESS', message: 'https://img.example/b.png' });
    expect(csv).toContain(`LOCAL.IMPORTED_UNREAD ${said}`);
    const elsewhere = createCaptureStore(openCaptureDb('host-access-reason-again'));
    await importZip(zip, elsewhere);
    expect(await elsewhere.get('h2')).toEqual(imported);
  });

  it('an unread one without a reason (queued when exported) comes in with the plain words, as before', async () => {
    const queued = capture('q2', { status: 'queued', result: undefined, hasImage: false });
    const file = await zipOf({ 'invoices.json': JSON.stringify({ schemaVersion: 1, captures: [{ ...queued, imageFile: null }] }) });
    const store = createCaptureStore(openCaptureDb('queued-no-reason'));
    await importZip(file, store);
    const error = (await store.get('q2'))!.error!;
    expect(error.unreadBecause).toBeUndefined();
    expect(unreadBecauseText(error, wordsOf('en'))).toBeUndefined();
  });

  it('a broken image record costs only its own image', async () => {
    const db = openCaptureDb('broken-image');
    const store = createCaptureStore(db);
    await store.add(capture('ok'), new Blob([new Uint8Array([1])], { type: 'image/png' }));
    await store.add(capture('bad'));
    await (await db).put('images', { id: 'bad', blob: 'not a blob' as unknown as Blob });
    expect(await store.image('bad')).toBeUndefined();
    expect(await store.image('ok')).toBeInstanceOf(Blob);
    expect((await store.recent(10)).map((c) => c.id).sort()).toEqual(['bad', 'ok']);
  });
});
