import { execFile, spawn } from 'node:child_process';
import type { Frame, Page } from 'puppeteer';
import { promisify } from 'node:util';

export interface VirtualDisplay {
  /** The X display, e.g. ":93", for the browser's DISPLAY and for xdotool. */
  display: string;
  close(): Promise<void>;
}

/**
 * An X server of its own (Xvfb) for a headful browser: the browser's own prompts (a permission
 * request) exist only there. Xvfb picks a free display number and writes it on fd 3 (-displayfd).
 */
export function startXvfb(): Promise<VirtualDisplay> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let text = '';
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes('\n')) return;
      resolve({
        display: `:${text.trim()}`,
        close: () =>
          new Promise((done) => {
            if (xvfb.exitCode !== null) return done();
            xvfb.once('exit', () => done());
            xvfb.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Runs xdotool on `display` with these arguments. */
async function xdotool(display: string, ...args: string[]): Promise<void> {
  await promisify(execFile)('xdotool', args, { env: { ...process.env, DISPLAY: display } });
}

/** Presses keys in whatever has the focus on `display` (xdotool's names: "shift+Tab", "Return", "Escape"). */
export async function pressKeys(display: string, ...keys: string[]): Promise<void> {
  await xdotool(display, 'key', ...keys);
}

/** A point in CSS px of a page's viewport (the same as X screen px here: no zoom, scale 1). */
interface Point {
  x: number;
  y: number;
}

/**
 * Where the page's viewport starts on the X screen: the pointer is moved to a known screen point
 * and the page reports where it saw it (no window manager decides where Chromium's window sits,
 * and the browser's own bars take a height that differs between versions).
 */
async function viewportOnScreen(display: string, page: Page): Promise<Point> {
  await page.evaluate(() => {
    const w = window as unknown as { __qicPointer?: Point };
    delete w.__qicPointer;
    addEventListener('mousemove', (e) => (w.__qicPointer = { x: e.clientX, y: e.clientY }), { capture: true, once: true });
  });
  const at = { x: 300 + Math.round(Math.random() * 50), y: 300 + Math.round(Math.random() * 50) }; // a move, whatever the pointer's last place
  await xdotool(display, 'mousemove', String(at.x), String(at.y));
  const seen = (await (await page.waitForFunction(() => (window as unknown as { __qicPointer?: Point }).__qicPointer, { polling: 50, timeout: 5_000 })).jsonValue()) as Point;
  return { x: at.x - seen.x, y: at.y - seen.y };
}

/**
 * A user's right-click on `selector` (in the page, or in one of its frames), through the X server:
 * the element is scrolled into view, the pointer moved to its middle and button 3 pressed, so the
 * browser opens its own (native) context menu and grants what a real gesture grants (activeTab).
 */
export function rightClickOnScreen(display: string, page: Page, selector: string, frame?: Frame): Promise<void> {
  return clickOnScreen(display, page, selector, frame, 3);
}

/**
 * A user's click on `selector` (button 1 left, 3 right) through the X server, as
 * rightClickOnScreen describes. Puppeteer's own clicks are DevTools input events the X server
 * never sees; Chromium's permission prompt after one did not always show (typed-url-host.test.ts).
 */
export async function clickOnScreen(display: string, page: Page, selector: string, frame?: Frame, button: 1 | 3 = 1): Promise<void> {
  await page.bringToFront();
  const where = frame ?? page.mainFrame();
  const box = await where.$eval(selector, (e) => {
    e.scrollIntoView({ block: 'center', inline: 'center' });
    const r = e.getBoundingClientRect();
    const right = Math.min(r.right, innerWidth);
    const bottom = Math.min(r.bottom, innerHeight);
    return { x: (Math.max(0, r.left) + right) / 2, y: (Math.max(0, r.top) + bottom) / 2 };
  });
  let offset = { x: 0, y: 0 };
  if (frame) {
    const element = await frame.frameElement();
    offset = await element!.evaluate((f) => {
      f.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = f.getBoundingClientRect();
      return { x: r.left + f.clientLeft, y: r.top + f.clientTop };
    });
  }
  const origin = await viewportOnScreen(display, page);
  await clickAt(display, origin.x + offset.x + box.x, origin.y + offset.y + box.y, button);
}

/** Types `text` into whatever has the focus on `display`, key by key as a user does. */
export async function typeText(display: string, text: string): Promise<void> {
  await xdotool(display, 'type', '--delay', '20', text);
}

/**
 * Chooses an item of the native context menu that rightClickOnScreen opened, with the keyboard as
 * a user can: `up` presses of Up from the bottom (the extension's items sit just above Chromium's
 * last item, "Inspect"), then Return. Waits a moment for the menu to show first.
 */
export async function chooseFromMenuBottom(display: string, up: number): Promise<void> {
  await new Promise((r) => setTimeout(r, 500));
  await pressKeys(display, ...Array.from({ length: up }, () => 'Up'), 'Return');
}

/** Moves the pointer to screen point (x, y) on `display` and clicks `button` (1 left, 3 right). */
export async function clickAt(display: string, x: number, y: number, button: 1 | 3 = 1): Promise<void> {
  await xdotool(display, 'mousemove', '--sync', String(Math.round(x)), String(Math.round(y)), 'click', String(button));
}
