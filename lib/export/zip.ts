import { BlobReader, BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { checksFor } from '../invoice/capture-checks';
import { glance } from '../invoice/groups';
import { batchTotals, countedCaptures, type BatchTotals } from '../invoice/totals';
import { effectiveFields, type Capture } from '../store/capture-schema';
import type { ExportRecord, Translate } from './columns';
import { imageFileNamer } from './naming';
import { duplicateName, exportRecord, invoicesCsv, invoicesJson } from './records';
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
  const counted = countedCaptures(captures, checks);
  // Names are given to the counted captures first: of two images of one invoice, the counted one
  // gets the plain name and the duplicate left out the suffix (trial 6: it was the other way).
  const planned = new Map<string, string>();
  for (const capture of [...captures].sort((a, b) => Number(counted.has(b.id)) - Number(counted.has(a.id)))) {
    if (!capture.hasImage) continue;
    const fields = effectiveFields(capture);
    planned.set(capture.id, `images/${name({ createdAt: capture.createdAt, code: fields.code, number: fields.number, imageType: capture.imageType })}`);
  }
  const files = new Map<string, string | null>();
  for (const capture of captures) {
    const blob = capture.hasImage ? await image(capture.id) : undefined;
    const imageFile = blob ? (planned.get(capture.id) ?? null) : null;
    if (blob && imageFile) await zip.add(imageFile, new BlobReader(blob), { lastModDate: new Date(capture.createdAt) });
    files.set(capture.id, imageFile);
  }
  const byId = new Map(captures.map((c) => [c.id, c]));
  const nameOf = (id: string) => {
    const capture = byId.get(id);
    return capture ? duplicateName(capture, files.get(id) ?? null) : null;
  };
  const records: ExportRecord[] = captures.map((capture) => exportRecord(capture, checks, counted, files.get(capture.id) ?? null, nameOf));
  await zip.add('invoices.csv', new TextReader(invoicesCsv(records, words)), { level: 6 });
  await zip.add('invoices.xlsx', new Uint8ArrayReader(await invoicesXlsx(records, words)), { level: 0 });
  await zip.add('invoices.json', new TextReader(invoicesJson(records, now)), { level: 6 });
  const groups = glance(captures.map((c) => ({ ...c, fields: effectiveFields(c) })), checks);
  const totals = batchTotals(captures, checks);
  await zip.add('summary.txt', new TextReader(summaryText(totals, words, new Date(now), groups)), { level: 6 });
  return { zip: await zip.close(), totals };
}
