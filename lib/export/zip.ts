import { BlobReader, BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';
import { checkBatch, type CheckResult } from '../invoice/checks';
import { gbt2260 } from '../invoice/gbt2260';
import { effectiveFields, type Capture } from '../store/capture-schema';
import { imageFileNamer } from './naming';
import { invoicesCsv, invoicesJson, summaryText, type ExportRecord } from './records';

export const REVIEW_THRESHOLD = 0.9;

export function checksFor(captures: Capture[], threshold = REVIEW_THRESHOLD): Map<string, CheckResult> {
  return checkBatch(
    captures.map((c) => {
      const confidences = Object.entries(c.result?.confidence ?? {})
        .filter(([field]) => !c.corrections?.[field as keyof NonNullable<Capture['corrections']>])
        .map(([, v]) => v);
      return { id: c.id, fields: effectiveFields(c), imageSha256: c.imageSha256, minConfidence: confidences.length ? Math.min(...confidences) : undefined };
    }),
    gbt2260(),
    threshold,
  );
}

/**
 * The batch as one ZIP: images/ + invoices.csv + invoices.json + summary.txt. Images are read one
 * at a time from IndexedDB (disk-backed Blobs) and stored without recompression (they are JPEG/PNG
 * already), so a batch of 1,000 photos is streamed through, not held in memory.
 */
export async function exportZip(captures: Capture[], image: (id: string) => Promise<Blob | undefined>, now = Date.now()): Promise<Blob> {
  const checks = checksFor(captures);
  const name = imageFileNamer();
  const zip = new ZipWriter(new BlobWriter('application/zip'), { level: 0, useWebWorkers: false });
  const records: ExportRecord[] = [];
  for (const capture of captures) {
    const blob = capture.hasImage ? await image(capture.id) : undefined;
    const fields = effectiveFields(capture);
    const imageFile = blob ? `images/${name({ createdAt: capture.createdAt, code: fields.code, number: fields.number, imageType: capture.imageType })}` : null;
    if (blob && imageFile) await zip.add(imageFile, new BlobReader(blob), { lastModDate: new Date(capture.createdAt) });
    records.push({ capture, check: checks.get(capture.id)!, imageFile });
  }
  await zip.add('invoices.csv', new TextReader(invoicesCsv(records)), { level: 6 });
  await zip.add('invoices.json', new TextReader(invoicesJson(records, now)), { level: 6 });
  await zip.add('summary.txt', new TextReader(summaryText(records, now)), { level: 6 });
  return zip.close();
}
