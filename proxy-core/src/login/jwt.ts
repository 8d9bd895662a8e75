/**
 * The claims of a JWT (e.g. OpenAI's `id_token`), without verifying the signature: the token came
 * straight from the vendor's token endpoint over TLS, and we only read facts the vendor states about the
 * account (e-mail, account id, plan). Undefined when it is not a readable JWT.
 */
export function decodeJwtClaims(token: string | undefined): Record<string, unknown> | undefined {
  if (!token) return undefined;
  const parts = token.split('.');
  if (parts.length < 2) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
