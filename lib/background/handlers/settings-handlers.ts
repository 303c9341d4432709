import { checkCustomEndpoint } from '../../huawei/endpoint';
import { onMessage, SettingsPatchSchema, type Reply } from '../../messages';
import { resolveProvider } from '../../recognize/provider-choice';
import { publicSettings, readSettings, writeSettings } from '../../store/settings';
import { invalid, refused, trustFor, type HandlerDeps } from './guard';

/** Settings (secrets never leave the worker) and Test connection. */
export function registerSettingsHandlers(deps: HandlerDeps): void {
  const trusted = trustFor(deps);

  onMessage('getSettings', async ({ sender }) => {
    if (!trusted(sender)) throw new Error('refused: not an extension page');
    const all = await readSettings();
    return { ...publicSettings(all), effectiveProvider: resolveProvider(all) };
  });

  onMessage('saveSettings', async ({ data, sender }): Promise<Reply> => {
    if (!trusted(sender)) return refused;
    const parsed = SettingsPatchSchema.safeParse(data);
    if (!parsed.success) return invalid(parsed.error);
    const patch = parsed.data;
    if (patch.endpointMode === 'custom') {
      const problem = checkCustomEndpoint(patch.customEndpoint ?? '');
      if (problem) return { ok: false, messageKey: `error_${problem}` };
    }
    try {
      await writeSettings(patch);
    } catch (error) {
      return { ok: false, messageKey: 'error_bad_request', detail: error instanceof Error ? error.message : undefined };
    }
    await deps.forgetToken(); // a token belongs to the old credentials
    // Captures waiting for new credentials (or for the other engine) try again.
    void deps.service.resumePending({ credentials: true });
    return { ok: true };
  });

  onMessage('testConnection', async ({ sender }) => {
    if (!trusted(sender)) return { ok: false, messageKey: refused.messageKey };
    return deps.testConnection();
  });
}
