import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import { ProviderIdSchema, type ProviderId } from './store/capture-schema';
import { ConcurrencySchema } from './store/concurrency';
import type { PublicSettings } from './store/settings';
import type { FieldMappingRecord } from './store/field-mappings';
import type { FillReport, UndoReport } from './autofill/report';
import type { CardActionReply, CardView, CardRequestSchema } from './card/schema';

/** The longest URL the worker takes (characters); data: URLs go as files (lib/ui/intake.ts fileFromDataUrl). */
export const RECOGNIZE_URL_MAX = 8192;

/** Payload schemas: the background validates every message against these before acting. */
export const RecognizeUrlSchema = z.object({
  url: z.string().trim().min(1).max(RECOGNIZE_URL_MAX),
  /**
   * The popup is asking the user for the URL's host as it sends this (its prompt may close the
   * popup): the capture waits for the answer (`hostAnswered`) instead of failing LOCAL.HOST_ACCESS.
   */
  askingHost: z.boolean().optional(),
});
/** Files travel as data URLs: runtime messages are JSON (64 MiB at most). */
export const RecognizeFileSchema = z.object({
  name: z.string().max(512),
  kind: z.enum(['file', 'paste', 'drop', 'pdf']).default('file'),
  dataUrl: z.string().startsWith('data:').max(64 * 1024 * 1024),
});
export const CaptureIdSchema = z.object({ id: z.string().min(1).max(100) });
export const MappingKeySchema = z.object({ origin: z.string().max(2000), path: z.string().max(2000) });
export const CorrectFieldSchema = CaptureIdSchema.extend({
  field: z.enum(['number', 'code', 'location', 'amount']),
  /** Empty: back to the recognized value. */
  value: z.string().trim().max(200),
});
export const RereadSchema = CaptureIdSchema.extend({ provider: ProviderIdSchema });
export const SettingsPatchSchema = z
  .object({
    provider: z.enum(['auto', 'ondevice', 'huawei']),
    endpointMode: z.enum(['region', 'custom']),
    region: z.string(),
    customEndpoint: z.string(),
    projectId: z.string(),
    authMode: z.enum(['aksk', 'iam']),
    ak: z.string(),
    sk: z.string(),
    iamUser: z.string(),
    iamPassword: z.string(),
    iamDomain: z.string(),
    sendImageUrl: z.boolean(),
    uiLanguage: z.enum(['auto', 'en', 'zh_CN']),
    concurrency: ConcurrencySchema,
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** A reply that can fail with a message key for the UI (and, for details, server text). */
export type Reply<T = object> = ({ ok: true } & T) | { ok: false; messageKey: string; detail?: string };

export interface ConnectionReport {
  ok: boolean;
  /** i18n key of the plain-words verdict. */
  messageKey: string;
  /** The code as the server sent it (APIGW.0301 stays APIGW.0301; the words are APIG.0301's). */
  code?: string;
  detail?: string;
  /** This computer's clock is off by this much (ms, gateway minus local): the user is told. */
  clockOffsetMs?: number;
}

interface ProtocolMap {
  recognizeUrl(data: z.input<typeof RecognizeUrlSchema>): Reply<{ id: string }>;
  recognizeFile(data: z.input<typeof RecognizeFileSchema>): Reply<{ id: string }>;
  retryCapture(data: z.input<typeof CaptureIdSchema>): Reply;
  /** The prompt for a typed URL's host was answered (yes or no): the capture waiting on it goes now. */
  hostAnswered(data: z.input<typeof CaptureIdSchema>): Reply;
  rereadCapture(data: z.input<typeof RereadSchema>): Reply;
  deleteCapture(data: z.input<typeof CaptureIdSchema>): Reply;
  correctField(data: z.input<typeof CorrectFieldSchema>): Reply;
  fillPage(data: z.input<typeof CaptureIdSchema>): Reply<FillReport>;
  undoFill(): Reply<UndoReport>;
  teachForm(): Reply<{ origin: string; path: string; fields: string[] }>;
  listMappings(): FieldMappingRecord[];
  deleteMapping(data: z.input<typeof MappingKeySchema>): Reply;
  getSettings(): PublicSettings & { effectiveProvider: ProviderId };
  saveSettings(data: SettingsPatch): Reply;
  testConnection(): ConnectionReport;
  /** An extension page opened: pick up pending jobs (a stopped worker's captures resume). */
  resumeJobs(): Reply;
  /** Worker → the in-page card (tabs.sendMessage to its tab and frame): the capture changed. */
  cardUpdate(data: CardView): boolean;
  /** In-page card → worker: Fill the card's tab with its invoice; Undo that fill. Checked by token, tab and frame (lib/card/sessions.ts). */
  cardFill(data: z.input<typeof CardRequestSchema>): CardActionReply;
  cardUndo(data: z.input<typeof CardRequestSchema>): CardActionReply;
  /** In-page card → worker: open Settings (the card's `keys` state, Huawei refused the keys). Checked by token. */
  cardOpenSettings(data: z.input<typeof CardRequestSchema>): boolean;
  /** The card was dismissed: no more updates for it. */
  cardClosed(data: z.input<typeof CardRequestSchema>): boolean;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
