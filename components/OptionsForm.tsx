import { useState } from 'preact/hooks';
import { checkCustomEndpoint, DEFAULT_REGION, OCR_REGIONS } from '@/lib/huawei/endpoint';
import { huaweiFormProblem } from '@/lib/ui/huawei-ready';
import { t, tDynamic } from '@/lib/i18n';
import type { ConnectionReport, Reply, SettingsPatch } from '@/lib/messages';
import type { ProviderId } from '@/lib/store/capture-schema';
import { clockSkewText } from './ClockNotice';
import type { PublicSettings } from '@/lib/store/settings';

interface Props {
  initial: PublicSettings & { effectiveProvider: ProviderId };
  onSave: (patch: SettingsPatch) => Promise<Reply>;
  onTest: () => Promise<ConnectionReport>;
  /**
   * Asks the browser for access to a custom endpoint's host (its own prompt, none once granted);
   * resolves whether it is granted. Called first thing in a click: it needs the user's gesture.
   */
  onRequestAccess: (url: string) => Promise<boolean>;
  /** The language was changed and saved: the page shows itself again in it. */
  onLanguage: () => void;
}

type Form = Required<SettingsPatch>;
type TextKey = { [K in keyof Form]: Form[K] extends string ? K : never }[keyof Form];

function TextField(props: { id: TextKey; label: string; form: Form; set: (f: Partial<Form>) => void; type?: string; placeholder?: string; hint?: string }) {
  return (
    <div class="row">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        autoComplete={props.type === 'password' ? 'new-password' : 'off'}
        spellcheck={false}
        placeholder={props.placeholder}
        value={props.form[props.id]}
        onInput={(e) => props.set({ [props.id]: e.currentTarget.value })}
      />
      {props.hint && <small>{props.hint}</small>}
    </div>
  );
}

function verdict(reply: ConnectionReport): string {
  const head = tDynamic(reply.messageKey);
  const tail = [reply.code, reply.detail && t('serverSaid', reply.detail)].filter(Boolean).join(' ');
  const clock = reply.clockOffsetMs ? ` ${clockSkewText(reply.clockOffsetMs)}` : '';
  return (tail ? `${head} (${tail})` : head) + clock;
}

/** The engine, then Huawei Cloud's settings; rarely needed ones folded away. Secrets are write-only: the page never receives stored values. */
/**
 * The host of a custom endpoint, when the form would use one that is well formed (a malformed one
 * is refused by the background with its own words, before any prompt).
 */
function customHost(form: Form): string | undefined {
  if (form.endpointMode !== 'custom' || checkCustomEndpoint(form.customEndpoint) !== null) return undefined;
  return new URL(form.customEndpoint.trim()).host;
}

