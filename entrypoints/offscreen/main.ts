import { browser } from 'wxt/browser';
import { serveOffscreenEngine } from '@/lib/ondevice/offscreen-host';

// Chrome's offscreen document: a DOM-capable page that runs the on-device engine for the worker.
serveOffscreenEngine(browser);
