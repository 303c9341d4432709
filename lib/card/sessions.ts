import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

/** One card open in a page: which capture it shows, in which tab and frame, and its secret. */
export const CardSessionSchema = z.object({
  token: z.string(),
  captureId: z.string(),
  tabId: z.number().int(),
  frameId: z.number().int(),
});
export type CardSession = z.infer<typeof CardSessionSchema>;

/** The parts of runtime.MessageSender the check reads. */
export interface CardSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** The newest cards only: a clerk clicks through a mailbox; older cards have long been closed. */
const KEEP = 20;

// session: kept while the browser runs, lost on restart (so are the cards), and, in Chrome,
// readable only by the extension's own contexts (never by the page or a content script).
const item = storage.defineItem<unknown>('session:inPageCards', { fallback: [] });

async function read(): Promise<CardSession[]> {
  const parsed = z.array(CardSessionSchema).safeParse(await item.getValue());
  return parsed.success ? parsed.data : [];
}

/**
 * The open cards, kept in storage.session so a restarted worker still updates them and honours
 * their Fill. A request from a card is honoured only when all of these hold (checked in `find`):
 * it comes from this extension (`sender.id`), from a content-script context (not an extension
 * page), from the very tab and frame the card was injected into, with the card's token, which
 * only the card script (in the extension's isolated world) holds: the page cannot read it, and
 * runtime messages from the page itself never reach the worker (no externally_connectable).
 */
export const cardSessions = {
  async add(session: CardSession): Promise<void> {
    const others = (await read()).filter((s) => !(s.tabId === session.tabId && s.frameId === session.frameId));
    await item.setValue([...others, session].slice(-KEEP));
  },
  async remove(token: string): Promise<void> {
    await item.setValue((await read()).filter((s) => s.token !== token));
  },
  /** The card now shows another capture (a photo's first invoice, once the photo is split). */
  async retarget(token: string, captureId: string): Promise<void> {
    await item.setValue((await read()).map((s) => (s.token === token ? { ...s, captureId } : s)));
  },
  async forCapture(captureId: string): Promise<CardSession[]> {
    return (await read()).filter((s) => s.captureId === captureId);
  },
  /** The session a card's request names, if the sender is that card; else undefined. */
  async find(token: string, sender: CardSender, runtimeId: string, extensionOrigin: string): Promise<CardSession | undefined> {
    if (sender.id !== runtimeId || sender.url?.startsWith(extensionOrigin) || sender.tab?.id === undefined) return undefined;
    const session = (await read()).find((s) => s.token === token);
    return session && session.tabId === sender.tab.id && session.frameId === (sender.frameId ?? 0) ? session : undefined;
  },
};