export function OptionsForm({ initial, onSave, onTest, onRequestAccess, onLanguage }: Props) {
  const { skSet, iamPasswordSet, effectiveProvider, ...stored } = initial;
  const [form, setForm] = useState<Form>({ ...stored, sk: '', iamPassword: '' });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The engine as last saved (the page may have saved since it loaded): Test connection holds a
  // Huawei choice back only when Huawei is not already the saved engine.
  const [savedProvider, setSavedProvider] = useState(stored.provider);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const save = async (): Promise<boolean> => {
    const problem = form.provider === 'huawei' ? huaweiFormProblem(form, { skSet, iamPasswordSet }) : null;
    if (problem) {
      // Huawei Cloud as the engine without its keys would fail every capture: nothing is saved.
      setStatus({ ok: false, text: problem });
      return false;
    }
    // A custom endpoint is an optional host (issue 11): asked for here, at Save. Refused, nothing
    // is saved (as with missing keys): a saved endpoint the browser may not reach would fail every
    // capture; the form keeps what was typed, and Save asks again.
    const host = customHost(form);
    if (host && !(await onRequestAccess(form.customEndpoint))) {
      setStatus({ ok: false, text: t('optionsEndpointRefused', host) });
      return false;
    }
    const reply = await onSave(form);
    if (reply.ok) setSavedProvider(form.provider);
    setStatus({ ok: reply.ok, text: reply.ok ? t('optionsSaved') : verdict(reply) });
    return reply.ok;
  };
  return (
    <form
      class="options"
      onSubmit={async (e) => {
        e.preventDefault();
        await save();
      }}
    >
      <fieldset class="engine">
        <legend>{t('optionsProvider')}</legend>
        {(['ondevice', 'huawei'] as const).map((provider) => (
          <label class="choice" key={provider}>
            <input
              type="radio"
              name="provider"
              value={provider}
              checked={(form.provider === 'auto' ? effectiveProvider : form.provider) === provider}
              onChange={() => set({ provider })}
              // The one selected for you (provider 'auto') is chosen by clicking it too, which fires no change (helper-78).
              onClick={() => set({ provider })}
            />
            {t(provider === 'ondevice' ? 'optionsProviderOndevice' : 'optionsProviderHuawei')}
          </label>
        ))}
        {form.provider === 'auto' && <small>{t('optionsProviderAuto')}</small>}
      </fieldset>
      <div class="row language">
        <label for="uiLanguage">{t('optionsLanguage')}</label>
        <select
          id="uiLanguage"
          name="uiLanguage"
          value={form.uiLanguage}
          onChange={async (e) => {
            const uiLanguage = e.currentTarget.value as Form['uiLanguage'];
            set({ uiLanguage });
            // Applies at once: the language is saved alone, and every page reads it when it opens.
            if ((await onSave({ uiLanguage })).ok) onLanguage();
          }}
        >
          <option value="auto">{t('optionsLanguageAuto')}</option>
          <option value="zh_CN" lang="zh-CN">中文（简体）</option>
          <option value="en" lang="en">English</option>
        </select>
      </div>
      <h2>{t('optionsHuaweiSection')}</h2>
      <fieldset>
        <legend>{t('optionsAuth')}</legend>
        {(['aksk', 'iam'] as const).map((mode) => (
          <label class="choice" key={mode}>
            <input type="radio" name="authMode" value={mode} checked={form.authMode === mode} onChange={() => set({ authMode: mode })} />
            {t(mode === 'aksk' ? 'optionsAuthAksk' : 'optionsAuthIam')}
          </label>
        ))}
        {form.authMode === 'aksk' ? (
          <>
            <TextField id="ak" label={t('optionsAk')} form={form} set={set} />
            <TextField id="sk" label={t('optionsSk')} form={form} set={set} type="password" placeholder={skSet ? t('optionsSecretSaved') : ''} />
          </>
        ) : (
          <>
            <TextField id="iamUser" label={t('optionsIamUser')} form={form} set={set} />
            <TextField id="iamPassword" label={t('optionsIamPassword')} form={form} set={set} type="password" placeholder={iamPasswordSet ? t('optionsSecretSaved') : ''} />
            <TextField id="iamDomain" label={t('optionsIamDomain')} form={form} set={set} />
          </>
        )}
        <small>{t('optionsSecretNote')}</small>
      </fieldset>
      <fieldset>
        <legend>{t('optionsEndpoint')}</legend>
        {/* Only cn-north-4 lists the quota-invoice API: it is the default, the rest is folded away. */}
        <p class="endpoint-now">{form.endpointMode === 'region' ? t('optionsRegionNow', form.region === DEFAULT_REGION ? t('optionsRegionDefault', form.region) : form.region) : t('optionsCustomNow', form.customEndpoint || '—')}</p>
        <details class="endpoint-more" open={form.endpointMode === 'custom' || form.region !== DEFAULT_REGION}>
          <summary>{t('optionsEndpointMore')}</summary>
          {(['region', 'custom'] as const).map((mode) => (
            <label class="choice" key={mode}>
              <input type="radio" name="endpointMode" value={mode} checked={form.endpointMode === mode} onChange={() => set({ endpointMode: mode })} />
              {t(mode === 'region' ? 'optionsEndpointRegion' : 'optionsEndpointCustom')}
            </label>
          ))}
          {form.endpointMode === 'region' ? (
            <div class="row">
              <label for="region">{t('optionsRegion')}</label>
              <select id="region" name="region" value={form.region} onChange={(e) => set({ region: e.currentTarget.value })}>
                {OCR_REGIONS.map((r) => <option key={r} value={r}>{r === DEFAULT_REGION ? t('optionsRegionDefault', r) : r}</option>)}
              </select>
              <small>{t('optionsRegionHint')}</small>
            </div>
          ) : (
            <TextField id="customEndpoint" label={t('optionsCustomEndpoint')} form={form} set={set} placeholder="http://127.0.0.1:8787" hint={t('optionsCustomHint')} />
          )}
        </details>
      </fieldset>
      <fieldset>
        <legend>{t('optionsImages')}</legend>
        <label class="choice">
          <input type="checkbox" name="sendImageUrl" checked={form.sendImageUrl} onChange={(e) => set({ sendImageUrl: e.currentTarget.checked })} />
          {t('optionsSendImageUrl')}
        </label>
        <small>{t('optionsSendImageUrlHint')}</small>
      </fieldset>
      <details class="advanced">
        <summary>{t('optionsAdvanced')}</summary>
        <TextField id="projectId" label={t('optionsProjectId')} form={form} set={set} hint={t('optionsProjectHint')} />
        <div class="row">
          <label for="concurrency">{t('optionsConcurrency')}</label>
          <input
            id="concurrency"
            name="concurrency"
            type="number"
            min={1}
            max={8}
            step={1}
            value={form.concurrency}
            onInput={(e) => {
              const n = e.currentTarget.valueAsNumber;
              if (Number.isInteger(n)) set({ concurrency: Math.min(8, Math.max(1, n)) });
            }}
          />
          <small>{t('optionsConcurrencyHint')}</small>
        </div>
      </details>
      <div class="actions">
        <button type="submit" disabled={busy}>{t('optionsSave')}</button>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            // Huawei chosen without what it needs: say what is missing, save nothing. The on-device
            // engine chosen and no keys: nothing to test (a new user was told "Not saved: Huawei
            // Cloud needs AK, SK… or choose 'On this device'" with that engine chosen).
            const problem = huaweiFormProblem(form, { skSet, iamPasswordSet });
            if (problem) {
              setStatus(form.provider === 'huawei' ? { ok: false, text: problem } : { ok: true, text: t('optionsTestOnDevice') });
              return;
            }
            // The test saves the endpoint first and then calls it: the same request as Save's.
            const host = customHost(form);
            if (host && !(await onRequestAccess(form.customEndpoint))) {
              setStatus({ ok: false, text: t('optionsEndpointRefusedTest', host) });
              return;
            }
            setBusy(true);
            setStatus({ ok: true, text: t('optionsTesting') });
            try {
              // Everything but the engine first (the test reads saved settings); Huawei Cloud
              // becomes the engine only once the test passed, so a broken choice is never saved.
              const holdBack = form.provider === 'huawei' && savedProvider !== 'huawei';
              const saved = await onSave(holdBack ? { ...form, provider: savedProvider } : form);
              if (!saved.ok) return setStatus({ ok: false, text: verdict(saved) });
              if (!holdBack) setSavedProvider(form.provider);
              const report = await onTest();
              if (report.ok && holdBack && (await onSave({ provider: 'huawei' })).ok) setSavedProvider('huawei');
              setStatus({ ok: report.ok, text: report.ok ? verdict(report) : `${verdict(report)} ${holdBack ? t('optionsEngineKept') : ''}`.trim() });
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('optionsTest')}
        </button>
      </div>
      {status && <p class={status.ok ? 'status ok' : 'status failed'} role="status">{status.text}</p>}
    </form>
  );
}
