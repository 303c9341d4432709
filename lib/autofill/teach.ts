import { INVOICE_FIELDS, type InvoiceField } from './score';
import { selectorPathOf, type SelectorPath } from './selector-path';

export type FieldMapping = Partial<Record<InvoiceField, SelectorPath>>;

/**
 * "Teach this form": for each invoice field in turn, the user clicks the input it belongs in
 * (Escape skips that field). Resolves with the fields' selector paths.
 */
export function teachForm(doc: Document, prompts: Record<InvoiceField, string>): Promise<FieldMapping> {
  return new Promise((resolve) => {
    const tip = doc.createElement('div');
    tip.setAttribute('data-qic-overlay', 'teach');
    tip.style.cssText = 'position:fixed;z-index:2147483647;top:8px;left:50%;transform:translateX(-50%);background:#1f2328;color:#fff;padding:8px 14px;border-radius:6px;font:14px system-ui,sans-serif;pointer-events:none;';
    doc.documentElement.append(tip);
    const mapping: FieldMapping = {};
    let step = 0;
    const show = () => {
      const field = INVOICE_FIELDS[step];
      if (!field) return finish();
      tip.textContent = prompts[field];
      tip.dataset.field = field;
    };
    const finish = () => {
      doc.removeEventListener('click', onClick, true);
      doc.removeEventListener('keydown', onKey, true);
      tip.remove();
      resolve(mapping);
    };
    const onClick = (event: MouseEvent) => {
      const target = event.composedPath()[0];
      if (!(target instanceof Element) || !target.matches('input, textarea, select')) return;
      event.preventDefault();
      event.stopPropagation();
      mapping[INVOICE_FIELDS[step]!] = selectorPathOf(target);
      step += 1;
      show();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      step += 1; // skip this field
      show();
    };
    doc.addEventListener('click', onClick, true);
    doc.addEventListener('keydown', onKey, true);
    show();
  });
}
