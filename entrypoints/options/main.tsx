import { render } from 'preact';
import { MappingList } from '@/components/MappingList';
import { OptionsForm } from '@/components/OptionsForm';
import { t } from '@/lib/i18n';
import { applyUiLanguage } from '@/lib/ui/language';
import { followToolbarScheme } from '@/lib/ui/toolbar-icon';
import { sendMessage } from '@/lib/messages';
import { requestHostAccess } from '@/lib/platform';
import { browser } from 'wxt/browser';

async function main() {
  await applyUiLanguage(document);
  document.title = t('optionsTitle');
  void sendMessage('resumeJobs', undefined).catch(() => undefined); // wakes a stopped worker's jobs
  const [initial, mappings] = await Promise.all([sendMessage('getSettings', undefined), sendMessage('listMappings', undefined)]);
  render(
    <main class="options-page">
      <h1>{t('optionsTitle')}</h1>
      <OptionsForm initial={initial} onSave={(patch) => sendMessage('saveSettings', patch)} onTest={() => sendMessage('testConnection', undefined)} onRequestAccess={(url) => requestHostAccess(browser, url)} onLanguage={() => location.reload()} />
      <MappingList initial={mappings} onDelete={async (origin, path) => (await sendMessage('deleteMapping', { origin, path })).ok} />
    </main>,
    document.getElementById('app')!,
  );
}

void main();

followToolbarScheme();
