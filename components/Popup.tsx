import { t } from '@/lib/i18n';
import type { CaptureView } from '@/lib/ui/use-captures';
import { CaptureCard, type CaptureActions } from './CaptureCard';
import { CaptureInput } from './CaptureInput';

interface Props extends CaptureActions {
  views: CaptureView[] | null;
  notice: string | null;
  onUrl: (url: string) => void;
  onFiles: (files: File[]) => void;
  onOpenSettings: () => void;
}

export function Popup({ views, notice, onUrl, onFiles, onOpenSettings, ...actions }: Props) {
  return (
    <main class="popup">
      <header>
        <h1>{t('popupTitle')}</h1>
        <button type="button" class="link" onClick={onOpenSettings}>{t('popupSettings')}</button>
      </header>
      <CaptureInput onUrl={onUrl} onFiles={onFiles} />
      {notice && <p class="notice" role="status">{notice}</p>}
      {views && views.length === 0 && <p class="empty">{t('popupEmpty')}</p>}
      <section class="captures">
        {views?.map((view) => <CaptureCard key={view.capture.id} capture={view.capture} thumbnail={view.thumbnail} {...actions} />)}
      </section>
    </main>
  );
}
