/**
 * English words in texts a Chinese UI shows, outside URLs, file names, codes and a few acronyms a
 * Chinese clerk reads as they are. Shared by the Chinese-UI checks of the pages and the in-page card.
 */

/** Words a Chinese clerk reads as they are (acronyms, the language's own name in the picker). */
// 'Token' as Huawei Cloud's Chinese console and docs write it (获取IAM用户Token).
export const ALLOWED = new Set(['AK', 'SK', 'IAM', 'Token', 'ID', 'URL', 'ZIP', 'CSV', 'JSON', 'XLSX', 'PDF', 'OCR', 'API', 'HTTPS', 'HTTP', 'Excel', 'WPS', 'English', 'Language', 'Ctrl', 'Cmd', 'Alt', 'Shift', 'Tab']);

export function englishWordsIn(texts: string[]): string[] {
  return texts
    .map((t) => t.replace(/https?:\/\/\S+|chrome-extension:\/\/\S+|data:\S+|\S+\.(png|jpe?g|pdf|zip|csv|json|xlsx|txt)\b|\b[A-Za-z]+\.[0-9A-Z_.]+\b|\$\d/g, ' '))
    .flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? [])
    .filter((w) => !ALLOWED.has(w));
}
