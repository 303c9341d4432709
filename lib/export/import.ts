import { BlobReader, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js';
import { z } from 'zod';
import { checkCorrection, type CorrectionField } from '../invoice/correction';
import { checksFor } from '../invoice/capture-checks';
import { batchTotals } from '../invoice/totals';
import { LocalCode, recognitionError } from '../recognize/errors';
import { CaptureSchema, type Capture } from '../store/capture-schema';
import type { CaptureStore } from '../store/captures';
import { EXPORT_SCHEMA_VERSION } from './records';

const ExportedSchema = z.object({
  schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
  captures: z.array(z.object({ imageFile: z.string().nullable() }).passthrough()),
});

/**
 * What an import did: captures `added` and, of them, the `invoices` the totals count, the
 * `duplicates` they leave out and the `failed` (lib/invoice/totals.ts batchTotals, duplicates
 * settled over the whole batch after the import); `skipped`: already here or unreadable records.
 */
export type ImportResult =
  | { ok: true; added: number; invoices: number; duplicates: number; failed: number; skipped: number }
  | { ok: false; problem: 'notExport' | 'newerVersion' | 'tooLarge' };

/**
 * Bounds checked before and while reading (a 261 kB ZIP can inflate to gigabytes): invoices.json of
 * 20,000 captures is about 30 MB; an image is at most the 10 MB the API takes, or the original a
 * user dropped (30 MB covers a phone photo).
 */
export const IMPORT_LIMITS = { jsonBytes: 32 * 1024 * 1024, imageBytes: 30 * 1024 * 1024, entries: 25_000 } as const;

export const TOO_LARGE = Symbol('too large');

/** An entry's bytes, read only up to `maxBytes` whatever its header claims; TOO_LARGE past that. */
export async function readBounded(entry: Pick<FileEntry, 'uncompressedSize' | 'getData'>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  if ((entry.uncompressedSize ?? 0) > maxBytes) return TOO_LARGE;
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const sink = new WritableStream<Uint8Array>({
    write(chunk) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        over = true;
        throw new Error('entry larger than its bound');
      }
      chunks.push(chunk);
    },
  });
  try {
    await entry.getData(sink);
  } catch (error) {
    if (over) return TOO_LARGE;
    throw error;
  }
  const bytes = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * An imported capture never starts network work by itself: one exported before it was read comes
 * in as failed, with words that say to press Retry (a queued one would make the worker fetch its
 * URL with the user's cookies and send it to the OCR endpoint, with no click). One that failed as
 * LOCAL.HOST_ACCESS was not read either, and comes in the same way: the worker reads captures of
 * that code again by itself when their host is granted (lib/background/retry-on-grant.ts).
 * Why it was not read there (its error then: LOCAL.HOST_ACCESS and the URL, or what a queued one
 * waited on) is kept as `unreadBecause`, for the words: the reason must not be lost on the way.
 */
function settled(capture: Capture): Capture {
  const unread = capture.status === 'queued' || capture.status === 'running' || (capture.status === 'failed' && capture.error?.code === LocalCode.hostAccess);
  if (!unread) return capture;
  const { progress: _progress, ...rest } = capture;
  const before = capture.error;
  const unreadBecause = before ? { code: before.code, ...(before.sentCode ? { sentCode: before.sentCode } : {}), message: before.message } : undefined;
  return { ...rest, status: 'failed', error: recognitionError(LocalCode.importedUnread, 'imported before it was read', { retryable: false, ...(unreadBecause ? { unreadBecause } : {}) }) };
}

/**
 * Corrections from a file go through the same reading as typed ones (an amount through the one
 * parser, stored as "￥50.00"); one that does not read is kept as written, and the batch flags it
 * to review rather than losing what the user typed.
 */
function readCorrections(corrections: Capture['corrections']): Capture['corrections'] {
  if (!corrections) return corrections;
  return Object.fromEntries(
    Object.entries(corrections).map(([field, text]) => {
      const checked = checkCorrection(field as CorrectionField, text ?? '');
      return [field, checked.ok && checked.value !== '' ? checked.value : text];
    }),
  );
}

/**
 * Reads back a ZIP this extension exported: captures are merged by id (one already here is left
 * as it is, so importing twice creates no duplicates), each with its image.
 */
export async function importZip(file: Blob, store: CaptureStore): Promise<ImportResult> {
  const reader = new ZipReader(new BlobReader(file));
  try {
    const entries = (await reader.getEntries().catch(() => [] as Entry[])).filter((e): e is FileEntry => !e.directory);
    if (entries.length > IMPORT_LIMITS.entries) return { ok: false, problem: 'tooLarge' };
    const jsonEntry = entries.find((e) => e.filename === 'invoices.json');
    if (!jsonEntry) return { ok: false, problem: 'notExport' };
    const jsonBytes = await readBounded(jsonEntry, IMPORT_LIMITS.jsonBytes).catch(() => null);
    if (jsonBytes === TOO_LARGE) return { ok: false, problem: 'tooLarge' };
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(jsonBytes ?? new Uint8Array()));
    } catch {
      return { ok: false, problem: 'notExport' };
    }
    if (typeof raw === 'object' && raw !== null && Number((raw as { schemaVersion?: unknown }).schemaVersion) > EXPORT_SCHEMA_VERSION) {
      return { ok: false, problem: 'newerVersion' };
    }
    const parsed = ExportedSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, problem: 'notExport' };
    const images = new Map(entries.map((e) => [e.filename, e]));
    const added: Capture[] = [];
    let skipped = 0;
    for (const record of parsed.data.captures) {
      const capture = CaptureSchema.safeParse(record);
      if (!capture.success || (await store.get(capture.data.id))) {
        skipped += 1;
        continue;
      }
      const entry = record.imageFile ? images.get(record.imageFile) : undefined;
      const bytes = entry ? await readBounded(entry, IMPORT_LIMITS.imageBytes).catch(() => null) : null;
      // An image over its bound, or unreadable, costs only itself: the capture comes in without it.
      const blob = bytes instanceof Uint8Array ? new Blob([bytes], { type: capture.data.imageType ?? 'application/octet-stream' }) : undefined;
      const imported = settled({ ...capture.data, corrections: readCorrections(capture.data.corrections), hasImage: blob !== undefined });
      await store.add(imported, blob);
      added.push(imported);
    }
    // Counted the way the totals under the notice count them (one rule, lib/invoice/totals.ts): a
    // duplicate, of another capture imported or of one already here, is no second invoice (trial
    // 5: the notice said "invoices: 3" above totals saying 2).
    const all = added.length > 0 ? await store.recent(Number.MAX_SAFE_INTEGER) : [];
    const totals = batchTotals(added, checksFor(all), all);
    return { ok: true, added: added.length, invoices: totals.invoices, duplicates: totals.duplicates, failed: totals.failed, skipped };
  } finally {
    await reader.close();
  }
}
