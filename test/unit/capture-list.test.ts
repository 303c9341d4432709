import { describe, expect, it } from 'vitest';
import type { Capture } from '@/lib/store/capture-schema';
import { applyChanged } from '@/lib/ui/capture-list';

const capture = (id: string, createdAt: number, status: Capture['status'] = 'done'): Capture => ({
  id, createdAt, updatedAt: createdAt, status, source: { kind: 'file' }, provider: 'ondevice', hasImage: false, normalized: true, attempts: 1,
});
const ids = (list: Capture[] | null) => list?.map((c) => c.id) ?? null;
const list = [capture('c', 30), capture('b', 20), capture('a', 10)];

describe('applyChanged: the list patched with the captures a change names', () => {
  it.each([
    ['an update keeps its place', [{ id: 'b', capture: capture('b', 20, 'failed') }], 10, ['c', 'b', 'a']],
    ['a new capture goes first', [{ id: 'd', capture: capture('d', 40) }], 10, ['d', 'c', 'b', 'a']],
    ['an older one finds its place (ties: the larger id first)', [{ id: 'bb', capture: capture('bb', 20) }], 10, ['c', 'bb', 'b', 'a']],
    ['a deleted one leaves', [{ id: 'b', capture: undefined }], 10, ['c', 'a']],
    ['a list cut at its limit stays at it', [{ id: 'd', capture: capture('d', 40) }], 3, ['d', 'c', 'b']],
    ['several at once', [{ id: 'a', capture: undefined }, { id: 'e', capture: capture('e', 50) }], 10, ['e', 'c', 'b']],
  ])('%s', (_name, read, limit, expected) => {
    const next = applyChanged(list, read, limit);
    expect(ids(next)).toEqual(expected);
    expect(ids(list)).toEqual(['c', 'b', 'a']); // the old list is left as it was
  });

  it('the updated record is the one shown', () => {
    expect(applyChanged(list, [{ id: 'b', capture: capture('b', 20, 'failed') }], 10)![1]!.status).toBe('failed');
  });

  it.each([
    ['a name that is no capture (an import, an undo)', [{ id: 'import', capture: undefined }], 10],
    ['one gone from a list cut at its limit (the next older one would move up)', [{ id: 'b', capture: undefined }], 3],
  ])('asks for the list to be read again: %s', (_name, read, limit) => {
    expect(applyChanged(list, read, limit)).toBeNull();
  });
});
