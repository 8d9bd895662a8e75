import type { AccountRecord } from '../../credentials/account.js';
import { readTime } from '../../credentials/account-entry.js';
import { fileNamePart } from '../../credentials/account-files.js';
import { text } from '../../shared/json-values.js';


/**
 * A Copilot account: the GitHub token is the long-lived secret (kept as the refresh token, since it is what mints
 * new access tokens); the access token is the short-lived Copilot token, kept in the file beside it (`copilot_token`). `expiresAt` 0
 * until the first exchange, so the first request mints one.
 */
export function copilotRecord(input: { githubToken: string; username?: string; tokenType?: string; scope?: string; copilotToken?: string; expiresAt?: number; refreshedAt?: number; apiBase?: string; plan?: string }): AccountRecord {
  const attributes: Record<string, string> = {};
  if (input.username) attributes.username = input.username;
  if (input.tokenType) attributes.tokenType = input.tokenType;
  if (input.scope) attributes.scope = input.scope;
  if (input.apiBase) attributes.apiBase = input.apiBase;
  return {
    tokens: { accessToken: input.copilotToken ?? '', refreshToken: input.githubToken, expiresAt: input.expiresAt ?? 0, refreshedAt: input.refreshedAt },
    label: input.username ?? 'GitHub Copilot account',
    identity: input.username ? `github:${input.username.toLowerCase()}` : `github-token:${input.githubToken.slice(-12)}`,
    plan: input.plan,
    attributes,
  };
}

/**
 * `github-copilot-<username>.json` as the Plus forks write it: `{type: "github-copilot", username, access_token
 * (the GitHub token), token_type, scope, timestamp (ms)}` plus `api_token_expires_at` (seconds)
 * ([PP] sdk/auth/github_copilot.go Login metadata). This app adds `copilot_token`, `copilot_api` and `copilot_sku` (the
 * short-lived Copilot token, its API host and the seat's SKU), which the forks ignore.
 */
export function parseCopilotFile(data: Record<string, unknown>): AccountRecord {
  const githubToken = text(data.access_token);
  if (!githubToken) throw new Error('it has no access_token (the GitHub token); log in again with: cliproxyctl login --provider github-copilot');
  return copilotRecord({
    githubToken,
    username: text(data.username),
    tokenType: text(data.token_type),
    scope: text(data.scope),
    refreshedAt: readTime(data.timestamp),
    // This app also keeps the current Copilot token, so a restart or a reload of the file does not mint a new one.
    copilotToken: text(data.copilot_token),
    expiresAt: text(data.copilot_token) ? readTime(data.api_token_expires_at) : undefined,
    apiBase: text(data.copilot_api),
    plan: text(data.copilot_sku),
  });
}

export function copilotFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { attributes, tokens } = record;
  const file: Record<string, unknown> = {
    ...previous,
    type: 'github-copilot',
    username: attributes.username ?? previous.username ?? '',
    access_token: tokens.refreshToken ?? previous.access_token ?? '',
    token_type: attributes.tokenType ?? previous.token_type ?? 'bearer',
    scope: attributes.scope ?? previous.scope ?? '',
    timestamp: typeof previous.timestamp === 'number' ? previous.timestamp : (tokens.refreshedAt ?? Date.now()),
  };
  if (tokens.accessToken && tokens.expiresAt) {
    file.copilot_token = tokens.accessToken;
    file.api_token_expires_at = Math.floor(tokens.expiresAt / 1000);
  }
  if (attributes.apiBase) file.copilot_api = attributes.apiBase;
  if (record.plan) file.copilot_sku = record.plan;
  return file;
}

export function copilotFileName(record: AccountRecord): string {
  return `github-copilot-${fileNamePart(record.attributes.username ?? record.identity)}.json`;
}
