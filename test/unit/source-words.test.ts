import { describe, expect, it } from 'vitest';
import { sourceShown } from '@/lib/ui/source-words';
import { CaptureSourceSchema } from '@/lib/store/capture-schema';

describe('where a batch row came from, in its column', () => {
  it('names a file by its name', () => {
    expect(sourceShown({ kind: 'file', fileName: 'scan-1.png' })).toEqual({ text: 'scan-1.png', title: 'scan-1.png' });
  });
  it('names a URL by its host and file, the full URL in the title', () => {
    const url = 'https://fp.example.com:8443/scans/2026/%E5%8F%91%E7%A5%A8.png?x=1';
    expect(sourceShown({ kind: 'url', imageUrl: url })).toEqual({ text: 'fp.example.com:8443/…/发票.png', title: url });
    expect(sourceShown({ kind: 'url', imageUrl: 'http://a.example/b.png' })?.text).toBe('a.example/b.png');
    expect(sourceShown({ kind: 'url', imageUrl: 'http://a.example/' })?.text).toBe('a.example');
  });
  it('says a data: URL by its scheme, its title cut at 200 characters', () => {
    const shown = sourceShown({ kind: 'paste', imageUrl: `data:image/png;base64,${'A'.repeat(500)}` });
    expect(shown?.text).toBe('data:');
    expect(shown?.title).toHaveLength(201);
  });
  it('keeps an unparsable URL as written, and nothing when there is no source', () => {
    expect(sourceShown({ kind: 'url', imageUrl: 'not a url' })).toEqual({ text: 'not a url', title: 'not a url' });
    expect(sourceShown({ kind: 'region' })).toBeNull();
  });
});

describe('a name cannot reorder itself on screen (helper-77: an RLO in a file name)', () => {
  const spoofed = '发票 (报销) \u202Egpj.exe\u202C 第1张.jpg';
  it('the stored file name has no directional formatting characters, old records and imports alike', () => {
    const source = CaptureSourceSchema.parse({ kind: 'file', fileName: spoofed });
    expect(source.fileName).toBe('发票 (报销) gpj.exe 第1张.jpg');
    expect(sourceShown(source)?.text).toBe('发票 (报销) gpj.exe 第1张.jpg');
    for (const mark of ['\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(CaptureSourceSchema.parse({ kind: 'file', fileName: `a${mark}b.png` }).fileName).toBe('ab.png');
    }
  });
  it('nor does a URL whose last segment decodes to one', () => {
    expect(sourceShown({ kind: 'url', imageUrl: 'https://mail.example/att/%E2%80%AEgpj.exe.png' })?.text).toBe('mail.example/…/gpj.exe.png');
  });
});
