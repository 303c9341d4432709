import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FORMAT_NAMES, INVOICES_DIR, loadFormats, type Formats } from './assets';

export interface CaptureSites {
  /** http://127.0.0.1:PORT — the web mail and the image pages. */
  main: string;
  /**
   * http://localhost:PORT — a second server, also bound to 127.0.0.1. Another port alone would be
   * cross-origin but same-site, and cookies ignore ports, so `main`'s session cookie would reach
   * it; a different host name makes it cross-site and cookie-free, like a real third party.
   */
  other: string;
  close(): Promise<void>;
  /** Every request either site received, in order: `GET localhost:PORT /invoices/invoice-1.png` (method, Host header, path and query). */
  requests: string[];
  /** Generated variants by /img/ file name: invoice-4.{webp,gif,svg}, big.jpg, tiny.png, invoice-1.thumb.png. */
  formats: Record<string, Buffer>;
}

type Role = 'main' | 'other';
interface Context {
  main: string;
  other: string;
  session: string;
  formats: Formats;
  invoices: Map<string, Buffer>;
  /** test/fixtures/cases pages by file name, served beside the invoices (they name them relatively). */
  cases: Map<string, Buffer>;
}

const CASES_DIR = join(INVOICES_DIR, '..', 'cases');
const CASE_NAMES = ['srcset-no-space.html', 'lazy-placeholder.html'];
/** The 1×1 transparent GIF lazy loaders put in `src` until they swap the real image in. */
const PIXEL_GIF = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

const INVOICE_NAMES = [1, 2, 3, 4, 5, 6].map((n) => `invoice-${n}.png`);
const TYPES: Record<string, string> = { png: 'image/png', webp: 'image/webp', gif: 'image/gif', svg: 'image/svg+xml', jpg: 'image/jpeg' };

/** Every page marks `body[data-ready]` once its #target is displayable, so tests need no sleeps. */
function doc(title: string, body: string, script = "addEventListener('load', ready);"): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}<script>function ready(){document.body.dataset.ready='1'}${script}</script></body></html>`;
}

const LOGIN_PAGE = doc(
  'Mail - sign in',
  `<h1>Sign in to Mail</h1><form id="login" method="post" action="/mail/login">
<input id="user" name="user" value="tester"> <input id="password" name="password" type="password" value="secret">
<button id="submit" type="submit">Sign in</button></form>`,
);

/** A mail message with an attachment preview; `base` is '' (same origin) or the serving origin. */
function message(base: string): string {
  return `<div id="mail"><h2 id="subject">Fapiao for October</h2><p>From: billing@example.com</p><p>Please find the invoice attached.</p>
<div class="attachments"><a id="attachment-link" href="${base}/mail/attachment/1?view=full"><img id="target" data-invoice="invoice-1.png" src="${base}/mail/attachment/1?view=thumb" width="240"></a> invoice.png</div></div>`;
}

function imagePages(c: Context): Record<string, string> {
  const drawScript = (src: string, extra = '') => `const img = new Image(); img.onload = () => { const c = document.getElementById('target');
c.width = img.naturalWidth; c.height = img.naturalHeight; c.getContext('2d').drawImage(img, 0, 0); ${extra} ready(); }; img.src = '${src}';`;
  return {
    'blob.html': doc('blob: URL', '<img id="target" data-invoice="invoice-2.png">',
      `fetch('/invoices/invoice-2.png').then(r => r.blob()).then(b => { const t = document.getElementById('target'); t.onload = ready; t.src = URL.createObjectURL(b); });`),
    'data.html': doc('data: URL', `<img id="target" data-invoice="invoice-3.png" src="data:image/png;base64,${c.invoices.get('invoice-3.png')!.toString('base64')}">`),
    'srcset.html': doc('srcset', `<img id="target" data-invoice="invoice-1.png" srcset="/img/invoice-1.thumb.png 240w, /invoices/invoice-1.png 1000w" sizes="240px" src="/invoices/invoice-1.png">
