import { checkBatch, type CheckResult } from './checks';
import { gbt2260 } from './gbt2260';
import { REVIEW_THRESHOLD } from './review';
import { effectiveFields, type Capture } from '../store/capture-schema';
import { namesOtherPaper } from '../recognize/errors';

/**
 * The checks of a set of stored captures (lib/invoice/checks.ts checkBatch), as the batch, the
 * popup and the export all read them: fields as the user means them (corrections win), the
 * corrections themselves (a failed capture entered by hand stands as an invoice), and the lowest
 * confidence of the fields nobody corrected. Lives with the invoice rules, not in lib/export, so
 * the batch page and the popup read the checks without loading the export code (exceljs, zip.js).
 */
export function checksFor(captures: Capture[], threshold = REVIEW_THRESHOLD): Map<string, CheckResult> {
  return checkBatch(
    captures.map((c) => {
      const confidences = Object.entries(c.result?.confidence ?? {})
        .filter(([field]) => !c.corrections?.[field as keyof NonNullable<Capture['corrections']>])
        .map(([, v]) => v);
      return {
        id: c.id,
        status: c.status,
        corrections: c.corrections,
        fields: effectiveFields(c),
        imageSha256: c.imageSha256,
        minConfidence: confidences.length ? Math.min(...confidences) : undefined,
        refusedAsOtherPaper: refusedAsOtherPaper(c),
      };
    }),
    gbt2260(),
    threshold,
  );
}

/**
 * Whether a capture failed as paper named as another kind (AIS.0104 with its `documentKind`:
 * lib/recognize/errors.ts namesOtherPaper). Decided on `status`, not on where it stands: one typed
 * in by hand over such a refusal counts as refused too (read again, the paper is still a taxi
 * receipt). The popup keeps such a newest row closed and the checks keep a hand entry over it to
 * review (`other-paper`); Retry is not offered on it (lib/ui/capture-status.ts retryFutile).
 */
export function refusedAsOtherPaper(capture: Pick<Capture, 'status' | 'error'>): boolean {
  return capture.status === 'failed' && capture.error !== undefined && namesOtherPaper(capture.error);
}
