import type { FieldBoxes, FieldQuad, QuotaInvoiceField } from '../recognize/contract';
import type { DetectedLine } from './engine';

/** Tenths of a pixel: finer than any screen shows, and short in storage. */
const tenth = (v: number) => Math.round(v * 10) / 10;

/**
 * The region of each field on the picture: the corners of the OCR line it was read from
 * (`sources`: field → index into `lines`, as lib/invoice/extract.ts reports them), in px of the
 * image the engine read (`size`), each corner kept inside it (a turned line's rectangle can poke
 * past the edge). Undefined when no field came from a line. Shape: FieldBoxesSchema.
 */
export function fieldBoxes(lines: readonly DetectedLine[], sources: Partial<Record<QuotaInvoiceField, number>>, size: { width: number; height: number }): FieldBoxes | undefined {
  const fields: FieldBoxes['fields'] = {};
  const clamp = (v: number, max: number) => tenth(Math.min(max, Math.max(0, v)));
  for (const [field, index] of Object.entries(sources) as [QuotaInvoiceField, number][]) {
    const line = lines[index];
    if (!line) continue;
    fields[field] = line.box.map(([x, y]) => [clamp(x, size.width), clamp(y, size.height)]) as FieldQuad;
  }
  return Object.keys(fields).length > 0 ? { width: size.width, height: size.height, fields } : undefined;
}

/**
 * The same regions for the same picture at another size (the engine reads a downscaled copy of a
 * large image; the regions are kept in px of the image as stored). `width` × `height`: the new size.
 */
export function scaleFieldBoxes(boxes: FieldBoxes, width: number, height: number): FieldBoxes {
  const sx = width / boxes.width;
  const sy = height / boxes.height;
  const fields: FieldBoxes['fields'] = {};
  for (const [field, quad] of Object.entries(boxes.fields) as [QuotaInvoiceField, FieldQuad | undefined][]) {
    if (quad) fields[field] = quad.map(([x, y]) => [Math.min(width, tenth(x * sx)), Math.min(height, tenth(y * sy))]) as FieldQuad;
  }
  return { width, height, fields };
}
