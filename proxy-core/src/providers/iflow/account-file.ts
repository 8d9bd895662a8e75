import type { AccountRecord } from '../../credentials/account.js';
import { isoTime, readExpiry, readTime } from '../../credentials/account-entry.js';
import { fileNamePart } from '../../credentials/account-files.js';
import { text } from '../../shared/json-values.js';


/** The iFlow API key (and a cookie-mode session cookie) live in `attributes` (never shown; only this provider reads them). */
export function iflowRecord(input: { accessToken: string; refreshToken?: string; apiKey: string; email: string; tokenType?: string; scope?: string; createdAt?: number; expiresAt?: number; refreshedAt?: number }): AccountRecord {
  const attributes: Record<string, string> = { apiKey: input.apiKey };
  if (input.tokenType) attributes.tokenType = input.tokenType;
  if (input.scope) attributes.scope = input.scope;
  if (input.createdAt) attributes.createdAt = String(input.createdAt);
  return {
    tokens: { accessToken: input.accessToken, refreshToken: input.refreshToken, expiresAt: input.expiresAt, refreshedAt: input.refreshedAt },
    label: input.email,
    email: input.email,
    identity: input.email,
    attributes,
  };
}

/** `iflow-<email>-<unix>.json`: `{type:"iflow", access_token, refresh_token, last_refresh, expired, api_key, email, token_type, scope, cookie}`. */
export function parseIflowFile(data: Record<string, unknown>): AccountRecord {
  const apiKey = text(data.api_key);
  if (!apiKey) throw new Error('it has no api_key (log in again with cliproxyctl login --provider iflow)');
  const record = iflowRecord({
    accessToken: text(data.access_token) ?? '',
    refreshToken: text(data.refresh_token),
    apiKey,
    email: text(data.email) ?? 'iFlow account',
    tokenType: text(data.token_type),
    scope: text(data.scope),
    expiresAt: readExpiry(data),
    refreshedAt: readTime(data.last_refresh),
  });
  // Cookie-mode accounts (no refresh token) renew their key with the platform.iflow.cn session cookie.
  const cookie = text(data.cookie);
  if (cookie) record.attributes.cookie = cookie;
  return record;
}

export function iflowFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { tokens, attributes } = record;
  return {
    ...previous,
    type: 'iflow',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? previous.refresh_token ?? '',
    last_refresh: isoTime(tokens.refreshedAt) ?? previous.last_refresh,
    expired: isoTime(tokens.expiresAt) ?? previous.expired,
    api_key: attributes.apiKey,
    email: record.email ?? previous.email ?? '',
    token_type: attributes.tokenType ?? previous.token_type ?? '',
    scope: attributes.scope ?? previous.scope ?? '',
    cookie: attributes.cookie ?? previous.cookie ?? '',
  };
}

/** `iflow-<email>-<unix seconds>.json` (the login time, kept from the record). */
export function iflowFileName(record: AccountRecord): string {
  const created = Number(record.attributes.createdAt) || Math.floor((record.tokens.refreshedAt ?? 0) / 1000);
  return `iflow-${fileNamePart(record.email ?? record.identity)}-${created}.json`;
}
