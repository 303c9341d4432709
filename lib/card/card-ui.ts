import type { ComponentType } from 'preact';
import type { CardActionReply, CardView, CardWords } from './schema';

/** What the card's drawing gets from lib/card/page-card.ts. */
export interface CardProps {
  view: CardView;
  words: CardWords;
  /** The last action's words (copied, filled …) and whether Undo is offered. */
  notice: CardActionReply | null;
  busy: boolean;
  /**
   * Shown as a small chip (a button that opens it) rather than the card: no place beside the
   * picture was free of other pictures, and the card would cover a neighbour (issue 13).
   */
  collapsed: boolean;
  onExpand: () => void;
  onCopy: (text: string, what: 'field' | 'row', html?: string) => void;
  onFill: () => void;
  onUndo: () => void;
  onOpenSettings: () => void;
  onClose: () => void;
}

/**
 * How the card is drawn, handed in by the entrypoint (entrypoints/card.ts gives
 * components/InPageCard and the shared style tokens), so lib/ depends on no component.
 */
export interface CardUi {
  Card: ComponentType<CardProps>;
  /** The shared tokens (components/styles.css, its :root rules); the card's own CSS is lib/card/card.css. */
  tokensCss: string;
}
