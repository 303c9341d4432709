import { z } from 'zod';
import { INVOICE_FIELDS, unmatchedFields, type InvoiceField } from './score';

/**
 * What one fill did, per frame and (merged) for the whole tab. Each frame's report crosses from
 * the page into the worker through executeScript, so it is parsed with a schema there.
 */
const FieldSchema = z.enum(INVOICE_FIELDS);

export const FillReportSchema = z.object({
  /** Fields that received a value; `label` is the field's name as the page shows it (发票代码). */
  filled: z.array(z.object({ field: FieldSchema, label: z.string().max(200) })).max(20),
  /** Dropdowns found for a field whose list has no option for the value (开票地点 without 杭州). */
  noOption: z.array(z.object({ field: FieldSchema, label: z.string().max(200), value: z.string().max(200) })).max(20).default([]),
  /** Fields this invoice lacks whose form field held an earlier value: emptied, so it is not submitted with this invoice. */
  cleared: z.array(z.object({ field: FieldSchema, label: z.string().max(200) })).max(20).default([]),
  /** Invoice fields with a value that found no form field at all. */
  unmatched: z.array(FieldSchema).max(4),
});

export type FillReport = z.output<typeof FillReportSchema>;

/**
 * One report for the tab: a field any frame filled counts as filled; a field without an option in
 * one frame's list is "no option" unless another frame filled it; the rest is unmatched.
 */
export function mergeReports(values: Partial<Record<InvoiceField, string>>, frames: unknown[]): FillReport {
  const reports = frames.flatMap((r) => {
    const parsed = FillReportSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const filled = reports.flatMap((r) => r.filled);
  const noOption = reports.flatMap((r) => r.noOption).filter((n) => !filled.some((f) => f.field === n.field));
  const unique = noOption.filter((n, i) => noOption.findIndex((m) => m.field === n.field) === i);
  const cleared = reports.flatMap((r) => r.cleared);
  return { filled, noOption: unique, cleared, unmatched: unmatchedFields(values, [...filled, ...unique]) };
}

/**
 * What one Undo did, per frame and summed for the tab: how many fields got their previous value
 * back, and the labels of dropdowns that showed nothing before the fill but cannot be emptied the
 * way a user would (no clear button): they keep the filled choice, and the notice says so.
 */
export const UndoReportSchema = z.object({
  restored: z.number().int().min(0).max(100),
  kept: z.array(z.string().max(200)).max(20).default([]),
});

export type UndoReport = z.output<typeof UndoReportSchema>;

/** One undo report for the tab from each frame's (unparseable ones count for nothing). */
export function mergeUndoReports(frames: unknown[]): UndoReport {
  const reports = frames.flatMap((r) => {
    const parsed = UndoReportSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  return { restored: reports.reduce((sum, r) => sum + r.restored, 0), kept: reports.flatMap((r) => r.kept) };
}
