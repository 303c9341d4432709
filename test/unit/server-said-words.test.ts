// "Server said: …" under a failed capture (components/CaptureCard.tsx). A new user's trial, zh_CN:
// an image URL that answered 404 showed 服务器返回：“127.0.0.1:8721 answered HTTP 404” — the worker's
// English sentence inside the Chinese card. A gateway's own message is still quoted as it came.
import { afterEach, describe, expect, it } from 'vitest';
import { useUiLanguage, type UiLanguage } from '@/lib/i18n';
import { fetchImage } from '@/lib/capture/fetch-image';
import { LocalCode, recognitionError } from '@/lib/recognize/errors';
import { serverSaidText } from '@/lib/ui/error-text';

afterEach(() => useUiLanguage(null));

const url = 'http://127.0.0.1:8721/scans/missing.png';

describe('what the server said, in the UI\'s words where the words are ours', () => {
  it.each([
    ['zh_CN', '服务器返回：“127.0.0.1:8721 HTTP 404”'],
    ['en', 'The server said: “127.0.0.1:8721 answered HTTP 404”'],
  ] as const)('an image host that answered 404 (%s), as the worker stores it', async (language, words) => {
    const fetched = await fetchImage(async () => new Response('<html>Not Found</html>', { status: 404 }), url);
    expect(fetched.ok).toBe(false);
    const error = fetched.ok ? null : fetched.error;
    expect(error?.code).toBe(LocalCode.imageGone);
    useUiLanguage(language as UiLanguage);
    expect(serverSaidText(error!, url)).toBe(words);
  });

  it('a gateway\'s own message is quoted as it came; no HTTP answer, nothing said', () => {
    useUiLanguage('zh_CN');
    expect(serverSaidText(recognitionError('AIS.0103', 'The image size does not meet the requirements.', { status: 400 }))).toBe('服务器返回：“The image size does not meet the requirements.”');
    expect(serverSaidText(recognitionError(LocalCode.imageFetch, 'not a valid URL'))).toBeUndefined();
    // An image host's answer without the capture's URL still says no English sentence.
    expect(serverSaidText(recognitionError(LocalCode.imageFetch, '127.0.0.1 answered HTTP 500', { status: 500 }))).toBe('服务器返回：“HTTP 500”');
  });
});
