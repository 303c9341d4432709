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
 * table. Answers AIS.0104 when the image holds no quota invoice, with the engine's words, which
 * name the kind of paper it looks like instead ("…it looks like a taxi receipt (taxi-receipt).").
 */
export async function recognizeBytes(bytes: Uint8Array): Promise<{ ok: true; result: QuotaInvoiceResult } | { ok: false; error: ErrorName; message?: string }> {
  const image = decodeImage(bytes);
  // BMP and TIFF pass the API's format check, but these Node decoders read PNG and JPEG only.
  if (!image) return { ok: false, error: 'recognitionFailed' };
  const outcome = await readQuotaInvoice(await nodeEngine(), image);
  if (outcome.ok) {
    // Huawei's API says nothing of where a field was read: the emulator answers as it does.
    const { boxes: _boxes, ...result } = outcome.result;
    return { ok: true, result };
  }
  return outcome.error.code === 'AIS.0104' ? { ok: false, error: 'notInvoice', message: outcome.error.message } : { ok: false, error: 'recognitionFailed' };
}
