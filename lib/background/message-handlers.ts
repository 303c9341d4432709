import { registerAutofillHandlers } from './handlers/autofill-handlers';
import { registerCaptureHandlers } from './handlers/capture-handlers';
import type { HandlerDeps } from './handlers/guard';
import { registerSettingsHandlers } from './handlers/settings-handlers';

export type { HandlerDeps } from './handlers/guard';

/** The worker's side of lib/messages.ts, one file per room. */
export function registerMessageHandlers(deps: HandlerDeps): void {
  registerCaptureHandlers(deps);
  registerSettingsHandlers(deps);
  registerAutofillHandlers(deps);
}
