import { BlobReader, BlobWriter, TextWriter, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js';
import { z } from 'zod';
import { checkCorrection, type CorrectionField } from '../invoice/correction';
import { CaptureSchema, type Capture } from '../store/capture-schema';
import type { CaptureStore } from '../store/captures';
import { EXPORT_SCHEMA_VERSION } from './records';

const ExportedSchema = z.object({
  schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
  captures: z.array(z.object({ imageFile: z.string().nullable() }).passthrough()),
});

export type ImportResult = { ok: true; added: number; skipped: number } | { ok: false; problem: 'notExport' | 'newerVersion' };

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
    const jsonEntry = entries.find((e) => e.filename === 'invoices.json');
    if (!jsonEntry) return { ok: false, problem: 'notExport' };
    let raw: unknown;
    try {
      raw = JSON.parse(await jsonEntry.getData(new TextWriter()));
    } catch {
      return { ok: false, problem: 'notExport' };
    }
    if (typeof raw === 'object' && raw !== null && Number((raw as { schemaVersion?: unknown }).schemaVersion) > EXPORT_SCHEMA_VERSION) {
      return { ok: false, problem: 'newerVersion' };
    }
    const parsed = ExportedSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, problem: 'notExport' };
    const images = new Map(entries.map((e) => [e.filename, e]));
    let added = 0;
    let skipped = 0;
    for (const record of parsed.data.captures) {
      const capture = CaptureSchema.safeParse(record);
      if (!capture.success || (await store.get(capture.data.id))) {
        skipped += 1;
        continue;
      }
      const entry = record.imageFile ? images.get(record.imageFile) : undefined;
      const blob = entry ? await entry.getData(new BlobWriter(capture.data.imageType ?? 'application/octet-stream')) : undefined;
      await store.add({ ...capture.data, corrections: readCorrections(capture.data.corrections), hasImage: blob !== undefined }, blob);
      added += 1;
    }
    return { ok: true, added, skipped };
  } finally {
    await reader.close();
  }
}
