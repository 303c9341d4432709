import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

interface Props {
  onUrl: (url: string) => void;
  onFiles: (files: File[]) => void;
}

/** Typed or pasted image URL, and picked image files. */
export function CaptureInput({ onUrl, onFiles }: Props) {
  const [url, setUrl] = useState('');
  return (
    <form
      class="capture-input"
      onSubmit={(e) => {
        e.preventDefault();
        if (url.trim()) onUrl(url.trim());
        setUrl('');
      }}
    >
      <label class="sr-only" for="image-url">{t('popupUrlLabel')}</label>
      <input
        id="image-url"
        type="text"
        inputMode="url"
        placeholder={t('popupUrlPlaceholder')}
        value={url}
        onInput={(e) => setUrl(e.currentTarget.value)}
      />
      <button type="submit">{t('popupRecognize')}</button>
      <label class="file-pick">
        {t('popupPickFiles')}
        <input
          type="file"
          accept="image/*,application/pdf,.pdf"
          multiple
          onChange={(e) => {
            onFiles(Array.from(e.currentTarget.files ?? []));
            e.currentTarget.value = '';
          }}
        />
      </label>
    </form>
  );
}
