/**
 * Whether the API can be given an image's URL instead of its bytes. Only public http(s) images
 * qualify, and only ones the endpoint can reach: Huawei's cloud cannot see this machine or the
 * office network, while a custom endpoint (a local server) can. Web-mail images need the user's
 * session, which the API does not have: that is why the setting is off by default.
 */
const PRIVATE_HOST = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[::1\]|\[f[cd]|169\.254\.)|\.local$|\.internal$/i;

export function urlForApi(imageUrl: string | undefined, endpointMode: 'region' | 'custom'): string | null {
  if (!imageUrl || !URL.canParse(imageUrl)) return null;
  const url = new URL(imageUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (endpointMode === 'region' && PRIVATE_HOST.test(url.hostname)) return null;
  return url.href;
}
