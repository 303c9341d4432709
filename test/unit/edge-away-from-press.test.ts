import { describe, expect, it } from 'vitest';
import { edgeAwayFrom } from '@/lib/ui/use-edge-away-from-press';

describe('a notice stands away from the press that raised it', () => {
  it('at the window\'s top after a press in its lower half, at its foot after one in its upper half', () => {
    // A row's Delete 700 px down a 768 px window: the notice at the foot would lie under the pointer.
    expect(edgeAwayFrom(700, 768)).toBe('top');
    expect(edgeAwayFrom(120, 768)).toBe('bottom');
    expect(edgeAwayFrom(384, 768)).toBe('bottom');
  });

  it('at the foot after a key press, which has no pointer to avoid', () => {
    expect(edgeAwayFrom(null, 768)).toBe('bottom');
  });
});
