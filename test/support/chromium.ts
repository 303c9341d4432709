import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags every launch needs here: no sandbox (root), no GPU, and nothing that phones home (the
 * machine has no network; without these Chromium floods it with refused connections).
 */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [...CHROME_ARGS, ...(options.args ?? [])],
  });
}
