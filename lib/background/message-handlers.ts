import { imageFromBytes } from '../capture/fetch-image';
import { checkCustomEndpoint } from '../huawei/endpoint';
import { errorMessageKey } from '../huawei/errors';
import { base64ToBytes } from '../image/base64';
import {
  CaptureIdSchema,
  CorrectFieldSchema,
  MappingKeySchema,
  onMessage,
  RereadSchema,
  RecognizeFileSchema,
  RecognizeUrlSchema,
  SettingsPatchSchema,
  type ConnectionReport,
  type Reply,
} from '../messages';
import type { RecognitionService } from '../recognize/service';
import { resolveProvider } from '../recognize/provider-choice';
import { publicSettings, readSettings, writeSettings } from '../store/settings';
import { isExtensionPage, type SenderInfo } from './sender';
import type { CaptureStore } from '../store/captures';
import { effectiveFields } from '../store/capture-schema';
import type { createTabFiller } from '../autofill/fill-tab';
import { INVOICE_FIELDS, type InvoiceField } from '../autofill/score';
import { deleteMapping, fieldMappings } from '../store/field-mappings';
import type { z } from 'zod';

export interface HandlerDeps {
  service: RecognitionService;
  store: CaptureStore;
  tabFiller: ReturnType<typeof createTabFiller>;
  /** i18n lookup (browser.i18n.getMessage) for texts shown in the page. */
  message: (key: string) => string;
  testConnection: () => Promise<ConnectionReport>;
  forgetToken: () => Promise<void>;
  runtimeId: string;
  extensionOrigin: string;
}

const refused = { ok: false as const, messageKey: 'error_forbidden_sender' };
const invalid = (error: z.ZodError) => ({ ok: false as const, messageKey: 'error_bad_request', detail: error.issues[0]?.message });

function dataUrlBytes(dataUrl: string): Uint8Array | null {
  const match = /^data:[^,]*?(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) return null;
  try {
    return match[1] ? base64ToBytes(match[2]!) : new TextEncoder().encode(decodeURIComponent(match[2]!));
  } catch {
    return null;
  }
}

export function registerMessageHandlers(deps: HandlerDeps): void {
  const trusted = (sender: SenderInfo) => isExtensionPage(sender, deps.runtimeId, deps.extensionOrigin);

  onMessage('recognizeUrl', async ({ data, sender }): Promise<Reply<{ id: string }>> => {
    if (!trusted(sender)) return refused;
    const parsed = RecognizeUrlSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    const url = parsed.data.url;
    if (!/^(https?|data):/i.test(url) || !URL.canParse(url)) return { ok: false, messageKey: 'error_url_invalid', detail: url.slice(0, 200) };
    return { ok: true, id: await deps.service.captureUrl({ kind: 'url', imageUrl: url }) };
  });

  onMessage('recognizeFile', async ({ data, sender }): Promise<Reply<{ id: string }>> => {
    if (!trusted(sender)) return refused;
    const parsed = RecognizeFileSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    const bytes = dataUrlBytes(parsed.data.dataUrl);
    const image = bytes ? imageFromBytes(bytes, parsed.data.name) : null;
    if (!image?.ok) return { ok: false, messageKey: errorMessageKey('LOCAL.NOT_IMAGE'), detail: image ? image.error.message : parsed.data.name };
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
    await deps.service.correct(parsed.data.id, parsed.data.field, parsed.data.value);
    return { ok: true };
  });

  onMessage('deleteCapture', async ({ data, sender }): Promise<Reply> => {
    if (!trusted(sender)) return refused;
    const parsed = CaptureIdSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    await deps.service.remove(parsed.data.id);
    return { ok: true };
  });

  // Fill only on the user's click in our own page: no web page can trigger a fill or read a capture.
  onMessage('fillPage', async ({ data, sender }) => {
    if (!trusted(sender)) return refused;
    const parsed = CaptureIdSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    const capture = await deps.store.get(parsed.data.id);
    if (!capture?.result) return { ok: false, messageKey: 'fillNoResult' };
    const { number, code, location, amount } = effectiveFields(capture);
    try {
      const summary = await deps.tabFiller.fill({ number, code, location, amount });
      return summary ? { ok: true, ...summary } : { ok: false, messageKey: 'fillNoPage' };
    } catch (error) {
      return { ok: false, messageKey: 'fillNoPage', detail: error instanceof Error ? error.message : undefined };
    }
  });

  onMessage('undoFill', async ({ sender }) => {
    if (!trusted(sender)) return refused;
    return { ok: true, restored: await deps.tabFiller.undo() };
  });

  onMessage('teachForm', async ({ sender }) => {
    if (!trusted(sender)) return refused;
    const prompts = Object.fromEntries(INVOICE_FIELDS.map((f) => [f, deps.message(`teach_${f}`)])) as Record<InvoiceField, string>;
    const taught = await deps.tabFiller.teach(prompts);
    return taught ? { ok: true, ...taught } : { ok: false, messageKey: 'fillNoPage' };
  });

  onMessage('listMappings', async ({ sender }) => {
    if (!trusted(sender)) throw new Error('refused: not an extension page');
    return fieldMappings.get();
  });

  onMessage('deleteMapping', async ({ data, sender }) => {
    if (!trusted(sender)) return refused;
    const parsed = MappingKeySchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    await deleteMapping(parsed.data.origin, parsed.data.path);
    return { ok: true };
  });

  onMessage('getSettings', async ({ sender }) => {
    if (!trusted(sender)) throw new Error('refused: not an extension page');
    const all = await readSettings();
    return { ...publicSettings(all), effectiveProvider: resolveProvider(all) };
  });

  onMessage('saveSettings', async ({ data, sender }): Promise<Reply> => {
    if (!trusted(sender)) return refused;
    const parsed = SettingsPatchSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    const patch = parsed.data;
    if (patch.endpointMode === 'custom') {
      const problem = checkCustomEndpoint(patch.customEndpoint ?? '');
      if (problem) return { ok: false, messageKey: `error_${problem}` };
    }
    try {
      await writeSettings(patch);
    } catch (error) {
      return { ok: false, messageKey: 'error_bad_request', detail: error instanceof Error ? error.message : undefined };
    }
    await deps.forgetToken(); // a token belongs to the old credentials
    return { ok: true };
  });

  onMessage('testConnection', async ({ sender }) => {
    if (!trusted(sender)) return { ok: false, messageKey: refused.messageKey };
    return deps.testConnection();
  });
}
