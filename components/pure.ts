import { Component, createElement, type ComponentChild, type FunctionComponent } from 'preact';
import { languageGeneration } from '@/lib/i18n';

/**
 * A component that re-renders only when one of its props changes (compared with ===), like
 * React's memo. Not preact/compat's memo: importing preact/compat switches the whole page to
 * React's event names (every `onChange` of a text box becomes `onInput`), and the review table's
 * cells save on the native change event, when the edit is done, not on every key. It re-renders
 * too when the page's language changed since it was drawn (a language chosen in Settings while the
 * page is open: lib/ui/language.ts followUiLanguage).
 */
export function pure<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  class Pure extends Component<P> {
    static override displayName = `Pure(${render.displayName ?? render.name})`;
    private drawnIn = languageGeneration();
    override shouldComponentUpdate(next: Readonly<P>): boolean {
      if (this.drawnIn !== languageGeneration()) return true;
      const before = this.props as Record<string, unknown>;
      const after = next as Record<string, unknown>;
      const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
      for (const key of keys) if (before[key] !== after[key]) return true;
      return false;
    }
    override render(props: P): ComponentChild {
      this.drawnIn = languageGeneration();
      return createElement(render, props);
    }
  }
  return Pure as unknown as FunctionComponent<P>;
}
