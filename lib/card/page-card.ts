import { h, render } from 'preact';
import type { CardUi } from './card-ui';
import cardCss from './card.css?inline';
import { writeClipboard } from './clipboard';
import { coveredArea, placeCard, type Box } from './position';
import type { CardActionReply, CardInit, CardView } from './schema';

/** The worker, as the card reaches it (runtime messages carrying the card's token). */
export interface CardLink {
  fill(): Promise<CardActionReply>;
  undo(): Promise<CardActionReply>;
  /** Asks the worker to open Settings (the page's script cannot). */
  openSettings(): void;
  closed(): void;
}

/** Where the card should sit: the clicked element (read again at each placement), else the click point. */
export interface CardAnchor {
  box(): Box | null;
  point: { x: number; y: number } | null;
}

export interface PageCard {
  readonly captureId: string;
  update(view: CardView): void;
  close(): void;
}

/** The host element's tag: a custom-element name (never registered), unlikely to meet page CSS. */
export const CARD_TAG = 'qic-invoice-card';

/** The source outline's ring, CSS px: the border width of card.css `.qic-source`. */
const SOURCE_RING = 3;

/** Pictures smaller than this (CSS px, either side) are icons and avatars, not invoices to keep clear. */
const PICTURE_MIN = 48;

/** The boxes of the images, canvases and videos in view (CSS px of the viewport): what the card should not cover. */
function picturesInView(win: Window & typeof globalThis): Box[] {
  const boxes: Box[] = [];
  for (const element of Array.from(win.document.querySelectorAll('img, canvas, video, svg'))) {
    const r = element.getBoundingClientRect();
    if (r.width < PICTURE_MIN || r.height < PICTURE_MIN) continue;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= win.innerHeight || r.left >= win.innerWidth) continue;
    boxes.push({ x: r.x, y: r.y, width: r.width, height: r.height });
  }
  return boxes;
}

/**
 * The card's styles: a constructed style sheet, which a page's Content-Security-Policy
 * (`style-src` without 'unsafe-inline') does not block; a <style> element where constructing one
 * fails (Firefox's content-script wrappers can refuse a sheet made in the other compartment).
 */
