import { t } from '@/lib/i18n';
import type { PhotoPart as Part } from '@/lib/store/capture-schema';

/**
 * "2 of 5 · from one photo": an invoice cut out of a photo of several. `data-photo-*` let tools and
 * tests tell the invoices of one photo and their reading order (index 1 = first).
 */
export function PhotoPart({ part }: { part: Part | undefined }) {
  if (!part) return null;
  return (
    <span class="photo-part" data-photo-id={part.id} data-photo-index={part.index + 1} data-photo-count={part.count}>
      {t('photoPart', [String(part.index + 1), String(part.count)])}
    </span>
  );
}
