import { storage } from 'wxt/utils/storage';
import type { z } from 'zod';

/**
 * One storage item per setting (DESIGN.md), always in `local:` (secrets must never sync).
 * Values are checked with their zod schema on read and on write: a corrupt or outdated value
 * reads as the fallback instead of breaking the worker, and a bad value is never stored.
 */
export interface SettingItem<T> {
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  watch(cb: (value: T) => void): () => void;
}

export function settingItem<T>(key: string, schema: z.ZodType<T>, fallback: T): SettingItem<T> {
  const item = storage.defineItem<T>(`local:${key}`, { fallback, version: 1 });
  const read = (raw: unknown): T => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : fallback;
  };
  return {
    key,
    schema,
    fallback,
    get: async () => read(await item.getValue()),
    set: async (value) => item.setValue(schema.parse(value)),
    watch: (cb) => item.watch((value) => cb(read(value))),
  };
}
