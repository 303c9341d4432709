import { describe, expect, it } from 'vitest';
import { modelTotal } from '@/lib/ondevice/model-total';

// The loading words say "4.7 of 15.2 MB" only with a total (lib/ui/capture-status.ts progressWords);
// Chromium's chrome-extension:// responses carry no Content-Length (trial 6: "Loading the reader… 4.7 MB").
describe('the on-device models\' total size while they load', () => {
  it.each([
    ['every response gives its length', ['100', '250', '50'], 999, 400],
    ['no response gives one (extension URLs): the size measured at build time', [null, null, null], 15_936_512, 15_936_512],
    ['only some give one: the build\'s figure, not a part of the total', ['100', null, '50'], 15_936_512, 15_936_512],
    ['neither: unknown (0), so the words give the bytes alone', [null, null, null], 0, 0],
  ] as const)('%s', (_name, lengths, built, total) => {
    expect(modelTotal([...lengths], built)).toBe(total);
  });
});
