/** The parts of runtime.MessageSender this check reads. */
export interface SenderInfo {
  id?: string;
  url?: string;
}

/**
 * Privileged messages (credentials, recognize, delete) are only taken from the extension's own
 * pages: a content script's sender.url is the web page's URL, never ours.
 */
export function isExtensionPage(sender: SenderInfo, runtimeId: string, extensionOrigin: string): boolean {
  return sender.id === runtimeId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/**
 * Messages between the worker and the offscreen document come from our own extension contexts
 * only: another extension (sender.id) or a content script (its url is the web page's) is ignored.
 */
export function isOwnContext(sender: SenderInfo | undefined, runtimeId: string, extensionOrigin: string): boolean {
  return sender !== undefined && isExtensionPage(sender, runtimeId, extensionOrigin);
}
