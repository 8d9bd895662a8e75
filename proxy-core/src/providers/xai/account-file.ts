import type { AccountRecord } from '../../credentials/account.js';
import { isoTime, readExpiry, readTime } from '../../credentials/account-entry.js';
import { decodeJwtClaims } from '../../login/jwt.js';
import { text } from '../../shared/json-values.js';

const segment = (value: string | undefined): string => (value ?? '').replace(/[^A-Za-z0-9@._-]/g, '_');

/** An xAI account named by the id token's email (else its `sub`), as CLIProxyAPI's `xai-<email|sub>.json`. */
export function xaiRecord(input: { accessToken: string; refreshToken?: string; idToken?: string; tokenType?: string; email?: string; subject?: string; tokenEndpoint?: string; expiresAt?: number; refreshedAt?: number }): AccountRecord {
  const claims = decodeJwtClaims(input.idToken) ?? {};
  const email = input.email ?? text(claims.email);
  const subject = input.subject ?? text(claims.sub);
  const attributes: Record<string, string> = {};
  if (email) attributes.email = email;
  if (subject) attributes.subject = subject;
  if (input.idToken) attributes.idToken = input.idToken;
  if (input.tokenType) attributes.tokenType = input.tokenType;
  if (input.tokenEndpoint) attributes.tokenEndpoint = input.tokenEndpoint;
  return {
    tokens: { accessToken: input.accessToken, refreshToken: input.refreshToken, expiresAt: input.expiresAt, refreshedAt: input.refreshedAt },
    label: email ?? subject ?? 'xAI account',
    identity: `xai-${email ?? subject ?? 'account'}`,
    email,
    attributes,
  };
}

/** `xai-<email>.json`: `{type:"xai", access_token, refresh_token, id_token, token_type, expired, last_refresh, email, sub, base_url, token_endpoint, auth_kind}`. */
export function parseXaiFile(data: Record<string, unknown>): AccountRecord {
  const accessToken = text(data.access_token);
  if (!accessToken) throw new Error('it has no access_token (log in again with cliproxyctl login --provider xai)');
  return xaiRecord({
    accessToken,
    refreshToken: text(data.refresh_token),
    idToken: text(data.id_token),
    tokenType: text(data.token_type),
    email: text(data.email),
    subject: text(data.sub),
    tokenEndpoint: text(data.token_endpoint),
    expiresAt: readExpiry(data),
    refreshedAt: readTime(data.last_refresh),
  });
}

export function xaiFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { tokens, attributes } = record;
  const expiresIn = tokens.expiresAt && tokens.refreshedAt ? Math.round((tokens.expiresAt - tokens.refreshedAt) / 1000) : undefined;
  return {
    ...previous,
    type: 'xai',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? previous.refresh_token ?? '',
    id_token: attributes.idToken ?? previous.id_token ?? '',
    token_type: attributes.tokenType ?? previous.token_type ?? 'Bearer',
    expires_in: expiresIn ?? previous.expires_in,
    expired: isoTime(tokens.expiresAt) ?? previous.expired,
    last_refresh: isoTime(tokens.refreshedAt) ?? previous.last_refresh,
    email: attributes.email ?? previous.email ?? '',
    sub: attributes.subject ?? previous.sub ?? '',
    base_url: previous.base_url ?? 'https://api.x.ai/v1',
    token_endpoint: attributes.tokenEndpoint ?? previous.token_endpoint ?? '',
    auth_kind: 'oauth',
  };
}

export const xaiFileName = (record: AccountRecord): string => `xai-${segment(record.attributes.email) || segment(record.attributes.subject) || Date.now()}.json`;