function addStyles(win: Window & typeof globalThis, root: ShadowRoot, css: string): void {
  try {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch {
    const style = win.document.createElement('style');
    style.textContent = css;
    root.prepend(style);
  }
}

/**
 * Shows the card in this frame: a shadow root on its own host element (page CSS cannot reach in,
 * ours cannot leak out), placed beside the anchor within the viewport, focused, Tab cycling inside,
 * Escape or × closing it and giving focus back. The shadow root is open so tools and tests (axe,
 * the e2e tests) can read it; the page could read the four fields it shows beside the image
 * anyway. What the page cannot do is act as the user: events it dispatches are not trusted and
 * are stopped at the root before any button hears them, and the texts Copy writes are held here,
 * not read back from the DOM the page could alter.
 */
export function mountCard(win: Window & typeof globalThis, ui: CardUi, init: CardInit, anchor: CardAnchor, link: CardLink): PageCard {
  const doc = win.document;
  const host = doc.createElement(CARD_TAG);
  host.setAttribute('style', 'all: initial !important; position: fixed !important; z-index: 2147483647 !important; display: block !important;');
  const root = host.attachShadow({ mode: 'open' });
  const mountPoint = doc.createElement('div');
  root.append(mountPoint);
  addStyles(win, root, ui.tokensCss.replace(/:root/g, ':host') + cardCss);
  // The picture the card speaks of, outlined while the card is open (a new user's trial: at 1400 px
  // the card for the 5th invoice of a grid lay beside the 6th, issue 13). Drawn in the card's own
  // shadow root, fixed in the viewport over the picture's box: the page's elements are untouched.
  const source = doc.createElement('div');
  source.className = 'qic-source';
  source.setAttribute('aria-hidden', 'true');
  source.hidden = true;
  root.append(source);
  doc.documentElement.append(host);
  const returnFocus = doc.activeElement instanceof win.HTMLElement && doc.activeElement !== doc.body ? doc.activeElement : null;

  let view = init.view;
  let notice: CardActionReply | null = null;
  let busy = false;
  let open = true;
  /** Opened from the chip by the clerk: stays a card wherever it lands. */
  let expanded = false;
  let collapsed = false;

  const measure = () => {
    const size = host.getBoundingClientRect();
    return { width: size.width, height: size.height };
  };
  /**
   * Outlines the clicked picture: `box` (CSS px of the viewport, anchor.box()) grown by the
   * outline's width (card.css .qic-source, SOURCE_RING px) so the ring lies round the picture, not
   * over its edge; hidden when there is no picture (the card placed at the click point).
   */
  const outlineSource = (box: Box | null) => {
    source.hidden = box === null;
    if (!box) return;
    source.style.left = `${box.x - SOURCE_RING}px`;
    source.style.top = `${box.y - SOURCE_RING}px`;
    source.style.width = `${box.width + 2 * SOURCE_RING}px`;
    source.style.height = `${box.height + 2 * SOURCE_RING}px`;
  };
  /**
   * Places the card beside its picture; when no place is free of other pictures (a mail of many
   * invoices, a narrow window), it collapses to a chip placed the same way, which the clerk opens.
   * Opened from the chip, it is a card wherever it goes: when the full card finds no free place,
   * the narrow one (fields stacked, card.css `data-size="narrow"`) is tried too, and the one
   * covering less of the other pictures is kept (a free strip beside a mail's last column; in a
   * new user's trial the opened card lay over the next invoice, issue 13). Returns whether it
   * should be collapsed now (the caller draws the chip then).
   */
  const place = (): boolean => {
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    const box = anchor.box();
    const avoid = picturesInView(win);
    host.removeAttribute('data-size');
    let card = measure();
    let at = placeCard(card, viewport, box, anchor.point, avoid);
    let covers = coveredArea(card, at, box, avoid);
    if (covers > 0 && expanded && !collapsed) {
      host.setAttribute('data-size', 'narrow');
      const narrow = measure();
      const narrowAt = placeCard(narrow, viewport, box, anchor.point, avoid);
      const narrowCovers = coveredArea(narrow, narrowAt, box, avoid);
      if (narrowCovers < covers) [card, at, covers] = [narrow, narrowAt, narrowCovers];
      else host.removeAttribute('data-size');
    }
    host.style.setProperty('left', `${at.left}px`, 'important');
    host.style.setProperty('top', `${at.top}px`, 'important');
    outlineSource(box);
    return !expanded && !collapsed && covers > 0;
  };
  // The card is fixed in the viewport: as the page scrolls, it follows its image (placed again
  // once per frame), so it does not stay behind over the pictures that scroll under it.
  let placing = 0;
  const placeSoon = () => {
    if (!placing) placing = win.requestAnimationFrame(() => {
      placing = 0;
      if (open) place();
    });
  };
  const act = async (action: () => Promise<CardActionReply>) => {
    busy = true;
    draw();
    notice = await action().catch(() => ({ ok: false, notice: init.words.copyFailed, canUndo: false }));
    busy = false;
    draw();
  };
  const copy = async (text: string, what: 'field' | 'row', html?: string) => {
    const ok = await writeClipboard(win, text, html);
    notice = { ok, notice: ok ? (what === 'row' ? init.words.copiedAll : init.words.copied) : init.words.copyFailed, canUndo: notice?.canUndo ?? false };
    draw();
  };
  const paint = () =>
    render(
      h(ui.Card, {
        view,
        words: init.words,
        notice,
        busy,
        collapsed,
        onExpand: expand,
        onCopy: (t, w, x) => void copy(t, w, x),
        onFill: () => void act(link.fill),
        onUndo: () => void act(link.undo),
        onOpenSettings: link.openSettings,
        onClose: () => close(),
      }),
      mountPoint,
    );
  function draw() {
    if (!open) return;
    // Drawn as a card first: its size says whether it fits anywhere free; a chip when not.
    const wasCollapsed = collapsed;
    collapsed = false;
    paint();
    collapsed = place() || (wasCollapsed && !expanded);
    if (collapsed) {
      paint();
      place();
      // The focus that was on the card goes to the chip (the card's box is gone).
      if (!wasCollapsed && root.activeElement) root.querySelector<HTMLElement>('.qic-chip')?.focus();
    }
  }
  function expand() {
    expanded = true;
    draw();
    root.querySelector<HTMLElement>('.qic-card')?.focus();
  }
  /** `giveFocusBack`: false when the user has moved on (a right-click elsewhere): focus would scroll the page back. */
  function close(giveFocusBack = true) {
    if (!open) return;
    open = false;
    render(null, mountPoint);
    host.remove();
    win.removeEventListener('resize', place);
    win.removeEventListener('scroll', placeSoon, true);
    win.removeEventListener('contextmenu', rightClickElsewhere, true);
    if (placing) win.cancelAnimationFrame(placing);
    if (giveFocusBack && returnFocus?.isConnected) returnFocus.focus();
    link.closed();
  }
  // A right-click outside the card is the clerk moving on (the next invoice, most often): the
  // card goes, so it cannot lie over what is clicked next. Only the user's own clicks count.
  function rightClickElsewhere(event: MouseEvent) {
    if (event.isTrusted && !event.composedPath().includes(host)) close(false);
  }

  // The page may script clicks and keys on an open shadow root: only the user's own count.
  for (const type of ['click', 'keydown', 'keyup', 'mousedown', 'mouseup', 'pointerdown', 'pointerup']) {
    root.addEventListener(type, (event) => !event.isTrusted && event.stopImmediatePropagation(), true);
  }
  root.addEventListener('keydown', (event) => {
    const key = event as KeyboardEvent;
    if (key.key === 'Escape') {
      key.preventDefault();
      key.stopPropagation();
      close();
      return;
    }
    if (key.key !== 'Tab') return;
    // Tab and Shift+Tab go round the card's buttons, not out into the page.
    const items = Array.from(root.querySelectorAll<HTMLElement>('button:not([disabled])'));
    const at = items.indexOf(root.activeElement as HTMLElement);
    const next = key.shiftKey ? (at <= 0 ? items.at(-1) : undefined) : at === items.length - 1 ? items[0] : undefined;
    if (next) {
      key.preventDefault();
      next.focus();
    }
  });
  win.addEventListener('resize', place);
  win.addEventListener('scroll', placeSoon, { capture: true, passive: true });
  win.addEventListener('contextmenu', rightClickElsewhere, true);

  draw();
  root.querySelector<HTMLElement>(collapsed ? '.qic-chip' : '.qic-card')?.focus();

  return {
    get captureId() {
      return view.captureId;
    },
    update(next) {
      // The photo the card opened on became one capture per invoice: the card goes on with its first.
      const followsSplit = next.photo?.of === view.captureId;
      if (!followsSplit && (next.captureId !== view.captureId || next.updatedAt < view.updatedAt)) return;
      view = next;
      draw();
    },
    close,
  };
}
