import { describe, expect, it } from 'vitest';
import { capturesAnsweredBy, capturesUnblockedBy } from '@/lib/background/retry-on-grant';
import type { Capture } from '@/lib/store/capture-schema';

type Row = Pick<Capture, 'id' | 'status' | 'error'>;
const failed = (id: string, code: string, message: string): Row => ({ id, status: 'failed', error: { code, message, retryable: false } });

/** A mix as the store holds it after some captures were kept from their hosts (issue 11). */
const rows: Row[] = [
  failed('typed-a', 'LOCAL.HOST_ACCESS', 'https://img.a.example/invoices/1.png'),
  failed('typed-a-http', 'LOCAL.HOST_ACCESS', 'http://img.a.example/invoices/2.png'),
  failed('typed-b', 'LOCAL.HOST_ACCESS', 'http://localhost:8123/invoices/5.png'),
  failed('download', 'LOCAL.IMAGE_FETCH', 'https://img.a.example/invoices/3.png'),
  failed('imported', 'LOCAL.IMPORTED_UNREAD', 'imported before it was read'),
  failed('not-a-url', 'LOCAL.HOST_ACCESS', 'the image could not be read'),
  { id: 'done', status: 'done', error: undefined },
];

describe('capturesUnblockedBy: what a grant of hosts lets the worker read again', () => {
  it.each([
    ['the popup\'s pattern for one host (scheme and host, any port)', ['https://img.a.example/*'], ['typed-a']],
    ['a port-less pattern covers a URL with a port', ['http://localhost/*'], ['typed-b']],
    ['every scheme of one host', ['*://img.a.example/*'], ['typed-a', 'typed-a-http']],
    ['all sites: every LOCAL.HOST_ACCESS with a URL, nothing else', ['<all_urls>'], ['typed-a', 'typed-a-http', 'typed-b']],
    ['another host: none', ['https://other.example/*'], []],
    ['a parent domain without a wildcard does not cover a subdomain', ['https://a.example/*'], []],
    ['a wildcard subdomain does', ['https://*.a.example/*'], ['typed-a']],
    ['an invalid pattern covers nothing', ['not a pattern'], []],
    ['no origins (an API permission was added): none', [], []],
  ])('%s', (_name, origins, ids) => expect(capturesUnblockedBy(rows, origins)).toEqual(ids));
});

describe('capturesAnsweredBy: captures still waiting on the prompt that a grant answers', () => {
  type Waiting = Pick<Capture, 'id' | 'status' | 'job' | 'source'>;
  const waiting = (id: string, imageUrl: string, wait: 'host' | 'network' = 'host', status: Capture['status'] = 'queued'): Waiting => ({
    id,
    status,
    job: { retries: 0, interruptions: 0, wait, notBefore: 1 },
    source: { kind: 'url', imageUrl },
  });
  const queue: Waiting[] = [
    waiting('asked-a', 'https://img.a.example/1.png'),
    waiting('asked-b', 'http://localhost:8123/5.png'),
    waiting('offline-a', 'https://img.a.example/2.png', 'network'),
    waiting('running-a', 'https://img.a.example/3.png', 'host', 'running'),
  ];
  it.each([
    ['its host', ['https://img.a.example/*'], ['asked-a']],
    ['a port-less pattern', ['http://localhost/*'], ['asked-b']],
    ['all sites: only those waiting on the prompt', ['<all_urls>'], ['asked-a', 'asked-b']],
    ['another host: none', ['https://other.example/*'], []],
  ])('%s', (_name, origins, ids) => expect(capturesAnsweredBy(queue, origins)).toEqual(ids));
});
