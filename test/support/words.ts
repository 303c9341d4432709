/** The extension's own words outside a browser: messages.json read the way chrome.i18n does ($1…$9). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Translate } from '@/lib/export/columns';

export function wordsOf(locale: 'en' | 'zh_CN'): Translate {
  const messages = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
  return (key, substitutions) => {
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const message = messages[key]?.message;
    if (message === undefined) throw new Error(`no message ${key} in ${locale}`);
    return message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  };
}
