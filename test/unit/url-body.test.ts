import { describe, expect, it } from 'vitest';
import { urlForApi } from '@/lib/recognize/url-body';

describe('which image URLs the API can be sent instead of bytes', () => {
  it.each([
    ['https://img.example.com/a.jpg', 'region', 'https://img.example.com/a.jpg'],
    ['http://img.example.com/a.jpg', 'region', 'http://img.example.com/a.jpg'],
    ['http://127.0.0.1:8080/a.png', 'region', null],
    ['http://localhost/a.png', 'region', null],
    ['http://192.168.1.10/a.png', 'region', null],
    ['http://10.0.0.5/a.png', 'region', null],
    ['http://172.20.1.1/a.png', 'region', null],
    ['http://fileserver.internal/a.png', 'region', null],
    ['http://127.0.0.1:8080/a.png', 'custom', 'http://127.0.0.1:8080/a.png'],
    ['blob:https://mail.example/3f1c', 'custom', null],
    ['data:image/png;base64,AAAA', 'region', null],
    ['not a url', 'region', null],
    [undefined, 'region', null],
  ] as const)('%s (%s endpoint) → %s', (url, mode, expected) => expect(urlForApi(url, mode)).toBe(expected));
});
