import { describe, expect, it } from 'vitest';
import { fieldBoxes, scaleFieldBoxes } from '@/lib/ondevice/field-boxes';
import { FieldBoxesSchema, QuotaInvoiceResultSchema } from '@/lib/recognize/contract';
import type { DetectedLine } from '@/lib/ondevice/engine';

const line = (text: string, box: DetectedLine['box']): DetectedLine => ({ text, confidence: 0.9, charConfidences: Array.from(text, () => 0.9), box });

describe('field regions: where each field was read, in px of the image', () => {
  const lines = [
    line('深圳市通用定额发票', [[100, 20], [700, 20], [700, 60], [100, 60]]),
    // A skewed line whose rectangle pokes past the left and top edges.
    line('发票代码 144031060038', [[-4, -2], [400, 10], [398, 50], [-6, 38]]),
  ];

  it('takes each field’s line corners, kept inside the image; a field from no line has none', () => {
    expect(fieldBoxes(lines, { location: 0, code: 1 }, { width: 800, height: 400 })).toEqual({
      width: 800,
      height: 400,
      fields: { location: [[100, 20], [700, 20], [700, 60], [100, 60]], code: [[0, 0], [400, 10], [398, 50], [0, 38]] },
    });
    expect(fieldBoxes(lines, {}, { width: 800, height: 400 })).toBeUndefined();
    expect(fieldBoxes(lines, { number: 7 }, { width: 800, height: 400 })).toBeUndefined();
  });

  it('scales to the image as stored when the engine read a smaller copy', () => {
    const read = fieldBoxes(lines, { location: 0 }, { width: 800, height: 400 })!;
    expect(scaleFieldBoxes(read, 1600, 800)).toEqual({ width: 1600, height: 800, fields: { location: [[200, 40], [1400, 40], [1400, 120], [200, 120]] } });
  });

  it.each([
    ['a corner outside the image', { width: 100, height: 50, fields: { code: [[1, 1], [101, 1], [101, 5], [1, 5]] } }],
    ['a negative coordinate', { width: 100, height: 50, fields: { code: [[-1, 1], [9, 1], [9, 5], [1, 5]] } }],
    ['three corners', { width: 100, height: 50, fields: { code: [[1, 1], [9, 1], [9, 5]] } }],
    ['an image larger than any kept', { width: 100_000, height: 50, fields: {} }],
    ['a size that is no number of px', { width: 0.5, height: 50, fields: {} }],
  ])('refuses %s', (_name, boxes) => {
    expect(FieldBoxesSchema.safeParse(boxes).success).toBe(false);
    // In a result (a message, a stored capture), a bad region costs only itself: the fields stay.
    expect(QuotaInvoiceResultSchema.parse({ code: '144031060038', boxes })).toEqual({ code: '144031060038' });
  });
});
