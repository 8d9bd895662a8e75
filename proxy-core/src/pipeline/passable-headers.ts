/**
 * Upstream response headers never passed on: hop-by-hop ones, those describing the bytes we re-encode or re-frame,
 * cookies, and anything that looks like a credential.
 */
const NOT_PASSED = /^(connection|keep-alive|proxy-.*|transfer-encoding|te|trailer|upgrade|content-length|content-encoding|content-type|set-cookie|date|authorization|.*api-key.*|.*token.*)$/i;

export function passableHeaders(upstream: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(upstream)) if (!NOT_PASSED.test(name)) headers[name] = value;
  return headers;
}
