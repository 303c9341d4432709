import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Chromium MV3 is the main target; `npm run build:firefox` must keep building too.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['contextMenus', 'storage', 'clipboardWrite'],
    // The worker fetches invoice images from any site the user right-clicks on, and calls the
    // OCR endpoint the user configures (Huawei Cloud or a local server): both need host access.
    host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_extName__' },
  },
});
