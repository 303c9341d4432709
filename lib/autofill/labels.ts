/**
 * The words a person reads beside a form field. The fill notice names fields by them ("开票地点"),
 * so the user recognizes what was filled; scoring uses them too when a component library's label
 * is not tied to the input (no `for`, no wrapping <label>).
 */

export function textOf(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** "* 发票代码：" → "发票代码": the required-mark and colon are decoration, not the name. */
export function cleanLabel(text: string): string {
  return text.replace(/^[\s*＊]+/, '').replace(/[\s*＊:：]+$/, '').trim();
}

/** Form-item shells of Element Plus/UI, Ant Design and plain bootstrap-like markup. */
const ITEM = '.el-form-item, .ant-form-item, .form-item, .form-group';
const ITEM_LABEL = '.el-form-item__label, .ant-form-item-label, label';

/** The label of the component-library form item holding `control`, if it has one. */
export function formItemLabel(control: Element): string {
  const item = control.closest(ITEM);
  const label = item?.querySelector(ITEM_LABEL);
  return label && !label.contains(control) ? cleanLabel(textOf(label)) : '';
}

/** The text just before a field without a label: the previous table cell or sibling. */
export function nearbyText(el: Element): string {
  const cell = el.closest('td, th');
  if (cell?.previousElementSibling) return textOf(cell.previousElementSibling);
  let prev = el.previousElementSibling;
  while (prev && !textOf(prev)) prev = prev.previousElementSibling;
  return prev ? textOf(prev) : textOf(el.parentElement).slice(0, 30);
}

/**
 * The name of a field as the page shows it, best first: its <label>s, aria-labelledby, its form
 * item's label; then aria-label, placeholder and title; the text before it; its name or id last.
 */
export function visibleLabel(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): string {
  const root = control.getRootNode() as Document | ShadowRoot;
  const labelledBy = (control.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => textOf(root.getElementById?.(id) ?? null));
  const candidates = [
    ...Array.from(control.labels ?? []).map((l) => textOf(l)),
    ...labelledBy,
    formItemLabel(control),
    control.getAttribute('aria-label') ?? '',
    control.getAttribute('placeholder') ?? '',
    control.title,
    nearbyText(control),
    control.getAttribute('name') ?? '',
    control.id,
  ];
  return candidates.map(cleanLabel).find(Boolean) ?? '';
}
