import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MENU_SOURCES } from '@/lib/capture/context-menu';

const locale = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, `../../public/_locales/${name}/messages.json`), 'utf8')) as Record<string, { message: string }>;

describe('capture sources registry', () => {
  it('registers every source file once, with a unique id', () => {
    const files = readdirSync(join(import.meta.dirname, '../../lib/capture/sources')).filter((f) => f !== 'source.ts');
    expect(MENU_SOURCES).toHaveLength(files.length);
    expect(new Set(MENU_SOURCES.map((s) => s.id)).size).toBe(MENU_SOURCES.length);
  });

  it.each(MENU_SOURCES.map((s) => [s.id, s.titleKey] as const))('%s has a menu title in English and Chinese', (_id, key) => {
    expect(locale('en')[key]?.message).toBeTruthy();
    expect(locale('zh_CN')[key]?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
