/**
 * A saved way back to a form field: one CSS selector per shadow-root boundary, from the document
 * down. Ids are used when unique (they survive layout changes); otherwise tag:nth-of-type steps.
 */
export type SelectorPath = string[];

function stepSelector(el: Element, root: Document | ShadowRoot): string {
  if (el.id && root.querySelectorAll(`#${CSS.escape(el.id)}`).length === 1) return `#${CSS.escape(el.id)}`;
  const steps: string[] = [];
  // Every element from the field up to (and including) the root's own child.
  for (let node: Element | null = el; node; node = node.parentNode === root ? null : node.parentElement) {
    const tag = node.tagName.toLowerCase();
    const siblings = node.parentNode ? Array.from(node.parentNode.children) : [];
    const same = siblings.filter((c) => c.tagName === node!.tagName);
    steps.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
  }
  return steps.join(' > ');
}

export function selectorPathOf(el: Element): SelectorPath {
  const path: SelectorPath = [];
  let current: Element = el;
  for (;;) {
    const root = current.getRootNode() as Document | ShadowRoot;
    path.unshift(stepSelector(current, root));
    if (!('host' in root)) return path;
    current = root.host;
  }
}

export function resolveSelectorPath(doc: Document, path: SelectorPath): Element | null {
  let root: Document | ShadowRoot | null = doc;
  let el: Element | null = null;
  for (const selector of path) {
    if (!root) return null;
    try {
      el = root.querySelector(selector);
    } catch {
      return null;
    }
    root = el?.shadowRoot ?? null;
  }
  return el;
}

/** The page a mapping is for: origin plus path, with numbers (record ids) as wildcards. */
export function pagePattern(url: string): { origin: string; path: string } {
  const u = new URL(url);
  return { origin: u.origin, path: u.pathname.replace(/\/\d+(?=\/|$)/g, '/*') };
}
