/** Puts a made-up batch into a fresh profile the way a clerk would: an exported ZIP imported on the batch page. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';
import type { Page } from 'puppeteer';
import type { Capture } from '@/lib/store/capture-schema';
import { openExtensionPage, type LoadedExtension } from './extension';

/** The review table's rows per page (components/BatchView.tsx PAGE_SIZE; that module needs a browser to load). */
const PAGE_SIZE = 100;

/** Opens batch.html, imports `captures` (no images) through its Import box, and resolves once every row of the first page is shown. */
export async function openBatchWith(ext: LoadedExtension, captures: Capture[]): Promise<Page> {
  const zip = new ZipWriter(new BlobWriter('application/zip'));
  await zip.add('invoices.json', new TextReader(JSON.stringify({ schemaVersion: 1, captures: captures.map((c) => ({ ...c, imageFile: null })) })));
  const file = join(mkdtempSync(join(tmpdir(), 'qic-batch-')), 'batch.zip');
  writeFileSync(file, new Uint8Array(await (await zip.close()).arrayBuffer()));
  const batch = await openExtensionPage(ext, 'batch.html');
  await batch.bringToFront();
  await (await batch.$('input[name="import"]'))!.uploadFile(file);
  await batch.waitForFunction((n) => document.querySelectorAll('tr[data-capture-id]').length === n, { polling: 100, timeout: 30_000 }, Math.min(captures.length, PAGE_SIZE));
  return batch;
}
