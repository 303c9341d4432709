import { imageFromBytes } from '../../capture/fetch-image';
import { errorMessageKey } from '../../ui/error-words';
import { dataUrlBytes } from '../../image/data-url';
import { CaptureIdSchema, CorrectFieldSchema, onMessage, RECOGNIZE_URL_MAX, RecognizeFileSchema, RecognizeUrlSchema, RereadSchema, type Reply } from '../../messages';
import type { MessageKey } from '../../i18n';
import { invalid, refused, trustFor, type HandlerDeps } from './guard';

/**
 * A URL the message schema refused, in words for the URL box rather than the schema's own
 * ("Too big: expected string to have <=8192 characters", shown to a trial user): too long to read
 * as a link (save the image and pick the file), else not an image URL.
 */
function urlRefused(data: unknown): { ok: false; messageKey: MessageKey } {
  const url = (data as { url?: unknown } | null)?.url;
  const tooLong = typeof url === 'string' && url.trim().length > RECOGNIZE_URL_MAX;
  return { ok: false, messageKey: tooLong ? 'urlTooLong' : 'error_url_invalid' };
}

/** Capturing and managing invoices: URLs, files, retry, re-read, correct, delete. */
export function registerCaptureHandlers(deps: HandlerDeps): void {
  const trusted = trustFor(deps);

  onMessage('recognizeUrl', async ({ data, sender }): Promise<Reply<{ id: string }>> => {
    if (!trusted(sender)) return refused;
    const parsed = RecognizeUrlSchema.safeParse(data);
    if (!parsed.success) return urlRefused(data);
    const url = parsed.data.url;
    if (!/^(https?|data):/i.test(url) || !URL.canParse(url)) return { ok: false, messageKey: 'error_url_invalid', detail: url.slice(0, 200) };
    // Asked for as this arrives (the popup's prompt): stored now, it waits for the answer. The
    // prompt can close the toolbar popup (Firefox), so the popup cannot send it after the answer.
    const waits = parsed.data.askingHost === true && /^https?:/i.test(url) && !(await deps.hostAllowed(url));
    const source = { kind: 'url' as const, imageUrl: url };
    return { ok: true, id: await (waits ? deps.service.captureUrlAskingHost(source) : deps.service.captureUrl(source)) };
  });

  onMessage('hostAnswered', async ({ data, sender }): Promise<Reply> => {
    if (!trusted(sender)) return refused;
    const parsed = CaptureIdSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    await deps.service.hostAnswered(parsed.data.id);
    return { ok: true };
  });

  onMessage('recognizeFile', async ({ data, sender }): Promise<Reply<{ id: string }>> => {
    if (!trusted(sender)) return refused;
    const parsed = RecognizeFileSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    const bytes = dataUrlBytes(parsed.data.dataUrl)?.bytes;
    const image = bytes ? imageFromBytes(bytes, parsed.data.name) : null;
    if (!image?.ok) return { ok: false, messageKey: 'fileNotImageBrief', detail: image ? image.error.message : parsed.data.name };
    return { ok: true, id: await deps.service.captureBlob({ kind: parsed.data.kind, fileName: parsed.data.name }, image.blob) };
  });

  onMessage('retryCapture', async ({ data, sender }): Promise<Reply> => {
    if (!trusted(sender)) return refused;
    const parsed = CaptureIdSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    await deps.service.retry(parsed.data.id);
    return { ok: true };
  });

  onMessage('rereadCapture', async ({ data, sender }): Promise<Reply> => {
    if (!trusted(sender)) return refused;
    const parsed = RereadSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    await deps.service.reread(parsed.data.id, parsed.data.provider);
    return { ok: true };
  });

  onMessage('correctField', async ({ data, sender }): Promise<Reply> => {
    if (!trusted(sender)) return refused;
    const parsed = CorrectFieldSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    const checked = await deps.service.correct(parsed.data.id, parsed.data.field, parsed.data.value);
    return checked.ok ? { ok: true } : { ok: false, messageKey: checked.messageKey, detail: checked.text };
  });

  // Sent by the popup, batch and options pages as they open: the message itself wakes a stopped
  // worker (whose start picks the jobs up), and a live one looks again.
  onMessage('resumeJobs', async ({ sender }): Promise<Reply> => {
    if (!trusted(sender)) return refused;
    void deps.service.resumePending();
    return { ok: true };
  });

  onMessage('deleteCapture', async ({ data, sender }): Promise<Reply> => {
    if (!trusted(sender)) return refused;
    const parsed = CaptureIdSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    await deps.service.remove(parsed.data.id);
    return { ok: true };
  });
}
