import { amountFen, fenToYuanText, formatApiAmount } from '../invoice/amount';
import { formItemLabel, nearbyText, textOf } from './labels';
import { chooseOption } from './options';
import type { FieldDescriptor, InvoiceField } from './score';
import { selectWidgetOf } from './select-widget';

/**
 * The page side of filling: which controls count as fields, what they say about themselves, the
 * value each wants, and setting it the way typing does. DOM access goes through the controls'
 * own document so the logic runs under a fake DOM in tests.
 */
export type FillValues = Partial<Record<InvoiceField, string>>;

export type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const SKIPPED_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio', 'file']);

/** Visible, enabled, editable controls, including those inside open shadow roots. */
export function collectControls(root: Document | ShadowRoot): Control[] {
  const out: Control[] = [];
  const walk = (node: Document | ShadowRoot | Element) => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (!(el instanceof el.ownerDocument.defaultView!.HTMLElement)) continue;
      const tag = el.tagName;
      if (tag !== 'INPUT' && tag !== 'TEXTAREA' && tag !== 'SELECT') continue;
      const control = el as Control;
      if (control.disabled) continue;
      // A read-only input is skipped, unless it displays a dropdown's choice (el-select, ant-select).
      if ('readOnly' in control && control.readOnly && !selectWidgetOf(control)) continue;
      if (tag === 'INPUT' && SKIPPED_TYPES.has((control as HTMLInputElement).type)) continue;
      if (control.getClientRects().length === 0) continue; // not displayed
      out.push(control);
    }
  };
  walk(root);
  return out;
}

export function describeControl(control: Control): FieldDescriptor {
  const root = control.getRootNode() as Document | ShadowRoot;
  const labelledBy = (control.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => textOf(root.getElementById?.(id) ?? null));
  const labels = [
    ...Array.from(control.labels ?? []).map((l) => textOf(l)),
    control.getAttribute('aria-label') ?? '',
    ...labelledBy,
    control.title,
  ].filter(Boolean);
  // Component libraries often draw the label apart from the input (no `for`, no wrapping label).
  if (labels.length === 0 && formItemLabel(control)) labels.push(formItemLabel(control));
  return {
    tag: control.tagName.toLowerCase() as FieldDescriptor['tag'],
    type: control instanceof control.ownerDocument.defaultView!.HTMLInputElement ? control.type : '',
    autocomplete: control.getAttribute('autocomplete') ?? '',
    names: [control.getAttribute('name') ?? '', control.id].filter(Boolean),
    placeholder: control.getAttribute('placeholder') ?? '',
    labels,
    nearby: labels.length ? '' : nearbyText(control),
  };
}

/** The value as this control wants it: a number field gets 50.00, a select the matching option. */
export function valueFor(control: Control, field: InvoiceField, value: string): string | null {
  if (control.tagName === 'SELECT') {
    const options = Array.from((control as HTMLSelectElement).options);
    const byValue = options.find((o) => o.value !== '' && o.value === value);
    const match = byValue ?? options[chooseOption(value, options.map((o) => o.text))];
    return match ? match.value : null;
  }
  if (field === 'amount') {
    // Through the one amount parser (the worker sends plain yuan, "50.00"): what does not read is
    // not written, so an empty amount never lands in the form as 0.00.
    const fen = amountFen(value);
    if (fen === null) return null;
    const wantsSign = /[¥￥]/.test(control.getAttribute('placeholder') ?? '');
    return wantsSign && (control as HTMLInputElement).type !== 'number' ? formatApiAmount(fen) : fenToYuanText(fen);
  }
  // Code and number are identifiers: the text as is, so an input[type=number] keeps 033012067798's zero.
  return value;
}

/**
 * Sets a value the way typing does: focus, the prototype's native setter (React tracks the
 * element's own value property and ignores a plain assignment), bubbling input and change, blur.
 */
export function setLikeTyping(control: Control, value: string): void {
  const view = control.ownerDocument.defaultView!;
  const proto = control.tagName === 'SELECT' ? view.HTMLSelectElement.prototype : control.tagName === 'TEXTAREA' ? view.HTMLTextAreaElement.prototype : view.HTMLInputElement.prototype;
  control.focus();
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(control, value);
  control.dispatchEvent(new view.Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new view.Event('change', { bubbles: true, composed: true }));
  control.blur();
}
