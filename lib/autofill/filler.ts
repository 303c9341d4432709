import { visibleLabel } from './labels';
import { collectControls, describeControl, setLikeTyping, valueFor, type Control, type FillValues } from './page';
import type { FillReport, UndoReport } from './report';
import { assignFields, INVOICE_FIELDS, unmatchedFields, type InvoiceField } from './score';
import { clearChoice, pickOption, selectWidgetOf } from './select-widget';
import { resolveSelectorPath } from './selector-path';
import { teachForm, type FieldMapping } from './teach';

/**
 * Runs in the page (every frame), injected only when the user presses "Fill this page": finds the
 * form's fields, fills plain ones the way typing does and dropdowns the way clicking does, and can
 * undo. Async because a dropdown renders its options some time after it is opened.
 */
export interface Filler {
  /** Fills the form; a saved per-site mapping is used before the heuristics. */
  fill(values: FillValues, mapping?: FieldMapping): Promise<FillReport>;
  /** Puts back what the last fill or insert replaced: how many fields, and the dropdowns that could not be emptied. */
  undo(): Promise<UndoReport>;
  /** Puts one value into the focused field (the "Insert invoice …" menu). */
  insert(field: InvoiceField, value: string): boolean;
  teach(prompts: Record<InvoiceField, string>): Promise<FieldMapping>;
}

/** What a fill replaced: a typed value, or a dropdown's shown choice (re-picked on undo). */
type Previous = { control: Control; value: string; widget?: Element };

/** The focused element, looking through open shadow roots. */
function focusedControl(doc: Document): Control | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) ? (el as Control) : null;
}

/** The control for each invoice field: the saved mapping's, else the best-scoring unmapped one. */
function controlsFor(doc: Document, mapping: FieldMapping): Partial<Record<InvoiceField, Control>> {
  const controls = collectControls(doc);
  const mapped = Object.fromEntries(
    INVOICE_FIELDS.map((f) => [f, mapping[f] ? (resolveSelectorPath(doc, mapping[f]!) as Control | null) : null]),
  ) as Record<InvoiceField, Control | null>;
  const rest = controls.filter((c) => !Object.values(mapped).includes(c));
  const assignment = assignFields(rest.map(describeControl));
  const out: Partial<Record<InvoiceField, Control>> = {};
  for (const field of INVOICE_FIELDS) {
    const control = mapped[field] ?? (assignment[field] !== undefined && !mapping[field] ? rest[assignment[field]!] : undefined);
    if (control) out[field] = control;
  }
  return out;
}

/** Fills this frame's form; remembers the previous values so Undo puts them back with the same events. */
export function createFiller(doc: Document): Filler {
  let previous: Previous[] = [];
  return {
    async fill(values, mapping = {}) {
      const controls = controlsFor(doc, mapping);
      const report: FillReport = { filled: [], noOption: [], cleared: [], unmatched: [] };
      previous = [];
      for (const field of INVOICE_FIELDS) {
        const raw = values[field]?.trim();
        const control = controls[field];
        if (!control) continue;
        const label = visibleLabel(control);
        if (!raw) {
          // This invoice lacks the field: a value left from the previous invoice must not be
          // submitted with this one (a wrong amount is the worst bug), so it is emptied, with Undo.
          if (!selectWidgetOf(control) && control.tagName !== 'SELECT' && control.value.trim() !== '') {
            previous.push({ control, value: control.value });
            setLikeTyping(control, '');
            report.cleared.push({ field, label });
          }
          continue;
        }
        const widget = selectWidgetOf(control);
        if (widget) {
          const shown = control.value;
          const picked = await pickOption(doc, control as HTMLInputElement, widget, raw);
          if (picked.status === 'picked') {
            previous.push({ control, value: shown, widget });
            report.filled.push({ field, label });
          } else if (picked.status === 'noOption') report.noOption.push({ field, label, value: raw });
          continue;
        }
        const value = valueFor(control, field, raw);
        if (value === null) {
          if (control.tagName === 'SELECT') report.noOption.push({ field, label, value: raw });
          continue; // an amount without digits: nothing is written
        }
        previous.push({ control, value: control.value });
        setLikeTyping(control, value);
        report.filled.push({ field, label });
      }
      report.unmatched = unmatchedFields(values, [...report.filled, ...report.noOption]);
      return report;
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
    async undo() {
      const report: UndoReport = { restored: 0, kept: [] };
      for (const { control, value, widget } of previous.reverse()) {
        if (!widget) {
          setLikeTyping(control, value);
          report.restored += 1;
        } else if (value) {
          if ((await pickOption(doc, control as HTMLInputElement, widget, value)).status === 'picked') report.restored += 1;
        } else if (await clearChoice(doc, widget)) {
          report.restored += 1; // it showed nothing before: emptied with its clear button, as a user would
        } else {
          report.kept.push(visibleLabel(control)); // no way for a user to empty it either: say so
        }
      }
      previous = [];
      return report;
    },
  };
}
