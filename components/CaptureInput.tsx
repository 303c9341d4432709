import { useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

interface Props {
  /**
   * Called straight from the submit (a user gesture: the popup asks for the URL's host in it).
   * Resolves whether the URL was taken; a refused one stays in the box to be corrected (trial 5:
   * a pasted link refused left the box empty, the input lost).
   */
  onUrl: (url: string) => Promise<boolean>;
  onFiles: (files: File[]) => void;
}

/** Typed or pasted image URL, and picked image files. */
export function CaptureInput({ onUrl, onFiles }: Props) {
  const [url, setUrl] = useState('');
  // The URL being taken (its host asked for, its capture queued): a second press meanwhile is the
  // same request, not a second invoice (a new user's double-click made two captures of one image).
  const pending = useRef<string | null>(null);
  return (
    <form
      class="capture-input"
      onSubmit={(e) => {
        e.preventDefault();
        const submitted = url.trim();
        if (!submitted || pending.current === submitted) return;
        pending.current = submitted;
        void onUrl(submitted)
          .then((taken) => {
            // Emptied only when taken, and only if nothing else was typed meanwhile.
            if (taken) setUrl((now) => (now.trim() === submitted ? '' : now));
          })
          .finally(() => {
            if (pending.current === submitted) pending.current = null;
          });
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
