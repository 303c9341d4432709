import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { FieldMappingRecord } from '@/lib/store/field-mappings';

interface Props {
  initial: FieldMappingRecord[];
  onDelete: (origin: string, path: string) => Promise<boolean>;
}

/** The forms the user taught (origin + path), each with a Delete button. */
export function MappingList({ initial, onDelete }: Props) {
  const [mappings, setMappings] = useState(initial);
  return (
    <section class="mappings">
      <h2>{t('optionsMappings')}</h2>
      {mappings.length === 0 ? (
        <p><small>{t('optionsMappingsEmpty')}</small></p>
      ) : (
        <ul>
          {mappings.map((m) => (
            <li key={`${m.origin}${m.path}`} data-mapping={`${m.origin}${m.path}`}>
              <span>{m.origin}{m.path} · {Object.keys(m.fields).join(', ')}</span>
              <button
                type="button"
                onClick={async () => {
                  if (await onDelete(m.origin, m.path)) setMappings((all) => all.filter((x) => x !== m));
                }}
              >
                {t('optionsMappingDelete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
