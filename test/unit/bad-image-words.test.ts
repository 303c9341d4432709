import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useUiLanguage, type UiLanguage } from '@/lib/i18n';
import { MAX_SIDE, MIN_SIDE } from '@/lib/image/limits';
import { planImage } from '@/lib/image/plan';
import { LocalCode, recognitionError } from '@/lib/recognize/errors';
import { errorShortText, errorText } from '@/lib/ui/error-text';
import { imageFromBytes } from '@/lib/capture/fetch-image';
import { intakeFiles, intakeProblemText, MAX_SENT_FILE_BYTES, type IntakeItem } from '@/lib/ui/intake';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
afterEach(() => useUiLanguage(null));

/** The error a capture of this decoded size is stored with (the worker's normalizeImage). */
function refusal(width: number, height: number) {
  const plan = planImage({ format: 'png', bytes: 500, width, height, orientation: 1, complete: true });
  if (plan.action !== 'reject') throw new Error(`${width}×${height} was not refused`);
  return recognitionError(plan.code, plan.message, plan.imageSize ? { imageSize: plan.imageSize } : {});
}

async function intake(name: string, bytes: Uint8Array): Promise<IntakeItem[]> {
  const items: IntakeItem[] = [];
  for await (const item of intakeFiles([new File([bytes as BlobPart], name, { type: 'image/png' })])) items.push(item);
  return items;
}

describe('an image refused for its size says its size and the limits it missed (a new user\'s trial)', () => {
  it.each([
    ['en', 5000, 16, 'The image is 5000×16 px, too long and narrow: once its longest side is fitted into 4096 px, the shortest side is 13 px, under the 15 px minimum. Crop it to the invoice and try again.'],
    ['zh_CN', 5000, 16, '图片为 5000×16 像素，过于细长：把最长边缩到 4096 像素后，最短边只有 13 像素，不足 15 像素。请把图片裁剪到发票本身后重试。'],
    ['en', 300, 14, 'The image is 300×14 px: its shortest side must be at least 15 px to hold an invoice. Use the full-size image.'],
    ['zh_CN', 10, 10, '图片为 10×10 像素：最短边至少需要 15 像素才能包含发票。请使用原图。'],
  ] as const)('%s, %i×%i', (language, width, height, words) => {
    useUiLanguage(language as UiLanguage);
    expect(errorText(refusal(width, height))).toBe(words);
  });

  it('the words without a size (the README table) state the same limits', () => {
    for (const language of ['en', 'zh_CN'] as const) {
      useUiLanguage(language);
      for (const code of [LocalCode.imageTooSmall, LocalCode.imageTooNarrow]) expect(errorText({ code })).toContain(String(MIN_SIDE));
      expect(errorText({ code: LocalCode.imageTooNarrow })).toContain(String(MAX_SIDE));
    }
  });
});

