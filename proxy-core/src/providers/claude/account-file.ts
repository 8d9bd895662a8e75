import type { AccountRecord } from '../../credentials/account.js';
import { isoTime, readExpiry, readTime } from '../../credentials/account-entry.js';
import { fileNamePart } from '../../credentials/account-files.js';
import { text } from '../../shared/json-values.js';


/**
 * `claude-<email>.json` as CLIProxyAPI writes it: `{type: "claude", access_token, refresh_token, id_token,
 * last_refresh, email, account_uuid, organization_uuid, organization_name, expired}`.
 */
export function parseClaudeFile(data: Record<string, unknown>): AccountRecord {
  const accessToken = text(data.access_token);
  if (!accessToken) throw new Error('it has no access_token (log in again to recreate it)');
  const email = text(data.email);
  const accountUuid = text(data.account_uuid);
  const attributes: Record<string, string> = {};
  for (const [key, name] of [['account_uuid', 'accountUuid'], ['organization_uuid', 'organizationUuid'], ['organization_name', 'organizationName']] as const) {
    const value = text(data[key]);
    if (value) attributes[name] = value;
  }
  const deviceIds = Array.isArray(data.claude_device_ids) ? data.claude_device_ids.filter((item): item is string => typeof item === 'string') : [];
  if (deviceIds[0]) attributes.deviceId = deviceIds[0];
  return {
    tokens: {
      accessToken,
      refreshToken: text(data.refresh_token),
      idToken: text(data.id_token),
      expiresAt: readExpiry(data),
      refreshedAt: readTime(data.last_refresh),
    },
    label: email ?? attributes.organizationName ?? 'Claude account',
    email,
    identity: accountUuid ?? email ?? accessToken.slice(-16),
    plan: text(data.subscription_type) ?? text(data.plan_type),
    attributes,
  };
}

export function claudeFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { tokens, attributes } = record;
  return {
    ...previous,
    type: 'claude',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? previous.refresh_token ?? '',
    ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
    last_refresh: isoTime(tokens.refreshedAt) ?? previous.last_refresh,
    email: record.email ?? previous.email ?? '',
    account_uuid: attributes.accountUuid ?? previous.account_uuid ?? '',
    organization_uuid: attributes.organizationUuid ?? previous.organization_uuid ?? '',
    organization_name: attributes.organizationName ?? previous.organization_name ?? '',
    ...(record.plan ? { subscription_type: record.plan } : {}),
    expired: isoTime(tokens.expiresAt) ?? previous.expired,
  };
}

export function claudeFileName(record: AccountRecord): string {
  return `claude-${fileNamePart(record.email ?? record.attributes.accountUuid ?? record.identity)}.json`;
}
