import { describe, expect, it } from 'vitest';
import { amountFen } from '@/lib/invoice/amount';
import { checksFor } from '@/lib/invoice/capture-checks';
import { duplicateKey } from '@/lib/invoice/code';
import { standing } from '@/lib/invoice/hand-entry';
import type { Capture } from '@/lib/store/capture-schema';

// lib/invoice/checks.ts checkBatch remembers parsed amounts and groups duplicates in one pass;
// here the same answers are computed the plain way, pair by pair, on a batch of 5,000.

const AMOUNTS = ['￥50.00', '¥10.00', '壹拾圆整', '伍角', '50元', 'abc', '', '¥1,000.00', '￥20.0O'];

/** Capture i of a 5,000 set with repeats: every 7th repeats the code + number before it, every 11th the image 3 before it, every 97th shares one image, some failed, some hand-entered. */
function capture(i: number): Capture {
  const n = i % 7 === 0 && i > 0 ? i - 1 : i;
  const failed = i % 13 === 0;
  const entered = failed && i % 26 === 0;
  const fields = { code: `1440310${String(60000 + (n % 900)).padStart(5, '0')}`, number: String(10000000 + n), amount: AMOUNTS[i % AMOUNTS.length]!, location: i % 5 === 0 ? '广东省' : '深圳市' };
  return {
    id: `c-${i}`, createdAt: i, updatedAt: i, status: failed ? 'failed' : 'done', provider: 'ondevice', hasImage: true, imageType: 'image/jpeg',
    imageSha256: i % 97 === 5 ? 'sha-many' : `sha-${i % 11 === 0 && i > 0 ? i - 3 : i}`, normalized: true, attempts: 1, source: { kind: 'context-menu', pageUrl: 'https://mail.example/' },
    ...(failed ? { error: { code: 'E_OCR_EMPTY', message: 'nothing read' } } : { result: { ...fields, confidence: { code: 0.99, number: 0.99, amount: 0.98, location: 0.97 } } }),
    ...(entered ? { corrections: fields } : {}),
  } as Capture;
}

describe('checks of 5,000 captures with duplicates', () => {
  const captures = Array.from({ length: 5000 }, (_, i) => capture(i));
  const checks = checksFor(captures);

  it('give each capture the fen amountFen reads from its amount', () => {
    for (const c of captures) {
      const amount = c.corrections?.amount ?? c.result?.amount;
      expect(checks.get(c.id)!.fen).toBe(amountFen(amount));
    }
  });

  it('list as duplicates exactly the other invoices with the same code + number or the same image', () => {
    const stands = captures.map((c) => standing({ status: c.status, corrections: c.corrections }) !== 'failed');
    const keys = captures.map((c) => duplicateKey(c.corrections?.code ?? c.result?.code, c.corrections?.number ?? c.result?.number));
    let withDuplicates = 0;
    captures.forEach((c, i) => {
      const expected: string[] = [];
      if (stands[i]) {
        captures.forEach((o, j) => {
          if (j !== i && stands[j] && ((keys[i] !== null && keys[j] === keys[i]) || o.imageSha256 === c.imageSha256)) expected.push(o.id);
        });
      }
      const check = checks.get(c.id)!;
      expect([...check.duplicateOf].sort()).toEqual(expected.sort());
      expect(check.flags.includes('duplicate')).toBe(expected.length > 0);
      if (expected.length > 0) withDuplicates++;
    });
    // The set really has repeats among invoices, and failures that are nobody's duplicate.
    expect(withDuplicates).toBeGreaterThan(1000);
    expect(stands.filter((s) => !s).length).toBeGreaterThan(100);
  });
});