<picture id="picture"><source type="image/webp" srcset="/img/invoice-4.webp"><img id="picture-img" data-invoice="invoice-4.png" src="/invoices/invoice-4.png" width="300"></picture>`),
    // The load event does not reliably wait for CSS backgrounds, so readiness loads the URL itself.
    'background.html': doc('CSS background', `<div id="target" data-invoice="invoice-5.png" style="width:600px;height:1100px;background-image:url('/invoices/invoice-5.png');background-size:contain;background-repeat:no-repeat"></div>`,
      `const img = new Image(); img.onload = ready; img.src = '/invoices/invoice-5.png';`),
    // An image of another site, no CORS headers: the page shows it but cannot hand its bytes over.
    'cross-image.html': doc('cross-origin image', `<img id="target" data-invoice="invoice-2.png" src="${c.other}/invoices/invoice-2.png" style="width:760px">`),
    'canvas.html': doc('canvas', '<canvas id="target" data-invoice="invoice-6.png"></canvas>', drawScript('/invoices/invoice-6.png')),
    // No crossOrigin attribute and `other` sends no CORS headers, so the canvas becomes tainted.
    'tainted.html': doc('tainted canvas', '<canvas id="target" data-invoice="invoice-3.png"></canvas>',
      drawScript(`${c.other}/invoices/invoice-3.png`, `try { c.toDataURL(); } catch (e) { c.dataset.tainted = e.name; }`)),
    'iframe-same.html': doc('same-origin iframe', '<iframe id="frame" src="/pages/frame.html" width="640" height="1140"></iframe>'),
    'iframe-cross.html': doc('cross-origin iframe', `<iframe id="frame" src="${c.other}/pages/frame.html" width="640" height="1140"></iframe>`),
    'formats.html': doc('formats', ['target:/invoices/invoice-4.png', 'webp:/img/invoice-4.webp', 'gif:/img/invoice-4.gif', 'svg:/img/invoice-4.svg', 'big:/img/big.jpg', 'tiny:/img/tiny.png']
      .map((e) => e.split(':'))
      .map(([id, src]) => `<img id="${id}" data-invoice="invoice-4.png" src="${src}" style="width:${id === 'tiny' ? 10 : 200}px">`)
      .join('\n')),
    'errors.html': doc('broken images', `<img id="missing" src="/img/missing.png"> <img id="gone" src="/img/gone.png"> <img id="missing-page" src="/img/missing-page.png">
