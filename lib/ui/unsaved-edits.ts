import type { InvoiceFieldName } from '@/lib/store/capture-schema';
import type { UnsavedEdit } from './unsaved-edit';

/** A refused edit as the page keeps it: what was typed and the words that refused it. */
export interface HeldEdit extends UnsavedEdit {
  /** Why it was refused, as said beside the box (already in the page's language). */
  problem: string;
}

/**
 * The batch page's refused edits, by "id field". Kept by the page, not by the row's box: a row that
 * leaves the page (next page, a sort, a search or filter that hides it) used to take its refused
 * edit with it, so "edits not saved" went quiet and Export shipped the value kept (trial 6, M1).
 */
export type HeldEdits = ReadonlyMap<string, HeldEdit>;

export const NO_HELD_EDITS: HeldEdits = new Map();

/**
 * `edits` with the cell (`id`, `field`) holding `held` (a refused value) or nothing (null: saved,
 * cancelled with Escape). The same map when nothing changes, so the page does not redraw.
 */
export function holdEdit(edits: HeldEdits, id: string, field: InvoiceFieldName, held: { typed: string; problem: string } | null): HeldEdits {
  const key = `${id} ${field}`;
  const before = edits.get(key);
  if (held === null ? before === undefined : before?.typed === held.typed && before.problem === held.problem) return edits;
  const next = new Map(edits);
  if (held === null) next.delete(key);
  else next.set(key, { id, field, ...held });
  return next;
}

/**
 * The edits of captures still in the batch (`ids`): a deleted capture's refused edit stops
 * nothing. The same map when none is dropped.
 */
export function liveEdits(edits: HeldEdits, ids: ReadonlySet<string>): HeldEdits {
  const live = [...edits].filter(([, e]) => ids.has(e.id));
  return live.length === edits.size ? edits : new Map(live);
}

/** The edits of each row, by capture id then field: one object per row holding some, so a row without any keeps its props. */
export function editsByRow(edits: HeldEdits): ReadonlyMap<string, Partial<Record<InvoiceFieldName, HeldEdit>>> {
  const rows = new Map<string, Partial<Record<InvoiceFieldName, HeldEdit>>>();
  for (const edit of edits.values()) rows.set(edit.id, { ...rows.get(edit.id), [edit.field]: edit });
  return rows;
}

/**
 * The edit Export stops on: the first in `order` (capture ids as the table lists them, the whole
 * batch's order when a filter hides some), then by `fields` order within a row; an edit whose row
 * `order` lacks comes last. Undefined when there is none.
 */
export function firstEdit(edits: HeldEdits, order: readonly string[], fields: readonly InvoiceFieldName[]): HeldEdit | undefined {
  const at = new Map(order.map((id, i) => [id, i]));
  return [...edits.values()].sort((a, b) => (at.get(a.id) ?? Infinity) - (at.get(b.id) ?? Infinity) || fields.indexOf(a.field) - fields.indexOf(b.field))[0];
}
