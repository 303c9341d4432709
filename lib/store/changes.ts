/**
 * "Captures changed" signal from the worker to open extension pages. BroadcastChannel reaches
 * every same-origin context (service worker, popup, options) and needs no listener to exist,
 * unlike runtime.sendMessage, which rejects when no page is open.
 */
const CHANNEL = 'captures-changed';

export function notifyCapturesChanged(id: string): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(id);
  channel.close();
}

export function onCapturesChanged(callback: (id: string) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => callback(String(event.data));
  return () => channel.close();
}