<img id="login" src="/img/login.png"> <img id="tiny" src="/img/tiny.png"> <img id="lazy-missing" src="data:image/gif;base64,${PIXEL_GIF}" data-src="/img/missing.png" width="20" height="20">`),
    // Lazy loaders that have not swapped yet: every stand-in but one is the same 1×1 GIF, so only
    // the element the right-click hit tells them apart. Each hides a different invoice.
    'lazy.html': doc('lazy images', [
      `<img id="data-src" src="data:image/gif;base64,${PIXEL_GIF}" data-src="/invoices/invoice-2.png">`,
      `<img id="data-original" src="/img/spacer.gif" data-original="/invoices/invoice-4.png">`,
      `<img id="data-lazy-src" src="data:image/gif;base64,${PIXEL_GIF}" data-lazy-src="/invoices/invoice-5.png">`,
      `<img id="data-srcset" src="data:image/gif;base64,${PIXEL_GIF}" data-srcset="/img/invoice-1.thumb.png 240w,/invoices/invoice-1.png 1000w" data-sizes="auto">`,
      `<img id="data-lazy-srcset" src="data:image/gif;base64,${PIXEL_GIF}" data-lazy-srcset="/invoices/invoice-1.png 1x,/invoices/invoice-6.png 2x">`,
      `<img id="noscript" src="data:image/gif;base64,${PIXEL_GIF}"><noscript><img src="/invoices/invoice-3.png"></noscript>`,
      `<picture><source data-srcset="/invoices/invoice-4.png 2x"><img id="picture" src="data:image/gif;base64,${PIXEL_GIF}"></picture>`,
    ].map((img) => img.replace('<img ', '<img width="160" height="90" style="border:1px solid #ccc" ')).join('\n')),
  };
}

function handle(role: Role, c: Context, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname;
  // no-store: every capture that re-fetches really hits the server (and sees the cookie rules).
  const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };
  const html = (body: string) => send(200, 'text/html; charset=utf-8', body);
  const image = (name: string, bytes: Buffer) => send(200, TYPES[name.split('.').pop()!], bytes);
  const redirect = (to: string, headers: Record<string, string> = {}) => send(302, 'text/plain', '', { Location: to, ...headers });
  const signedIn = role === 'other' || (req.headers.cookie ?? '').split(/;\s*/).includes(`sid=${c.session}`);

  let m: RegExpMatchArray | null;
  if (path === '/') return html(doc('capture sites', `<ul>${[...Object.keys(imagePages(c)).map((p) => `/pages/${p}`), ...CASE_NAMES.map((n) => `/invoices/${n}`), '/mail/login', '/mail/inbox', '/mail/inbox-iframe', '/mail/inbox-cross']
    .map((p) => `<li><a href="${p}">${p}</a></li>`).join('')}</ul>`));
  if ((m = path.match(/^\/invoices\/(invoice-\d\.png)$/)) && c.invoices.has(m[1])) return image(m[1], c.invoices.get(m[1])!);
  if (path === '/img/missing.png') return send(404, 'text/plain', 'not found');
  // A deleted attachment: 410, and a 404 that comes as the site's HTML error page (not a login page).
  if (path === '/img/gone.png') return send(410, 'text/plain', 'gone');
  if (path === '/img/missing-page.png') return send(404, 'text/html; charset=utf-8', doc('Not found', '<h1>404</h1><p>This file does not exist.</p>'));
  if (path === '/img/spacer.gif') return image('spacer.gif', Buffer.from(PIXEL_GIF, 'base64'));
  if ((m = path.match(/^\/invoices\/(.+\.html)$/)) && c.cases.has(m[1])) return html(c.cases.get(m[1])!.toString('utf8'));
  if (path === '/img/login.png') return html(LOGIN_PAGE);
  if ((m = path.match(/^\/img\/(.+)$/)) && m[1] in c.formats) return image(m[1], c.formats[m[1] as keyof Formats]);
  if (path === '/pages/frame.html') return html(doc('frame', '<img id="target" data-invoice="invoice-5.png" src="/invoices/invoice-5.png" width="600">'));
  if (role === 'main' && (m = path.match(/^\/pages\/(.+)$/)) && m[1] in imagePages(c)) return html(imagePages(c)[m[1]]);

  if (role === 'main' && path === '/mail/login') {
    if (req.method !== 'POST') return html(LOGIN_PAGE);
    // Any user name and password are accepted; the body is drained so the socket stays usable.
    req.resume();
    req.on('end', () => redirect('/mail/inbox', { 'Set-Cookie': `sid=${c.session}; HttpOnly; SameSite=Lax; Path=/` }));
    return;
  }
  if (path === '/mail/attachment/1') {
    // Real web mail answers an expired session with a 200 login page, not an error status.
    if (!signedIn) return html(LOGIN_PAGE);
    return url.searchParams.get('view') === 'thumb'
      ? image('thumb.png', c.formats['invoice-1.thumb.png'])
      : image('invoice-1.png', c.invoices.get('invoice-1.png')!);
  }
  if (path === '/mail/message/1') return signedIn ? html(doc('message', message(role === 'other' ? c.other : ''))) : redirect('/mail/login');
  if (role === 'main' && path.startsWith('/mail/inbox')) {
    if (!signedIn) return redirect('/mail/login');
    const frame = (src: string) => `<iframe id="message" src="${src}" width="700" height="400"></iframe>`;
    const bodies: Record<string, string> = {
      '/mail/inbox': message(''),
      '/mail/inbox-iframe': frame('/mail/message/1'),
      '/mail/inbox-cross': frame(`${c.other}/mail/message/1`),
    };
    if (path in bodies) return html(doc('Inbox', `<h1>Inbox</h1><nav>1 message</nav>${bodies[path]}`));
  }
  send(404, 'text/plain', 'not found');
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the two local sites; generated image variants come from a tmpdir cache after the first run. */
export async function startCaptureSites(): Promise<CaptureSites> {
  const [formats, ...bytes] = await Promise.all([loadFormats(), ...INVOICE_NAMES.map((n) => readFile(join(INVOICES_DIR, n)))]);
  const cases = await Promise.all(CASE_NAMES.map((n) => readFile(join(CASES_DIR, n))));
  const c: Context = {
    main: '',
    other: '',
    session: randomBytes(16).toString('hex'),
    formats,
    invoices: new Map(INVOICE_NAMES.map((n, i) => [n, bytes[i]])),
    cases: new Map(CASE_NAMES.map((n, i) => [n, cases[i]!])),
  };
  const requests: string[] = [];
  const servers = (['main', 'other'] as const).map((role) =>
    createServer((req, res) => {
      requests.push(`${req.method} ${req.headers.host} ${req.url}`);
      handle(role, c, req, res);
    }),
  );
  const [mainPort, otherPort] = await Promise.all(servers.map(listen));
  c.main = `http://127.0.0.1:${mainPort}`;
  c.other = `http://localhost:${otherPort}`;
  return {
    main: c.main,
    other: c.other,
    formats: Object.fromEntries(FORMAT_NAMES.map((n) => [n, formats[n]])),
    requests,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => {
        s.closeAllConnections();
        s.close(() => resolve());
      })));
    },
  };
}
