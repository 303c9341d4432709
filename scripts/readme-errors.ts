/**
 * The README's "Troubleshooting by error code" table, made from the code itself: every code the
 * extension can show (lib/ui/error-words.ts KNOWN_CODES: the API's AIS.* codes, Huawei's gateway
 * and ModelArts codes, and the LOCAL.* codes made on this side) with the words the UI shows for
 * it, in English and Chinese (public/_locales). `npx tsx scripts/readme-errors.ts` rewrites the
 * table between its two markers in README.md; test/unit/readme.test.ts fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessageKey, KNOWN_CODES } from '../lib/ui/error-words';

export const README_PATH = join(import.meta.dirname, '..', 'README.md');
export const START = '<!-- error-table:start (made by scripts/readme-errors.ts) -->';
export const END = '<!-- error-table:end -->';

type Messages = Record<string, { message: string }>;
const locale = (name: string): Messages =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'public', '_locales', name, 'messages.json'), 'utf8')) as Messages;

/** A table cell: pipes escaped, line breaks flattened. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The table as Markdown: one row per code, in KNOWN_CODES order (API, local, Huawei). */
export function errorTable(): string {
  const en = locale('en');
  const zh = locale('zh_CN');
  const rows = KNOWN_CODES.map((code) => {
    const key = errorMessageKey(code);
    return `| \`${code}\` | ${cell(en[key]!.message)} | ${cell(zh[key]!.message)} |`;
  });
  return ['| code | what it means, what to do | 含义与处理 |', '| --- | --- | --- |', ...rows].join('\n');
}

/** README.md with the table between the markers replaced. Throws when a marker is missing. */
export function readmeWithTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${START} … ${END}`);
  return `${readme.slice(0, start + START.length)}\n${errorTable()}\n${readme.slice(end)}`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(README_PATH, readmeWithTable(readFileSync(README_PATH, 'utf8')));
  console.log(`README.md: ${KNOWN_CODES.length} codes`);
}
