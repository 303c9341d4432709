import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_CODES } from '@/lib/ui/error-words';
import { README_PATH, errorTable, readmeWithTable } from '../../scripts/readme-errors';

const readme = readFileSync(README_PATH, 'utf8');

describe('README troubleshooting table', () => {
  it('is the one the code makes (run `npx tsx scripts/readme-errors.ts` after changing a code or its words)', () => {
    expect(readmeWithTable(readme)).toBe(readme);
  });

  it('has a row for every code the UI can show, with English and Chinese words', () => {
    const table = errorTable();
    for (const code of KNOWN_CODES) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, code).toBeDefined();
      expect(row!.split(' | ')[2], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses a README without its markers', () => {
    expect(() => readmeWithTable('# no table here')).toThrow(/markers/);
  });
});
