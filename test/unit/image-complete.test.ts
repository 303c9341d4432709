import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageComplete } from '@/lib/image/complete';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const file = (...path: string[]) => new Uint8Array(readFileSync(join(FIXTURES, ...path)));
const invoice = file('invoices', 'invoice-1.png');

/** A JPEG's skeleton: SOI, an APP1 holding a thumbnail's own end marker, SOS, scan data, then `tail`. */
const jpeg = (...tail: number[]) =>
  new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x06, 0x12, 0x34, 0xff, 0xd9, 0xff, 0xda, 0x00, 0x04, 0x01, 0x00, 0x12, 0xff, 0x00, 0x34, ...tail]);

describe('imageComplete: image bytes that end where their format says', () => {
  it.each([
    ['a whole PNG', 'png', invoice, true],
    // test/fixtures/bad-files/truncated.png: a 200×60 PNG cut at 60% of its bytes (a new user's trial).
    ['the trial\'s PNG cut short', 'png', file('bad-files', 'truncated.png'), false],
    ['a PNG cut one byte before its end', 'png', invoice.subarray(0, invoice.length - 1), false],
    ['a PNG cut just after its header', 'png', invoice.subarray(0, 40), false],
    ['a JPEG with its end marker', 'jpeg', jpeg(0xff, 0xd9), true],
    ['a JPEG with bytes a camera appended after the end', 'jpeg', jpeg(0xff, 0xd9, 0x00, 0x00, 0x41), true],
    ['a JPEG cut in its scan (the thumbnail\'s end marker does not count)', 'jpeg', jpeg(0x56), false],
    ['a JPEG cut before its scan', 'jpeg', jpeg().subarray(0, 9), false],
    ['another format is not checked', 'gif', new Uint8Array([0x47, 0x49, 0x46]), true],
  ] as const)('%s', (_name, format, bytes, complete) => expect(imageComplete(format, bytes)).toBe(complete));
});
