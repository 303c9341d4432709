import { t } from '../i18n';
import type { CardWords } from './schema';

/**
 * The card's fixed words in the UI language the worker speaks now (the Settings choice, else the
 * browser's): the script in the page gets them from here, never from a default of its own.
 */
export function cardWords(): CardWords {
  return {
    title: t('cardTitle'),
    close: t('cardClose'),
    copy: t('copy'),
    copyField: t('copyField', '$1'),
    copyAll: t('copyAll'),
    copied: t('copied'),
    copiedAll: t('cardCopiedAll'),
    copyFailed: t('cardCopyFailed'),
    fill: t('cardFill'),
    undo: t('undo'),
    missing: t('fieldMissing'),
    openSettings: t('cardOpenSettings'),
    expand: t('cardExpand'),
  };
}
