import { createHash } from 'node:crypto';
import type { AccountRecord } from '../../credentials/account.js';
import { isoTime, readExpiry, readTime } from '../../credentials/account-entry.js';
import { fileNamePart } from '../../credentials/account-files.js';
import { text } from '../../shared/json-values.js';


/**
 * Qwen gives no e-mail or account id: CLIProxyAPI asks the user for an alias and stores it as `email`. Without
 * one, the first 8 hex of sha256(first refresh token) name the account (kept in the file from then on).
 */
export function qwenAlias(refreshToken: string | undefined, accessToken: string): string {
  return createHash('sha256').update(refreshToken ?? accessToken).digest('hex').slice(0, 8);
}

export function qwenRecord(input: { accessToken: string; refreshToken?: string; resourceUrl?: string; email?: string; expiresAt?: number; refreshedAt?: number }): AccountRecord {
  const email = input.email ?? qwenAlias(input.refreshToken, input.accessToken);
  const attributes: Record<string, string> = {};
  if (input.resourceUrl) attributes.resourceUrl = input.resourceUrl;
  return {
    tokens: { accessToken: input.accessToken, refreshToken: input.refreshToken, expiresAt: input.expiresAt, refreshedAt: input.refreshedAt },
    label: email.includes('@') ? email : `Qwen account ${email}`,
    email,
    identity: email,
    attributes,
  };
}

/** `qwen-<email>.json` as CLIProxyAPI writes it: `{type:"qwen", access_token, refresh_token, last_refresh, resource_url, email, expired}`. */
export function parseQwenFile(data: Record<string, unknown>): AccountRecord {
  const accessToken = text(data.access_token);
  if (!accessToken) throw new Error('it has no access_token (log in again with cliproxyctl login --provider qwen)');
  return qwenRecord({
    accessToken,
    refreshToken: text(data.refresh_token),
    resourceUrl: text(data.resource_url),
    email: text(data.email),
    expiresAt: readExpiry(data),
    refreshedAt: readTime(data.last_refresh),
  });
}

export function qwenFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { tokens } = record;
  return {
    ...previous,
    type: 'qwen',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? previous.refresh_token ?? '',
    last_refresh: isoTime(tokens.refreshedAt) ?? previous.last_refresh,
    resource_url: record.attributes.resourceUrl ?? previous.resource_url ?? '',
    email: record.email ?? previous.email ?? '',
    expired: isoTime(tokens.expiresAt) ?? previous.expired,
  };
}

/** `qwen-<email>.json` (CLIProxyAPI's name; the alias stands in for the e-mail). */
export function qwenFileName(record: AccountRecord): string {
  return `qwen-${fileNamePart(record.email ?? record.identity)}.json`;
}
