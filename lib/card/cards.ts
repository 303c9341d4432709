import type { WxtBrowser } from 'wxt/browser';
import type { createTabFiller } from '../autofill/fill-tab';
import { fillValues } from '../autofill/values';
import { t } from '../i18n';
import { onMessage, sendMessage } from '../messages';
import { effectiveFields, type Capture } from '../store/capture-schema';
import { photoPartId, type CaptureStore } from '../store/captures';
import { onCapturesChanged } from '../store/changes';
import { isInvoice } from '../invoice/hand-entry';
import { captureMarks } from '../ui/capture-marks';
import { fillNotice, undoNotice } from '../ui/fill-notice';
import { CardRequestSchema, type CardActionReply, type CardInit } from './schema';
import { cardSessions, type CardSender } from './sessions';
import { cardView } from './view';
import { cardWords } from './words';

/** The card script's global in the frame's isolated world (entrypoints/card.ts). */
type CardScope = { __qicCard?: { open(init: unknown): boolean } };

export interface CardDeps {
  browser: WxtBrowser;
  store: Pick<CaptureStore, 'get' | 'recent'>;
  tabFiller: Pick<ReturnType<typeof createTabFiller>, 'fill' | 'undo'>;
  runtimeId: string;
  extensionOrigin: string;
}

/** Where a card goes: the tab and frame of the right-click. */
export interface CardTarget {
  tabId: number;
  frameId: number;
  /** The clicked image's URL (to find the image when the right-click recorder is absent). */
  srcUrl?: string;
}

export interface Cards {
  /**
   * Injects the card into the clicked tab and frame only (scripting.executeScript right after the
   * menu click, which activeTab allows) and shows the capture's state; later changes are pushed.
   * Resolves false when the page cannot be scripted (the capture goes on; the popup shows it).
   */
  open(captureId: string, target: CardTarget): Promise<boolean>;
  /** Registers the worker's side: pushes on every capture change, Fill / Undo / Close from cards. */
  listen(): void;
}

const refusedReply = (): CardActionReply => ({ ok: false, notice: t('error_forbidden_sender'), canUndo: false });

/**
 * The in-page card's worker side (issue 13): one card per frame, opened only by a click on
 * "Recognize quota invoice", updated from the capture's record (the BroadcastChannel every change
 * is announced on), and the only place its Fill and Undo requests are honoured (lib/card/sessions.ts).
 */
export function createCards(deps: CardDeps): Cards {
  const { browser, store } = deps;

  /**
   * The card's view with the batch's duplicate mark and checks, settled over every stored capture
   * (a second claim of a month-old invoice is the case to catch). Read only once the capture is an
   * invoice: progress ticks while it is read cost one record, not the whole store.
   */
  async function viewOf(capture: Capture) {
    return cardView(capture, isInvoice(capture) ? captureMarks(await store.recent(Number.MAX_SAFE_INTEGER)) : undefined);
  }

  async function push(captureId: string): Promise<void> {
    const sessions = await cardSessions.forCapture(captureId);
    if (sessions.length === 0) return;
    const capture = await store.get(captureId);
    if (!capture) {
      // A photo of several invoices is replaced by one capture per invoice (lib/recognize/service.ts
      // splitPhoto): its card follows the first, "1 of N · from one photo"; the rest are in the popup.
      const first = await store.get(photoPartId(captureId, 0));
      if (first?.photo?.id === captureId) {
        for (const s of sessions) await cardSessions.retarget(s.token, first.id);
        return push(first.id);
      }
    }
    const view = capture && (await viewOf(capture));
    for (const s of sessions) {
      if (!view) {
        await cardSessions.remove(s.token);
        continue;
      }
      // A page that navigated away (or a frame that is gone) drops its card.
      await sendMessage('cardUpdate', view, { tabId: s.tabId, frameId: s.frameId }).catch(() => cardSessions.remove(s.token));
    }
  }

  async function session(data: unknown, sender: CardSender) {
    const parsed = CardRequestSchema.safeParse(data);
    return parsed.success ? cardSessions.find(parsed.data.token, sender, deps.runtimeId, deps.extensionOrigin) : undefined;
  }

  return {
    async open(captureId, { tabId, frameId, srcUrl }) {
      const capture = await store.get(captureId);
      if (!capture) return false;
      const token = `${crypto.randomUUID()}${crypto.randomUUID()}`.replace(/-/g, '');
      const init: CardInit = { token, srcUrl: srcUrl?.startsWith('data:') ? undefined : srcUrl, words: cardWords(), view: await viewOf(capture) };
      const target = { tabId, frameIds: [frameId] };
      try {
        await browser.scripting.executeScript({ target, files: ['/card.js'] });
        const [shown] = await browser.scripting.executeScript({ target, func: (i: unknown) => (globalThis as unknown as CardScope).__qicCard?.open(i) ?? false, args: [init] });
        if (shown?.result !== true) return false;
      } catch {
        return false; // a page we may not script (the Web Store, a PDF viewer)
      }
      // The session only once the card listens: a change pushed to a frame without it fails, and a
      // failed push drops the session. (In Firefox the capture moved on while the card was being
      // injected; that push dropped it and the card stayed on "Waiting".)
      await cardSessions.add({ token, captureId, tabId, frameId });
      await push(captureId); // it may have moved on while the card was being injected
      return true;
    },
    listen() {
      onCapturesChanged((id) => void push(id).catch(() => undefined));

      onMessage('cardFill', async ({ data, sender }): Promise<CardActionReply> => {
        const s = await session(data, sender);
        if (!s || !sender.tab?.url) return refusedReply();
        const capture = await store.get(s.captureId);
        if (!capture?.result) return { ok: false, notice: t('fillNoResult'), canUndo: false };
        try {
          const report = await deps.tabFiller.fill(fillValues(effectiveFields(capture)), { id: s.tabId, url: sender.tab.url });
          if (!report) return { ok: false, notice: t('fillNoPage'), canUndo: false };
          const notice = fillNotice(report);
          // As in the popup: Undo only when a field was filled (a list without the option changed nothing).
          return notice ? { ok: true, notice, canUndo: report.filled.length > 0 } : { ok: false, notice: t('fillNothing'), canUndo: false };
        } catch {
          return { ok: false, notice: t('fillNoPage'), canUndo: false };
        }
      });

      onMessage('cardUndo', async ({ data, sender }): Promise<CardActionReply> => {
        if (!(await session(data, sender))) return refusedReply();
        return { ok: true, notice: undoNotice(await deps.tabFiller.undo()), canUndo: false };
      });

      // The page's script cannot open the extension's pages; the worker does, for a card it knows.
      onMessage('cardOpenSettings', async ({ data, sender }) => {
        if (!(await session(data, sender))) return false;
        await browser.runtime.openOptionsPage();
        return true;
      });

      onMessage('cardClosed', async ({ data, sender }) => {
        const s = await session(data, sender);
        if (s) await cardSessions.remove(s.token);
        return s !== undefined;
      });
    },
  };
}
