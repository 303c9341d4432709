import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtPipeline } from '@/lib/ondevice/pipeline';

describe('the pipeline a build reads with', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is fast without QIC_PIPELINE (Node, tests, a plain build)', () => {
    expect(builtPipeline()).toBe('fast');
  });

  it.each([['baseline'], ['fast']] as const)('is %s when the build says so', (name) => {
    vi.stubGlobal('__QIC_PIPELINE__', name);
    expect(builtPipeline()).toBe(name);
  });

  it('an unknown name fails the build’s first reading instead of measuring the wrong engine', () => {
    vi.stubGlobal('__QIC_PIPELINE__', 'fastest');
    expect(() => builtPipeline()).toThrow();
  });
});
