import { CONTEXT_CLICK_KEY, type ContextClickRecorder } from '../capture/context-click';
import { onMessage, sendMessage } from '../messages';
import type { CardUi } from './card-ui';
import { mountCard, type CardAnchor, type PageCard } from './page-card';
import { CardInitSchema, CardViewSchema } from './schema';

export interface CardScript {
  /** Shows a card (replacing this frame's previous one); false when `init` does not parse. */
  open(init: unknown): boolean;
}

/**
 * Where the card goes: the element the right-click hit (the context-click recorder's, in this same
 * isolated world), else the image showing the clicked URL, else the click point.
 */
function anchorIn(win: Window & typeof globalThis, srcUrl: string | undefined): CardAnchor {
  const recorder = (win as unknown as Record<string, ContextClickRecorder | undefined>)[CONTEXT_CLICK_KEY];
  const hit = recorder?.target();
  const image = Array.from(win.document.images).find((i) => srcUrl !== undefined && (i.currentSrc === srcUrl || i.src === srcUrl));
  const element = hit && (hit instanceof win.HTMLImageElement || hit instanceof win.HTMLCanvasElement || !image) ? hit : image;
  return {
    box: () => {
      if (!element?.isConnected) return null;
      const r = element.getBoundingClientRect();
      return r.width > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    },
    point: recorder?.point() ?? null,
  };
}

/**
 * The card's script in a frame (entrypoints/card.ts, injected by the worker after the menu click,
 * hands in how the card is drawn, `ui`):
 * opens the card the worker describes and applies the updates the worker pushes for it. Every
 * request back carries the card's token; the worker checks it with the tab and frame.
 */
export function createCardScript(win: Window & typeof globalThis, ui: CardUi): CardScript {
  let card: PageCard | null = null;
  onMessage('cardUpdate', ({ data }) => {
    const parsed = CardViewSchema.safeParse(data);
    if (parsed.success) card?.update(parsed.data);
    return card !== null && parsed.success && card.captureId === parsed.data.captureId;
  });
  return {
    open(input) {
      const parsed = CardInitSchema.safeParse(input);
      if (!parsed.success) return false;
      const init = parsed.data;
      const request = { token: init.token };
      card?.close();
      const opened: PageCard = mountCard(win, ui, init, anchorIn(win, init.srcUrl), {
        fill: () => sendMessage('cardFill', request),
        undo: () => sendMessage('cardUndo', request),
        openSettings: () => void sendMessage('cardOpenSettings', request).catch(() => undefined),
        closed: () => {
          if (card === opened) card = null;
          void sendMessage('cardClosed', request).catch(() => undefined);
        },
      });
      card = opened;
      return true;
    },
  };
}
