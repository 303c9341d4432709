import { execFile, spawn } from 'node:child_process';
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

/** Presses keys in whatever has the focus on `display` (xdotool's names: "shift+Tab", "Return", "Escape"). */
export async function pressKeys(display: string, ...keys: string[]): Promise<void> {
  await promisify(execFile)('xdotool', ['key', ...keys], { env: { ...process.env, DISPLAY: display } });
}

/** Moves the pointer to screen point (x, y) on `display` and clicks `button` (1 left, 3 right). */
export async function clickAt(display: string, x: number, y: number, button: 1 | 3 = 1): Promise<void> {
  await promisify(execFile)('xdotool', ['mousemove', '--sync', String(Math.round(x)), String(Math.round(y)), 'click', String(button)], {
    env: { ...process.env, DISPLAY: display },
  });
}
