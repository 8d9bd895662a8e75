import type { AccountRecord } from '../../credentials/account.js';
import { isoTime, readExpiry, readTime } from '../../credentials/account-entry.js';
import { text } from '../../shared/json-values.js';


/**
 * Kimi tells nothing about the account: the login time (`timestamp`, ms) names it, as in CLIProxyAPI's
 * `kimi-<unix_ms>.json`.
 */
export function kimiRecord(input: { accessToken: string; refreshToken?: string; tokenType?: string; scope?: string; timestamp: number; deviceId?: string; expiresAt?: number; refreshedAt?: number }): AccountRecord {
  const attributes: Record<string, string> = { timestamp: String(input.timestamp) };
  if (input.deviceId) attributes.deviceId = input.deviceId;
  if (input.tokenType) attributes.tokenType = input.tokenType;
  if (input.scope) attributes.scope = input.scope;
  return {
    tokens: { accessToken: input.accessToken, refreshToken: input.refreshToken, expiresAt: input.expiresAt, refreshedAt: input.refreshedAt },
    label: `Kimi account ${new Date(input.timestamp).toISOString().slice(0, 16).replace('T', ' ')}`,
    identity: `kimi-${input.timestamp}`,
    attributes,
  };
}

/** `kimi-<unix_ms>.json`: `{type:"kimi", access_token, refresh_token, token_type, scope, timestamp, expired, device_id}`. */
export function parseKimiFile(data: Record<string, unknown>): AccountRecord {
  const accessToken = text(data.access_token);
  if (!accessToken) throw new Error('it has no access_token (log in again with cliproxyctl login --provider kimi)');
  return kimiRecord({
    accessToken,
    refreshToken: text(data.refresh_token),
    tokenType: text(data.token_type),
    scope: text(data.scope),
    timestamp: readTime(data.timestamp) ?? 0,
    deviceId: text(data.device_id),
    expiresAt: readExpiry(data),
    refreshedAt: readTime(data.last_refresh),
  });
}

export function kimiFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { tokens, attributes } = record;
  return {
    ...previous,
    type: 'kimi',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? previous.refresh_token ?? '',
    token_type: attributes.tokenType ?? previous.token_type ?? 'Bearer',
    scope: attributes.scope ?? previous.scope ?? '',
    timestamp: Number(attributes.timestamp) || previous.timestamp,
    expired: isoTime(tokens.expiresAt) ?? previous.expired,
    last_refresh: isoTime(tokens.refreshedAt) ?? previous.last_refresh,
    device_id: attributes.deviceId ?? previous.device_id ?? '',
  };
}

export const kimiFileName = (record: AccountRecord): string => `kimi-${Number(record.attributes.timestamp) || 0}.json`;
