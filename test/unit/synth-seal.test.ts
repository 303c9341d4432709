import { describe, expect, it } from 'vitest';
import { makeInvoiceSpec } from '../synth/spec';
import { SEAL_WORDS_ON_CODE } from '../synth/variants';

const SEEDS = [1, 2, 57, 100034, 100039, 123456];

describe('generator: the supervision seal with its words across the code', () => {
  it.each(SEEDS)('seed %i: the seal sits on the code, its words on the digits', (seed) => {
    const seal = makeInvoiceSpec(seed, { photo: true, variants: 'seal-over-code' }).variants?.sealOverCode;
    expect(seal).toBeTruthy();
    expect(seal!.left).toBeGreaterThanOrEqual(SEAL_WORDS_ON_CODE.left[0]);
    expect(seal!.left).toBeLessThanOrEqual(SEAL_WORDS_ON_CODE.left[1]);
    expect(seal!.top).toBeGreaterThanOrEqual(SEAL_WORDS_ON_CODE.top[0]);
    expect(seal!.top).toBeLessThanOrEqual(SEAL_WORDS_ON_CODE.top[1]);
  });

  it.each(SEEDS)('seed %i: everything else is the seed’s own draw (truth, photo, other variants)', (seed) => {
    const drawn = makeInvoiceSpec(seed, { photo: true });
    const sealed = makeInvoiceSpec(seed, { photo: true, variants: 'seal-over-code' });
    expect(sealed.truth).toEqual(drawn.truth);
    expect(sealed.photo).toEqual(drawn.photo);
    expect({ ...sealed.variants, sealOverCode: null }).toEqual({ ...drawn.variants, sealOverCode: null });
  });

  it('the place is drawn per seed, not fixed', () => {
    const places = new Set(SEEDS.map((seed) => JSON.stringify(makeInvoiceSpec(seed, { variants: 'seal-over-code' }).variants?.sealOverCode)));
    expect(places.size).toBeGreaterThan(3);
  });
});
