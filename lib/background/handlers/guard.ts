import type { z } from 'zod';
import type { ConnectionReport } from '../../messages';
import type { RecognitionService } from '../../recognize/service';
import type { CaptureStore } from '../../store/captures';
import type { createTabFiller } from '../../autofill/fill-tab';
import { isExtensionPage, type SenderInfo } from '../sender';

export interface HandlerDeps {
  service: RecognitionService;
  store: CaptureStore;
  tabFiller: ReturnType<typeof createTabFiller>;
  /** i18n lookup (browser.i18n.getMessage) for texts shown in the page. */
  message: (key: string) => string;
  testConnection: () => Promise<ConnectionReport>;
  forgetToken: () => Promise<void>;
  runtimeId: string;
  extensionOrigin: string;
  /** Whether the extension may read a URL's host now (lib/platform.ts hasHostAccess). */
  hostAllowed: (url: string) => Promise<boolean>;
}

/** Privileged messages (credentials, recognize, fill, export) are taken from our own pages only. */
export const refused = { ok: false as const, messageKey: 'error_forbidden_sender' };
export const invalid = (error: z.ZodError) => ({ ok: false as const, messageKey: 'error_bad_request', detail: error.issues[0]?.message });

export function trustFor(deps: HandlerDeps): (sender: SenderInfo) => boolean {
  return (sender) => isExtensionPage(sender, deps.runtimeId, deps.extensionOrigin);
}
