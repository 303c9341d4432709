import { assignFields, INVOICE_FIELDS, unmatchedFields, type FieldDescriptor, type InvoiceField } from './score';
import { resolveSelectorPath } from './selector-path';
import { teachForm, type FieldMapping } from './teach';

/**
 * Runs in the page (every frame), injected only when the user presses "Fill this page": finds the
 * form fields, fills them the way typing does, and can undo. DOM access goes through `doc` so the
 * logic runs under a fake DOM in tests.
 */
export type FillValues = Partial<Record<InvoiceField, string>>;

export interface FillReport {
  filled: { field: InvoiceField; label: string }[];
  /** Invoice fields with a value that found no form field in this frame. */
  unmatched: InvoiceField[];
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

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
      if (control.disabled || ('readOnly' in control && control.readOnly)) continue;
      if (tag === 'INPUT' && SKIPPED_TYPES.has((control as HTMLInputElement).type)) continue;
      if (control.getClientRects().length === 0) continue; // not displayed
      out.push(control);
    }
  };
  walk(root);
  return out;
}

function textOf(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** The text a person reads next to a field without a label: the previous cell or sibling. */
function nearbyText(el: Element): string {
  const cell = el.closest('td, th');
  if (cell?.previousElementSibling) return textOf(cell.previousElementSibling);
  let prev = el.previousElementSibling;
  while (prev && !textOf(prev)) prev = prev.previousElementSibling;
  return prev ? textOf(prev) : textOf(el.parentElement).slice(0, 30);
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
    const core = value.replace(/(省|市|自治区|特别行政区)$/, '');
    const match = options.find((o) => o.value === value || o.text.trim() === value) ?? options.find((o) => o.text.includes(core) || (o.text.trim().length >= 2 && value.includes(o.text.trim())));
    return match ? match.value : null;
  }
  if (field === 'amount') {
    const yuan = Number(value.replace(/[^\d.]/g, ''));
    if (!Number.isFinite(yuan)) return value;
    const wantsSign = /[¥￥]/.test(control.getAttribute('placeholder') ?? '');
    return (control as HTMLInputElement).type === 'number' ? yuan.toFixed(2) : wantsSign ? `￥${yuan.toFixed(2)}` : yuan.toFixed(2);
  }
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

export interface Filler {
  /** Fills the form; a saved per-site mapping is used before the heuristics. */
  fill(values: FillValues, mapping?: FieldMapping): FillReport;
  undo(): number;
  /** Puts one value into the focused field (the "Insert invoice …" menu). */
  insert(field: InvoiceField, value: string): boolean;
  teach(prompts: Record<InvoiceField, string>): Promise<FieldMapping>;
}

/** The focused element, looking through open shadow roots. */
function focusedControl(doc: Document): Control | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) ? (el as Control) : null;
}

/** Fills this frame's form; remembers the previous values so Undo puts them back with the same events. */
export function createFiller(doc: Document): Filler {
  let previous: { control: Control; value: string }[] = [];
  return {
    fill(values, mapping = {}) {
      const controls = collectControls(doc);
      const mapped = Object.fromEntries(
        INVOICE_FIELDS.map((f) => [f, mapping[f] ? (resolveSelectorPath(doc, mapping[f]!) as Control | null) : null]),
      ) as Record<InvoiceField, Control | null>;
      const rest = controls.filter((c) => !Object.values(mapped).includes(c));
      const assignment = assignFields(rest.map(describeControl));
      const filled: FillReport['filled'] = [];
      previous = [];
      for (const field of INVOICE_FIELDS) {
        const raw = values[field];
        const control = mapped[field] ?? (assignment[field] !== undefined && !mapping[field] ? rest[assignment[field]!] : undefined);
        if (!control || raw === undefined) continue;
        const value = valueFor(control, field, raw);
        if (value === null) continue;
        previous.push({ control, value: control.value });
        setLikeTyping(control, value);
        const d = describeControl(control);
        filled.push({ field, label: d.labels[0] || d.placeholder || d.names[0] || d.nearby });
      }
      return { filled, unmatched: unmatchedFields(values, filled) };
    },
    insert(field, raw) {
      const control = focusedControl(doc);
      const value = control && valueFor(control, field, raw);
      if (!control || value === null) return false;
      previous = [{ control, value: control.value }];
      setLikeTyping(control, value);
      control.focus();
      return true;
    },
    teach: (prompts) => teachForm(doc, prompts),
    undo() {
      for (const { control, value } of previous.reverse()) setLikeTyping(control, value);
      const count = previous.length;
      previous = [];
      return count;
    },
  };
}
