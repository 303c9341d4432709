import { z } from 'zod';

/**
 * The in-page card's data, as it crosses between the worker and the page (lib/messages.ts carries
 * it). Everything in it is text the worker already put in the UI language: the card script in the
 * page has no i18n of its own (it cannot read the Settings choice) and never sees a secret, only
 * the capture's four fields, its progress and its error words.
 */

const Text = z.string().max(2000);
export const CardFieldNameSchema = z.enum(['code', 'number', 'amount', 'location']);

/** One invoice field as the card shows it: code, number, amount (￥1,000.00) or place. */
export const CardFieldSchema = z.object({
  field: CardFieldNameSchema,
  /** The field's name in the UI language (发票代码). */
  label: Text,
  /** As shown ("￥1,000.00"); absent when the recognizer found nothing. */
  value: Text.optional(),
  /** What Copy puts on the clipboard ("1000.00" for ￥1,000.00); absent with no value. */
  copy: Text.optional(),
  /** A value taken from elsewhere, shown under it ("石家庄市（由发票代码推得）"). */
  note: Text.optional(),
});
export type CardField = z.infer<typeof CardFieldSchema>;

/** Copy all: one spreadsheet row, as plain text (tab-separated) and as an HTML table. */
export const CopyAllSchema = z.object({ text: Text, html: z.string().max(8000) });
export type CopyAll = z.infer<typeof CopyAllSchema>;

/** The card's state for one capture, pushed by the worker whenever the capture's record changes. */
export const CardViewSchema = z.object({
  captureId: z.string().min(1).max(100),
  /** The record's updatedAt (epoch ms): an older view arriving late is dropped. */
  updatedAt: z.number(),
  /**
   * working: queued or being read; done: fields shown (some may be missing); failed: the error
   * shown; keys: held back because Huawei Cloud refused the keys. Nothing moves until the clerk
   * fixes them in Settings, so the card says so and offers Settings instead of spinning (issue 13).
   */
  state: z.enum(['working', 'done', 'failed', 'keys']),
  /** The stage or the outcome in words (排队中 / 正在加载本机识别模型… 40% / 已识别). */
  statusText: Text,
  fields: z.array(CardFieldSchema).max(4),
  // Absent rather than null: scripting.executeScript's arguments lose nulls on the way (Chromium).
  copyAll: CopyAllSchema.optional(),
  /**
   * Another capture of the same invoice, in words ("Already captured at 11/30/26, 2:56 PM — not
   * counted twice"), decided as the batch decides it over every stored capture; absent when none.
   * Fill stays possible: the words are there so the clerk does not claim the invoice twice.
   */
  duplicate: z.object({ words: Text, counted: z.boolean() }).optional(),
  /** The batch's checks that put this invoice on the to-review list, in words ("To review: unusual amount"). */
  review: Text.optional(),
  /** A failure in words, with the code as the service spelled it (AIS.0104, LOCAL.FETCH…). */
  error: z.object({ words: Text, code: z.string().max(100) }).optional(),
  /**
   * An invoice cut out of a photo of several: `of`, the photo's capture (a card opened on the photo
   * follows its first invoice once the photo is split), and "1 of 4 · from one photo".
   */
  photo: z.object({ of: z.string().min(1).max(100), words: Text }).optional(),
});
export type CardView = z.infer<typeof CardViewSchema>;

/** The card's fixed words, in the UI language. */
export const CardWordsSchema = z.object({
  title: Text,
  close: Text,
  copy: Text,
  /** "Copy $1": the Copy button's accessible name, with $1 the field's label. */
  copyField: Text,
  copyAll: Text,
  copied: Text,
  copiedAll: Text,
  copyFailed: Text,
  fill: Text,
  undo: Text,
  missing: Text,
  /** The button of the `keys` state: opens the extension's Settings. */
  openSettings: Text,
  /** The collapsed card's (chip's) accessible name, "Show the invoice card". */
  expand: Text,
});
export type CardWords = z.infer<typeof CardWordsSchema>;

/** What the worker hands the card script when it opens the card (scripting.executeScript args). */
export const CardInitSchema = z.object({
  /** The card's secret with the worker: only the script holding it can ask for Fill or Undo. */
  token: z.string().min(16).max(100),
  /** The clicked image's URL, to find it when the right-click recorder is absent. */
  srcUrl: z.string().max(8192).optional(),
  words: CardWordsSchema,
  view: CardViewSchema,
});
export type CardInit = z.infer<typeof CardInitSchema>;

/** A request from the card to the worker: the token names the card (and so the capture and tab). */
export const CardRequestSchema = z.object({ token: z.string().min(16).max(100) });

/** The answer to Fill and Undo: the notice in words. */
export interface CardActionReply {
  ok: boolean;
  /** What went where, or why nothing was filled, in the UI language. */
  notice: string;
  /** Whether Undo can put the previous values back. */
  canUndo: boolean;
}
