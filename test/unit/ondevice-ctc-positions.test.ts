import { describe, expect, it } from 'vitest';
import { ctcCollapse } from '@/lib/ondevice/rec';

describe('where CTC decoding puts each character', () => {
  const dict = ['', '1', '2', '发'];

  it('gives each kept character the middle of its run of steps, blanks and repeats dropped', () => {
    // steps: 0 blank, 1-2 '发', 3 blank, 4 '1', 5 blank, 6 '1', 7-9 '2'
    const classes = [0, 3, 3, 0, 1, 0, 1, 2, 2, 2];
    const probs = classes.map(() => 0.9);
    const read = ctcCollapse(classes, probs, 0, classes.length, dict);
    expect(read.text).toBe('发112');
    expect(read.charSteps).toEqual([2, 4.5, 6.5, 8.5]);
    expect(read.charConfidences).toHaveLength(read.text.length);
  });

  it('reads from the row offset of a batch', () => {
    const classes = [1, 1, 0, 2];
    const read = ctcCollapse(classes, [1, 1, 1, 1], 2, 2, dict);
    expect(read).toMatchObject({ text: '2', charSteps: [1.5] });
  });
});
