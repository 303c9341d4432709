import { BlobReader, TextWriter, ZipReader } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { localDateTime } from '@/lib/export/records';
import { exportZip } from '@/lib/export/zip';
import type { Capture } from '@/lib/store/capture-schema';
import { wordsOf } from '../support/words';

const at = Date.UTC(2026, 10, 20, 8, 0, 5);
const capture = (id: string, createdAt: number, hasImage = true): Capture => ({
  id, createdAt, updatedAt: createdAt, status: 'done', source: { kind: 'file', fileName: `${id}.png` }, provider: 'ondevice', hasImage,
  ...(hasImage ? { imageType: 'image/png' } : {}), normalized: true, attempts: 1,
  result: { code: '142001440057', number: '13087734', amount: '￥10.00', location: '武汉市', confidence: { code: 0.99, number: 0.99, amount: 0.99, location: 0.99 } },
});

async function exported(captures: Capture[]) {
  const { zip } = await exportZip(captures, async (id) => (captures.find((c) => c.id === id)?.hasImage ? new Blob([id], { type: 'image/png' }) : undefined), wordsOf('en'), at);
  const reader = new ZipReader(new BlobReader(zip));
  const files = new Map<string, string>();
  for (const entry of await reader.getEntries()) if (!entry.directory) files.set(entry.filename, await entry.getData(new TextWriter()));
  await reader.close();
  const [header, ...rows] = files.get('invoices.csv')!.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
  const column = (name: string) => rows.map((r) => r[header!.indexOf(name)]);
  const json = JSON.parse(files.get('invoices.json')!) as { captures: { id: string; imageFile: string | null; countedInstead: string | null; countedInsteadName: string | null }[] };
  return { files, column, json: new Map(json.captures.map((c) => [c.id, c])) };
}

// Trial 6 (M5): the counted original got the `_2` image, and "Duplicate of" held a capture id.
describe('a duplicate in the export points at the original a clerk can find', () => {
  it('the counted original gets the plain image name, the duplicate the suffix, though the newest is listed first', async () => {
    const { files, json } = await exported([capture('again', at + 60_000), capture('first', at)]);
    expect(json.get('first')!.imageFile).toBe('images/2026-11-20_142001440057_13087734.png');
    expect(json.get('again')!.imageFile).toBe('images/2026-11-20_142001440057_13087734_2.png');
    expect(files.get('images/2026-11-20_142001440057_13087734.png')).toBe('first'); // the bytes of the counted one
  });

  it('"Duplicate of" names the original’s image file; the JSON keeps its id beside it', async () => {
    const { column, json } = await exported([capture('again', at + 60_000), capture('first', at)]);
    expect(column('Duplicate of (counted capture)')).toEqual(['images/2026-11-20_142001440057_13087734.png', '']);
    expect(json.get('again')).toMatchObject({ countedInstead: 'first', countedInsteadName: 'images/2026-11-20_142001440057_13087734.png' });
    expect(json.get('first')).toMatchObject({ countedInstead: null, countedInsteadName: null });
  });

  it('an original without an image is named by its capture time, to the second', async () => {
    const { column } = await exported([capture('again', at + 60_000), capture('first', at, false)]);
    expect(column('Duplicate of (counted capture)')[0]).toBe(localDateTime(new Date(at)));
    expect(localDateTime(new Date(at))).toMatch(/:05$/);
  });
});
