import type { AccountRecord } from '../../credentials/account.js';
import { isoTime, readExpiry, readTime } from '../../credentials/account-entry.js';
import { fileNamePart } from '../../credentials/account-files.js';
import { text } from '../../shared/json-values.js';

const number = (value: unknown): number | undefined => {
  const parsed = typeof value === 'string' && value.trim() ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
};

/**
 * `antigravity-<email>.json` as CLIProxyAPI writes it (inventory §2.5): `{type: "antigravity", access_token,
 * refresh_token, expires_in, timestamp (ms), expired (RFC 3339), email, project_id}`; an optional `user_agent`
 * overrides the User-Agent, and `base_url` the hosts.
 */
export function parseAntigravityFile(data: Record<string, unknown>): AccountRecord {
  const accessToken = text(data.access_token);
  if (!accessToken) throw new Error('it has no access_token (log in again to recreate it)');
  const email = text(data.email);
  const timestamp = readTime(data.timestamp);
  const expiresIn = number(data.expires_in);
  const project = text(data.project_id);
  const attributes: Record<string, string> = {};
  if (text(data.user_agent)) attributes.userAgent = text(data.user_agent)!;
  return {
    tokens: {
      accessToken,
      refreshToken: text(data.refresh_token),
      expiresAt: readExpiry(data) ?? (timestamp !== undefined && expiresIn !== undefined ? timestamp + expiresIn * 1000 : undefined),
      refreshedAt: timestamp,
    },
    label: email ?? 'Antigravity account',
    email,
    identity: email ?? accessToken.slice(-16),
    projects: project ? [project] : [],
    attributes,
  };
}

export function antigravityFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { tokens } = record;
  const expiresIn = tokens.expiresAt !== undefined && tokens.refreshedAt !== undefined ? Math.round((tokens.expiresAt - tokens.refreshedAt) / 1000) : previous.expires_in;
  return {
    ...previous,
    type: 'antigravity',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? previous.refresh_token ?? '',
    expires_in: expiresIn,
    timestamp: tokens.refreshedAt ?? previous.timestamp,
    expired: isoTime(tokens.expiresAt) ?? previous.expired,
    email: record.email ?? previous.email ?? '',
    project_id: record.projects?.[0] ?? previous.project_id ?? '',
  };
}

export function antigravityFileName(record: AccountRecord): string {
  return record.email ? `antigravity-${fileNamePart(record.email)}.json` : 'antigravity.json';
}
