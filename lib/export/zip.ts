import { BlobReader, BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { checksFor } from '../invoice/capture-checks';
import { glance } from '../invoice/groups';
import { batchTotals, countedCaptures, type BatchTotals } from '../invoice/totals';
import { effectiveFields, type Capture } from '../store/capture-schema';
import type { ExportRecord, Translate } from './columns';
import { imageFileNamer } from './naming';
import { exportRecord, invoicesCsv, invoicesJson } from './records';
import { summaryText } from './summary';
import { invoicesXlsx } from './xlsx';

/**
 * The batch as one ZIP: images/ + invoices.csv + invoices.xlsx + invoices.json + summary.txt, in
 * the UI language (`words`). Images are read one at a time from IndexedDB (disk-backed Blobs) and
 * stored without recompression (they are JPEG/PNG already), so a batch of 1,000 photos is
 * streamed through, not held in memory. Returns the ZIP and the totals its summary.txt states, so
 * the page can say the same figures ("Exported 21 captures: 11 invoices, …").
 */
export async function exportZip(
  captures: Capture[],
  image: (id: string) => Promise<Blob | undefined>,
  words: Translate,
  now = Date.now(),
): Promise<{ zip: Blob; totals: BatchTotals }> {
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
    records.push(exportRecord(capture, checks, counted, imageFile));
  }
  await zip.add('invoices.csv', new TextReader(invoicesCsv(records, words)), { level: 6 });
  await zip.add('invoices.xlsx', new Uint8ArrayReader(await invoicesXlsx(records, words)), { level: 0 });
  await zip.add('invoices.json', new TextReader(invoicesJson(records, now)), { level: 6 });
  const groups = glance(captures.map((c) => ({ ...c, fields: effectiveFields(c) })), checks);
  const totals = batchTotals(captures, checks);
  await zip.add('summary.txt', new TextReader(summaryText(totals, words, new Date(now), groups)), { level: 6 });
  return { zip: await zip.close(), totals };
}
