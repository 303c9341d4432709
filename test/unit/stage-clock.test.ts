import { beforeEach, describe, expect, it } from 'vitest';
import { READ_CAUSES, stageClock } from '@/lib/ondevice/stage-clock';

describe('the stage clock counts lines recognised by why (issue 10)', () => {
  beforeEach(() => stageClock.reset());

  it('adds each cause on its own, one line by default', () => {
    stageClock.read('first');
    stageClock.read('first');
    stageClock.read('orientation', 8);
    stageClock.read('reread-seal-free');
    stageClock.read('red-number', 2);
    stageClock.read('digits', 2);
    expect(stageClock.snapshot().reads).toEqual({ orientation: 8, first: 2, 'seal-free': 0, reread: 0, 'reread-seal-free': 1, 'red-number': 2, digits: 2 });
  });

  it('starts every cause at zero again after a reset, and a snapshot is a copy', () => {
    stageClock.read('seal-free', 3);
    const before = stageClock.snapshot();
    stageClock.reset();
    expect(before.reads['seal-free']).toBe(3);
    expect(Object.values(stageClock.snapshot().reads)).toEqual(READ_CAUSES.map(() => 0));
  });
});