describe('a file that is no image, picked or dropped in the popup: refused at intake with what it holds', () => {
  it('test/fixtures/bad-files/notes.png (a text file renamed): plain text, and what to pick instead', async () => {
    const items = await intake('notes.png', new Uint8Array(readFileSync(join(FIXTURES, 'bad-files', 'notes.png'))));
    expect(items).toEqual([{ name: 'notes.png', problem: 'fileNotImage', holds: 'text' }]);
    useUiLanguage('en');
    expect(intakeProblemText(items[0] as Parameters<typeof intakeProblemText>[0])).toBe(
      '“notes.png” is not an image: it holds plain text, whatever its name says. Pick the invoice’s photo, scan or PDF itself (JPEG, PNG, WebP, GIF, BMP, TIFF or PDF).',
    );
    useUiLanguage('zh_CN');
    expect(intakeProblemText(items[0] as Parameters<typeof intakeProblemText>[0])).toBe('“notes.png”不是图片：里面是纯文本，不论文件名如何。请选择发票本身的照片、扫描件或 PDF（JPEG、PNG、WebP、GIF、BMP、TIFF 或 PDF）。');
  });

  it.each([
    ['a saved login page', new TextEncoder().encode('<!doctype html><title>Sign in</title>'), 'html'],
    ['an empty file', new Uint8Array(), 'empty'],
    ['binary that is no image', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0xff]), 'unknown'],
  ] as const)('%s: %s', async (_name, bytes, holds) => {
    expect(await intake('scan.png', bytes)).toEqual([{ name: 'scan.png', problem: 'fileNotImage', holds }]);
  });

  it('an image too large for one extension message is refused with its size, the limit and what to do (a 63 MB PNG vanished)', async () => {
    const png = readFileSync(join(FIXTURES, 'invoices', 'invoice-1.png'));
    const big = new Uint8Array(MAX_SENT_FILE_BYTES + 1);
    big.set(png.subarray(0, 64));
    const items = await intake('scan.png', big);
    expect(items).toEqual([{ name: 'scan.png', problem: 'fileTooLarge', bytes: MAX_SENT_FILE_BYTES + 1 }]);
    useUiLanguage('en');
    expect(intakeProblemText(items[0] as Parameters<typeof intakeProblemText>[0])).toBe(
      '“scan.png” is 40.0 MB: the largest file taken here is 40 MB. Save a smaller copy of it (a JPEG photo, or a scan at 300 dpi) and add that one.',
    );
    useUiLanguage('zh_CN');
    expect(intakeProblemText(items[0] as Parameters<typeof intakeProblemText>[0])).toBe('“scan.png”有 40.0 MB：这里能接收的文件最大 40 MB。请另存一份较小的副本（JPEG 照片，或 300 dpi 的扫描件）后再添加。');
    // One byte under the limit goes on.
    expect((await intake('scan.png', big.subarray(0, MAX_SENT_FILE_BYTES)))[0]).toMatchObject({ name: 'scan.png', fromPdf: false });
  });

  it('a real image goes on to the worker', async () => {
    const [item] = await intake('invoice-1.png', new Uint8Array(readFileSync(join(FIXTURES, 'invoices', 'invoice-1.png'))));
    expect(item).toMatchObject({ name: 'invoice-1.png', fromPdf: false });
  });
});

describe('a link whose bytes are no image says what they are (trial 6: a text file named .png was "a web page — are you logged in?")', () => {
  it.each([
    ['en', 'notes', 'This is not an image: it holds plain text. Check that the link or file is the invoice’s picture itself, and capture that.', 'Not an image: it holds plain text'],
    ['zh_CN', 'notes', '这不是图片：里面是纯文本。请确认链接或文件就是发票本身的图片，再重新识别。', '不是图片：里面是纯文本'],
  ] as const)('%s', (language, _name, words, short) => {
    useUiLanguage(language as UiLanguage);
    const fetched = imageFromBytes(new TextEncoder().encode('Lunch with the client, 3 people\nTaxi back\n'), 'http://127.0.0.1/bad-files/notes.png');
    expect(fetched.ok).toBe(false);
    const error = (fetched as { ok: false; error: Parameters<typeof errorText>[0] }).error;
    expect(error).toMatchObject({ code: LocalCode.notImage, holds: 'text' });
    expect(errorText(error)).toBe(words);
    expect(errorShortText(error)).toBe(short);
  });

  it('a web page keeps the logged-out words (what a mail link gives when the session ended)', () => {
    useUiLanguage('en');
    const fetched = imageFromBytes(new TextEncoder().encode('<!doctype html><html><body>Log in</body></html>'), 'https://mail.example');
    const error = (fetched as { ok: false; error: Parameters<typeof errorText>[0] }).error;
    expect(error.holds).toBe('html');
    expect(errorText(error)).toMatch(/^This link returned a web page, not an image — are you logged in\?/);
  });
});

describe('other paper is refused as not counted, with no hint to type it in (trial 6: "…or enter this one by hand" would count a taxi receipt)', () => {
  it.each([
    ['en', /^This looks like a taxi receipt, not a quota invoice, so it is not read and not counted in the totals\./, /by hand/],
    ['zh_CN', /不是定额发票，因此不识别，也不计入合计/, /手工|手动/],
  ] as const)('%s', (language, says, never) => {
    useUiLanguage(language as UiLanguage);
    const words = errorText(recognitionError('AIS.0104', 'The image is not a quota invoice: it looks like a taxi receipt (taxi-receipt).', { documentKind: 'taxi-receipt' }));
    expect(words).toMatch(says);
    expect(words).not.toMatch(never);
  });
});
