/** Debian's Chromium is used; puppeteer must never download its own browser (no internet here). */
module.exports = { skipDownload: true, executablePath: '/usr/bin/chromium' };
