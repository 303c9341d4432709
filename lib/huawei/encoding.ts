/**
 * Percent-encoding exactly as Huawei's SDK-HMAC-SHA256 signers do it: RFC 3986 unreserved
 * characters (A-Z a-z 0-9 - . _ ~) stay, every other UTF-8 byte becomes %XX (upper-case hex).
 * encodeURIComponent alone leaves ! ' ( ) * unescaped, which the signers escape.
 */
export function huaweiEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray '%' is taken literally, as the server sees it
  }
}

/** Canonical URI: each path segment encoded, plus a trailing '/' (for signing only). */
export function canonicalUri(pathname: string): string {
  const encoded = pathname
    .split('/')
    .map((segment) => huaweiEncode(decodeSafely(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Canonical query: keys sorted, a repeated key's values sorted, each part encoded. */
export function canonicalQuery(search: string): string {
  const params = new URLSearchParams(search);
  const keys = [...new Set(params.keys())].sort();
  return keys
    .flatMap((key) =>
      params
        .getAll(key)
        .sort()
        .map((value) => `${huaweiEncode(key)}=${huaweiEncode(value)}`),
    )
    .join('&');
}
