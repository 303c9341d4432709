import { chooseOption, searchTerms } from './options';
import { clickLikeUser, pause, pressKey, waitFor } from './pointer';

/**
 * Dropdowns made of divs (Element Plus/UI el-select, Ant Design Select, ARIA comboboxes): the value
 * lives in the library's state and is set only by picking an option, so the filler does what a
 * user does: open the list, search when it can, click the option. The input inside is often
 * read-only (it only displays the choice), yet it is the field to fill.
 */

const KNOWN_WIDGET = '.el-select, .el-select-v2, .ant-select';
/** Options of the libraries (Element UI's are plain <li> with this class), then ARIA's. */
const OPTION_SELECTORS = ['.el-select-dropdown__item, .el-select-dropdown__option-item, .ant-select-item-option', '[role="option"]'];
const DROPDOWN = '.el-select-dropdown, .el-select__popper, .el-popper, .ant-select-dropdown';

/** The widget `control` is the display or search box of, or null for a plain text field. */
export function selectWidgetOf(control: Element): Element | null {
  if (control.tagName !== 'INPUT') return null;
  const known = control.closest(KNOWN_WIDGET);
  if (known) return known;
  const combo = control.getAttribute('role') === 'combobox' ? control : control.closest('[role="combobox"]');
  const popup = control.getAttribute('aria-haspopup') ?? combo?.getAttribute('aria-haspopup') ?? '';
  const readOnly = (control as HTMLInputElement).readOnly;
  // aria-autocomplete list/both marks a free-text box with suggestions: typing is the fill there.
  const suggestsOnly = /^(list|both)$/.test(control.getAttribute('aria-autocomplete') ?? '');
  if (combo && (readOnly || (popup === 'listbox' && !suggestsOnly))) return combo;
  if (readOnly && popup && popup !== 'false') return control;
  return null;
}

function shown(el: Element): boolean {
  if (el.getClientRects().length === 0) return false; // display:none on it or an ancestor
  return el.ownerDocument.defaultView!.getComputedStyle(el).visibility !== 'hidden';
}

const enabled = (el: Element) => el.getAttribute('aria-disabled') !== 'true' && !/(^|\s)(is-disabled|ant-select-item-option-disabled)(\s|$)/.test(el.className);

/** Options on screen now, in the list `control` points to (aria-controls/owns) or anywhere. */
export function visibleOptions(doc: Document, control: Element): Element[] {
  const ids = `${control.getAttribute('aria-controls') ?? ''} ${control.getAttribute('aria-owns') ?? ''}`.split(/\s+/).filter(Boolean);
  const lists = ids.map((id) => doc.getElementById(id)).filter((el): el is HTMLElement => el !== null);
  const scopes: (Element | Document)[] = [...lists.map((l) => l.closest(DROPDOWN) ?? l), doc];
  for (const scope of scopes) {
    for (const selector of OPTION_SELECTORS) {
      const found = Array.from(scope.querySelectorAll(selector)).filter((o) => shown(o) && enabled(o));
      if (found.length > 0) return found;
    }
  }
  return [];
}

export const optionText = (o: Element) => (o.getAttribute('title') || o.textContent || '').replace(/\s+/g, ' ').trim();

function isOpen(control: Element, widget: Element): boolean {
  return control.getAttribute('aria-expanded') === 'true' || widget.getAttribute('aria-expanded') === 'true';
}

/** Types into the widget's search box as a user does (the native setter so React sees it). */
function typeSearch(input: HTMLInputElement, text: string): void {
  const view = input.ownerDocument.defaultView!;
  input.focus();
  Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, 'value')!.set!.call(input, text);
  input.dispatchEvent(new view.InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertText' }));
}

export type PickResult = { status: 'picked'; text: string } | { status: 'noOption' } | { status: 'noList' };

/** How long a dropdown may take to render its options after a click or a search. */
const OPEN_MS = 1500;
const SEARCH_MS = 600;

/**
 * Opens the dropdown of `control`, finds the option `value` means (see chooseOption) and clicks it.
 * A searchable widget gets the value's most specific name typed first, as a long (virtual) list
 * renders only the options near the top. `noList` when no options appeared at all.
 */
export async function pickOption(doc: Document, control: HTMLInputElement, widget: Element, value: string): Promise<PickResult> {
  const view = doc.defaultView!;
  const wasOpen = isOpen(control, widget);
  // Lists already on screen belong to something else (unless this one was open already).
  const before = new Set(wasOpen ? [] : visibleOptions(doc, control));
  const options = () => visibleOptions(doc, control).filter((o) => !before.has(o));
  if (!wasOpen) clickLikeUser(control);
  const list = await waitFor(view, () => (options().length > 0 ? options() : null), OPEN_MS);
  if (!list) return { status: 'noList' };

  const chosen = (): Element | null => {
    const found = options();
    return found[chooseOption(value, found.map(optionText))] ?? null;
  };
  let option: Element | null = null;
  if (!control.readOnly) {
    for (const term of searchTerms(value)) {
      typeSearch(control, term);
      await pause(view, 50);
      option = await waitFor(view, chosen, SEARCH_MS);
      if (option) break;
    }
    if (!option && control.value) {
      typeSearch(control, ''); // back to the whole list
      await pause(view, 100);
    }
  }
  option ??= chosen();
  if (!option) {
    await closeList(view, control, widget);
    return { status: 'noOption' };
  }
  const text = optionText(option);
  option.scrollIntoView?.({ block: 'nearest' });
  clickLikeUser(option);
  return { status: 'picked', text };
}

/**
 * Closes a list the filler opened and found no option in, as a user would: Escape, leaving the
 * field, and — for a widget still open after that (Ant Design keeps its list open until the
 * selector is pressed again or the page is clicked elsewhere) — one more press on the selector.
 */
async function closeList(view: Window, control: HTMLInputElement, widget: Element): Promise<void> {
  pressKey(control, 'Escape');
  control.blur();
  await pause(view, 50);
  if (isOpen(control, widget)) {
    clickLikeUser(widget.querySelector('.ant-select-selector, .el-select__wrapper, .el-input__wrapper') ?? control);
    await pause(view, 50);
    control.blur();
  }
}

/** The clear buttons of the libraries (shown on hover when the widget allows clearing). */
const CLEAR_BUTTON = '.ant-select-clear, .el-select__clear, .el-input__clear, [aria-label="clear"], [aria-label="Clear"]';

/**
 * Empties a dropdown's choice with its own clear button, the way a user does (hover, then press
 * the ×), for Undo of a fill into a widget that showed nothing before. False when the widget has
 * no clear button (antd without `allowClear`, el-select without `clearable`): it cannot be emptied.
 */
export async function clearChoice(doc: Document, widget: Element): Promise<boolean> {
  const view = doc.defaultView!;
  const hover = widget.querySelector('.ant-select-selector, .el-select__wrapper, .el-input__wrapper') ?? widget;
  for (const type of ['pointerover', 'mouseover', 'mouseenter']) hover.dispatchEvent(new view.MouseEvent(type, { bubbles: type !== 'mouseenter' }));
  await pause(view, 50);
  const clear = widget.querySelector(CLEAR_BUTTON);
  if (!clear) return false;
  clickLikeUser(clear);
  await pause(view, 50);
  return true;
}
