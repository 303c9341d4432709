import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cardView } from '@/lib/card/view';
import { formatDateTimeSeconds, useUiLanguage } from '@/lib/i18n';
import type { Capture } from '@/lib/store/capture-schema';
import { createCaptureStore } from '@/lib/store/captures';
import { openCaptureDb } from '@/lib/store/db';
import { captureMarks, reviewFlags, reviewReasons } from '@/lib/ui/capture-marks';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const words = (key: string, ...subs: string[]) => en[key]!.message.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 27, 7, 50);

/** A recognized capture, `i` minutes after START (or `at`), with a usual amount in 深圳市 unless patched. */
function done(id: string, at: number, fields: Partial<NonNullable<Capture['result']>> = {}): Capture {
  const n = String(at).slice(-4).padStart(4, '0');
  return {
    id,
    createdAt: at,
    updatedAt: at,
    status: 'done',
    source: { kind: 'context-menu', imageUrl: `https://mail.example/${id}.png` },
    provider: 'ondevice',
    hasImage: true,
    normalized: true,
    attempts: 1,
    result: { code: `1440310${n}0`, number: `3505${n}`, amount: '￥50.00', location: '深圳市', confidence: { code: 0.99, number: 0.99, amount: 0.99, location: 0.99 }, ...fields },
  };
}

/**
 * 240 captures over five weeks, newest first as the store lists them; the newest repeats the
 * oldest's code and number (a second claim of a five-week-old invoice, trial 6: s6-0235).
 */
function pile(): Capture[] {
  const all = Array.from({ length: 240 }, (_, i) => done(`c${String(i).padStart(3, '0')}`, START + i * 3 * 3_600_000 + i));
  const oldest = all[0]!;
  all.push(done('again', START + 40 * DAY, { code: oldest.result!.code, number: oldest.result!.number }));
  return all.reverse();
}

describe('the batch\'s marks over the whole store (popup and in-page card)', () => {
  beforeEach(() => useUiLanguage('en'));

  it('a repeat of an invoice captured weeks earlier is marked not counted, pointing at the first capture', () => {
    const all = pile();
    const marks = captureMarks(all);
    expect(marks.duplicates.get('again')).toEqual({ counted: false, twin: { id: 'c000', createdAt: START } });
    expect(marks.duplicates.get('c000')).toEqual({ counted: true, twin: undefined });
    // Only the pair: no other capture is anyone's duplicate.
    expect([...marks.duplicates.keys()].sort()).toEqual(['again', 'c000']);
    // What the popup used to do (the 20 newest only) misses it: the reason for the whole store.
    expect(captureMarks(all.slice(0, 20)).duplicates.get('again')).toBeUndefined();
  });

  it.each([
    ['an unusual amount', { amount: '￥88.00' }, ['unusual-amount'], ['check_unusual_amount']],
    ['a code whose first digit names no authority', { code: '744031500101' }, ['code-authority'], ['check_code_authority']],
    ['a code printed in a year to come (digits 6–7: 2071)', { code: '144037100101' }, ['code-year'], ['check_code_year']],
    ['a code whose region is not the place', { location: '北京市' }, ['region-mismatch'], ['check_region_mismatch']],
    // 042012222083 (武汉市) read 042812222083: 4281 names no place, so it cannot disagree with one.
    ['a code whose region digits are no GB/T 2260 prefix (4281)', { code: '042812222083', location: '武汉市' }, ['code-region'], ['check_code_region']],
    ['a field read with low confidence', { confidence: { code: 0.99, number: 0.5, amount: 0.99, location: 0.99 } }, ['needs-review'], ['check_needs_review']],
    ['a missing amount', { amount: undefined }, ['missing-fields'], ['check_missing_fields']],
    ['nothing to look at', {}, [], []],
  ])('the batch\'s checks, one rule: %s', (_name, patch, flags, keys) => {
    const capture = done('x', START, patch);
    const check = captureMarks([capture]).checks.get('x');
    expect(reviewFlags(check)).toEqual(flags);
    expect(reviewReasons(check)).toEqual(keys.map((k) => words(k)));
  });

  it('a refusal of other paper typed in by hand counts, and stays to review until looked at (new-user check of stop 37)', () => {
    // A taxi receipt refused by name, its code, number and amount typed into the batch.
    const refused: Capture = {
      ...done('taxi', START), result: undefined, status: 'failed',
      error: { code: 'AIS.0104', message: 'not a quota invoice: a taxi receipt', retryable: false, documentKind: 'taxi-receipt' },
      corrections: { code: '144031060038', number: '35050290', amount: '￥50.00', location: '深圳市' },
    };
    const check = captureMarks([refused]).checks.get('taxi');
    expect(check!.fen).toBe(5000);
    expect(reviewFlags(check)).toEqual(['other-paper']);
    expect(reviewReasons(check)).toEqual([words('check_other_paper')]);
    // Refused for no kind (nothing found), or a network failure, typed in: nothing to say of the paper.
    for (const error of [{ code: 'AIS.0104', message: 'x', retryable: false }, { code: 'LOCAL.NETWORK', message: 'x', retryable: true }]) {
      expect(reviewFlags(captureMarks([{ ...refused, error }]).checks.get('taxi'))).toEqual([]);
    }
  });

  it('a counted duplicate alone is not "to review"', () => {
    const marks = captureMarks(pile());
    expect(marks.checks.get('c000')!.flags).toEqual(['duplicate']);
    expect(reviewFlags(marks.checks.get('c000'))).toEqual([]);
  });

  it('the in-page card says the invoice was already captured, and when; Fill and the fields stay', () => {
    const all = pile();
    const view = cardView(all[0]!, captureMarks(all));
    expect(view.state).toBe('done');
    expect(view.duplicate).toEqual({ counted: false, words: words('cardAlreadyCaptured', formatDateTimeSeconds(START)) });
    expect(view.duplicate!.words).toMatch(/^Already captured at .+ — not counted twice$/);
    expect(view.copyAll).toBeDefined();
    // Without the marks (or for the one counted) it says no such thing.
    expect(cardView(all[0]!).duplicate).toBeUndefined();
    expect(cardView(all[1]!, captureMarks(all)).duplicate).toBeUndefined();
  });

  it('the in-page card gives the batch\'s reasons to review', () => {
    const odd = done('odd', START, { amount: '￥88.00', location: '北京市' });
    const view = cardView(odd, captureMarks([odd]));
    expect(view.review).toBe(words('popupReviewWhy', [words('check_region_mismatch'), words('check_unusual_amount')].join(' · ')));
    expect(view.duplicate).toBeUndefined();
  });

  it('the worker reads the whole store for it: every record, not the newest few', async () => {
    const store = createCaptureStore(openCaptureDb('capture-marks-test'));
    const all = pile();
    for (const c of all) await store.add(c);
    const marks = captureMarks(await store.recent(Number.MAX_SAFE_INTEGER));
    expect(marks.duplicates.get('again')?.counted).toBe(false);
  });
});
