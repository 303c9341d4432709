import { describe, expect, it } from 'vitest';
import { markedForReview, REVIEW_THRESHOLD } from '../../lib/invoice/review';
import { reviewReason } from '../bench/review';

// A quota invoice read cleanly: every field sure, the code's region (4403 深圳) matching the place.
const clean = {
  code: '144031060038',
  number: '35050290',
  amount: '￥1000.00',
  location: '深圳市',
  confidence: { code: 0.99, number: 0.98, amount: 0.97, location: 0.95 },
};

describe('reviewReason (the benches’ rule for "silently wrong")', () => {
  it('shows a clean, sure read settled', () => {
    for (const field of ['code', 'number', 'amount', 'location'] as const) expect(reviewReason(clean, field)).toBeNull();
  });

  it('sends a field the engine doubted to review, and only that field on confidence', () => {
    const doubted = { ...clean, confidence: { ...clean.confidence, code: markedForReview(0.99) } };
    expect(doubted.confidence.code).toBeLessThan(REVIEW_THRESHOLD);
    expect(reviewReason(doubted, 'code')).toMatch(/^confidence 0\.89$/);
    // Another field's doubt does not excuse this one (stricter than the whole-capture flag).
    expect(reviewReason(doubted, 'number')).toBeNull();
  });

  it('counts a field with no confidence as doubted', () => {
    expect(reviewReason({ ...clean, confidence: undefined }, 'amount')).toMatch(/^confidence 0\.00$/);
  });

  it('sends an amount that is no quota denomination to review (￥100000.00 read for ￥1000.00)', () => {
    expect(reviewReason({ ...clean, amount: '￥100000.00' }, 'amount')).toContain('unusual-amount');
    expect(reviewReason({ ...clean, amount: '￥10000.00' }, 'amount')).toBeNull();
  });

  it('uses the product checks on identifiers (format, the code’s region against the place)', () => {
    expect(reviewReason({ ...clean, code: '14403106003' }, 'code')).toContain('code-format');
    expect(reviewReason({ ...clean, location: '杭州市' }, 'code')).toContain('region-mismatch');
  });
});
