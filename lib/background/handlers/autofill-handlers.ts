import { INVOICE_FIELDS, type InvoiceField } from '../../autofill/score';
import { fillValues } from '../../autofill/values';
import { CaptureIdSchema, MappingKeySchema, onMessage } from '../../messages';
import { effectiveFields } from '../../store/capture-schema';
import { isInvoice } from '../../invoice/hand-entry';
import { deleteMapping, fieldMappings } from '../../store/field-mappings';
import { invalid, refused, trustFor, type HandlerDeps } from './guard';

/** Filling the page's form, undo, teaching forms and their saved mappings. */
export function registerAutofillHandlers(deps: HandlerDeps): void {
  const trusted = trustFor(deps);

  // Fill only on the user's click in our own page: no web page can trigger a fill or read a capture.
  onMessage('fillPage', async ({ data, sender }) => {
    if (!trusted(sender)) return refused;
    const parsed = CaptureIdSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    const capture = await deps.store.get(parsed.data.id);
    // Recognized, or entered by hand (it counts like a recognized one: README; helper-76 found no Fill on it).
    if (!capture || !isInvoice(capture)) return { ok: false, messageKey: 'fillNoResult' };
    try {
      const summary = await deps.tabFiller.fill(fillValues(effectiveFields(capture)));
      return summary ? { ok: true, ...summary } : { ok: false, messageKey: 'fillNoPage' };
    } catch (error) {
      return { ok: false, messageKey: 'fillNoPage', detail: error instanceof Error ? error.message : undefined };
    }
  });

  onMessage('undoFill', async ({ sender }) => {
    if (!trusted(sender)) return refused;
    return { ok: true, ...(await deps.tabFiller.undo()) };
  });

  onMessage('teachForm', async ({ sender }) => {
    if (!trusted(sender)) return refused;
    const prompts = Object.fromEntries(INVOICE_FIELDS.map((f) => [f, deps.message(`teach_${f}`)])) as Record<InvoiceField, string>;
    const taught = await deps.tabFiller.teach(prompts);
    return taught ? { ok: true, ...taught } : { ok: false, messageKey: 'fillNoPage' };
  });

  onMessage('listMappings', async ({ sender }) => {
    if (!trusted(sender)) throw new Error('refused: not an extension page');
    return fieldMappings.get();
  });

  onMessage('deleteMapping', async ({ data, sender }) => {
    if (!trusted(sender)) return refused;
    const parsed = MappingKeySchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    await deleteMapping(parsed.data.origin, parsed.data.path);
    return { ok: true };
  });
}
