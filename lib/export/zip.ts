import { BlobReader, BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { checkBatch, type CheckResult } from '../invoice/checks';
import { gbt2260 } from '../invoice/gbt2260';
import { glance } from '../invoice/groups';
import { REVIEW_THRESHOLD } from '../invoice/review';
import { batchTotals, countedCaptures } from '../invoice/totals';
import { effectiveFields, type Capture } from '../store/capture-schema';
import type { ExportRecord, Translate } from './columns';
import { imageFileNamer } from './naming';
import { invoicesCsv, invoicesJson } from './records';
import { summaryText } from './summary';
import { invoicesXlsx } from './xlsx';

export { REVIEW_THRESHOLD };

export function checksFor(captures: Capture[], threshold = REVIEW_THRESHOLD): Map<string, CheckResult> {
  return checkBatch(
    captures.map((c) => {
      const confidences = Object.entries(c.result?.confidence ?? {})
        .filter(([field]) => !c.corrections?.[field as keyof NonNullable<Capture['corrections']>])
        .map(([, v]) => v);
      return { id: c.id, status: c.status, fields: effectiveFields(c), imageSha256: c.imageSha256, minConfidence: confidences.length ? Math.min(...confidences) : undefined };
    }),
    gbt2260(),
    threshold,
  );
}

/**
 * The batch as one ZIP: images/ + invoices.csv + invoices.xlsx + invoices.json + summary.txt, in
 * the UI language (`words`). Images are read one at a time from IndexedDB (disk-backed Blobs) and
 * stored without recompression (they are JPEG/PNG already), so a batch of 1,000 photos is
 * streamed through, not held in memory.
 */
export async function exportZip(captures: Capture[], image: (id: string) => Promise<Blob | undefined>, words: Translate, now = Date.now()): Promise<Blob> {
  const checks = checksFor(captures);
  const name = imageFileNamer();
  const zip = new ZipWriter(new BlobWriter('application/zip'), { level: 0, useWebWorkers: false });
  const records: ExportRecord[] = [];
  const counted = countedCaptures(captures, checks);
  for (const capture of captures) {
    const blob = capture.hasImage ? await image(capture.id) : undefined;
    const fields = effectiveFields(capture);
    const imageFile = blob ? `images/${name({ createdAt: capture.createdAt, code: fields.code, number: fields.number, imageType: capture.imageType })}` : null;
    if (blob && imageFile) await zip.add(imageFile, new BlobReader(blob), { lastModDate: new Date(capture.createdAt) });
    records.push({ capture, check: checks.get(capture.id)!, imageFile, counted: counted.has(capture.id) });
  }
  await zip.add('invoices.csv', new TextReader(invoicesCsv(records, words)), { level: 6 });
  await zip.add('invoices.xlsx', new Uint8ArrayReader(await invoicesXlsx(records, words)), { level: 0 });
  await zip.add('invoices.json', new TextReader(invoicesJson(records, now)), { level: 6 });
  const groups = glance(captures.map((c) => ({ ...c, fields: effectiveFields(c) })), checks);
  await zip.add('summary.txt', new TextReader(summaryText(batchTotals(captures, checks), words, new Date(now), groups)), { level: 6 });
  return zip.close();
}
