import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Fixture "expense portals" for the fill extension's e2e tests. Two servers serve the same pages:
 * `main` on http://127.0.0.1:P and `other` on http://localhost:Q. Different host AND port make
 * them cross-origin and cross-site (an IP literal is its own site), so iframe-cross.html gets a
 * real out-of-process iframe in Chromium.
 */
export interface Portals {
  main: string;
  other: string;
  close(): Promise<void>;
}

export const PAGES = [
  'plain.html', 'react.html', 'vue.html', 'iframe-same.html', 'iframe-cross.html', 'shadow.html', 'unlabeled.html',
  'element-plus.html', 'antd.html', 'element-like-form.html',
] as const;

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'pages');

/**
 * /vendor/<name> -> candidate paths under vendorDir. The node_modules layout comes first (what the
 * tests pass); the flat name is a fallback so a folder of copied files works too.
 */
const VENDOR: Record<string, string[]> = {
  'react.production.min.js': ['react/umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom/umd/react-dom.production.min.js'],
  'vue.global.prod.js': ['vue/dist/vue.global.prod.js'],
  // Component libraries Chinese expense portals are built with (their browser builds).
  'element-plus.full.min.js': ['element-plus/dist/index.full.min.js'],
  'element-plus.css': ['element-plus/dist/index.css'],
  'dayjs.min.js': ['dayjs/dayjs.min.js'], // antd's browser build expects the dayjs global
  'antd.min.js': ['antd/dist/antd.min.js'],
};

/** Placeholder in pages for "the other server's origin", so each server points across. */
const CROSS = '__CROSS_ORIGIN__';

/** The two framed pages are one template: the frame's origin is this server's or the other's. */
const FRAMED: Record<string, { kind: string; other: boolean }> = {
  'iframe-same.html': { kind: 'same-origin iframe', other: false },
  'iframe-cross.html': { kind: 'cross-origin, cross-site iframe', other: true },
};

async function firstReadable(dir: string, rels: string[]): Promise<Buffer> {
  for (const rel of rels) {
    try {
      return await readFile(join(dir, rel));
    } catch {
      /* try the next layout */
    }
  }
  throw new Error(`vendor file not found under ${dir}: ${rels.join(', ')}`);
}

function serve(vendorDir: string, crossOrigin: () => string): Server {
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // Whitelisted names only: no path joins on request input, so no traversal to guard against.
    const vendor = /^\/vendor\/([\w.-]+)$/.exec(path)?.[1];
    const page = /^\/portal\/([\w-]+\.html)$/.exec(path)?.[1];
    try {
      if (vendor && VENDOR[vendor]) {
        const body = await firstReadable(vendorDir, [...VENDOR[vendor], vendor]);
        const type = vendor.endsWith('.css') ? 'text/css' : 'text/javascript';
        res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
        res.end(body);
        return;
      }
      if (page && (PAGES as readonly string[]).includes(page)) {
        const framed = FRAMED[page];
        const file = framed ? 'iframe.html' : page;
        const html = (await readFile(join(PAGES_DIR, file), 'utf8'))
          .replaceAll(CROSS, crossOrigin())
          .replaceAll('__FRAME_KIND__', framed?.kind ?? '')
          .replaceAll('__FRAME_ORIGIN__', framed?.other ? crossOrigin() : '');
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(html);
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    }
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return (server.address() as AddressInfo).port;
}

function shut(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** opts.vendorDir: a node_modules folder holding react@18, react-dom@18, vue@3, element-plus, antd@5 and dayjs. */
export async function startPortals(opts: { vendorDir: string }): Promise<Portals> {
  let main = '';
  let other = '';
  const mainServer = serve(opts.vendorDir, () => other);
  const otherServer = serve(opts.vendorDir, () => main);
  main = `http://127.0.0.1:${await listen(mainServer)}`;
  // Bound to 127.0.0.1 but addressed as "localhost": Chromium resolves localhost to loopback itself.
  other = `http://localhost:${await listen(otherServer)}`;
  return { main, other, close: async () => void (await Promise.all([shut(mainServer), shut(otherServer)])) };
}
