import type { QuotaInvoiceResult } from '../../lib/recognize/contract';
import { readQuotaInvoice } from '../../lib/ondevice/read-invoice';
import { decodeImage, nodeEngine } from '../support/ondevice-node';
import type { ErrorName } from './replies';

/** Loads the models before the first request, so its time is not the model load. */
export async function warmUpRecognizer(): Promise<void> {
  await nodeEngine();
}

/**
 * Recognition by the on-device engine (the same code the extension runs): real pixels, no lookup
 * table. Answers AIS.0104 when the image holds no quota invoice.
 */
export async function recognizeBytes(bytes: Uint8Array): Promise<{ ok: true; result: QuotaInvoiceResult } | { ok: false; error: ErrorName }> {
  const image = decodeImage(bytes);
  // BMP and TIFF pass the API's format check, but these Node decoders read PNG and JPEG only.
  if (!image) return { ok: false, error: 'recognitionFailed' };
  const outcome = await readQuotaInvoice(await nodeEngine(), image);
  if (outcome.ok) return { ok: true, result: outcome.result };
  return { ok: false, error: outcome.error.code === 'AIS.0104' ? 'notInvoice' : 'recognitionFailed' };
}
