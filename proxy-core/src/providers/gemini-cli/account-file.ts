import type { AccountRecord } from '../../credentials/account.js';
import { isoTime, readExpiry, readTime } from '../../credentials/account-entry.js';
import { fileNamePart } from '../../credentials/account-files.js';
import { GEMINI_CLI_CLIENT, GEMINI_CLI_ENDPOINTS } from './oauth-endpoints.js';
import { object, text } from '../../shared/json-values.js';


/** `project_id` is one id or a comma list (several projects share the login); `ALL` was never resolved. */
export function splitProjects(value: unknown): string[] {
  const list = (text(value) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  return list.some((item) => item.toUpperCase() === 'ALL') ? [] : [...new Set(list)];
}

/**
 * `gemini-<email>-<project>.json` as CLIProxyAPI writes it (inventory §2.3): `{type: "gemini", token:
 * {access_token, token_type, refresh_token, expiry, token_uri, client_id, client_secret, scopes[],
 * universe_domain}, project_id, email, auto, checked}`.
 */
export function parseGeminiCliFile(data: Record<string, unknown>): AccountRecord {
  const token = object(data.token);
  const accessToken = text(token.access_token) ?? text(data.access_token);
  if (!accessToken) throw new Error('it has no token.access_token (log in again to recreate it)');
  const email = text(data.email);
  const projects = splitProjects(data.project_id);
  const attributes: Record<string, string> = {};
  if (typeof data.auto === 'boolean') attributes.auto = String(data.auto);
  if (typeof data.checked === 'boolean') attributes.checked = String(data.checked);
  return {
    tokens: {
      accessToken,
      refreshToken: text(token.refresh_token) ?? text(data.refresh_token),
      idToken: text(token.id_token),
      expiresAt: readExpiry(token) ?? readExpiry(data),
      refreshedAt: readTime(data.last_refresh),
    },
    label: email ?? 'Gemini CLI account',
    email,
    // Files of one e-mail for different projects are different credentials (CLIProxyAPI keeps one file per project).
    identity: `${email ?? accessToken.slice(-16)}|${projects.join(',')}`,
    plan: text(data.tier),
    projects,
    attributes,
  };
}

export function geminiCliFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { tokens } = record;
  const previousToken = object(previous.token);
  return {
    ...previous,
    type: 'gemini',
    token: {
      ...previousToken,
      access_token: tokens.accessToken,
      token_type: 'Bearer',
      refresh_token: tokens.refreshToken ?? previousToken.refresh_token ?? '',
      expiry: isoTime(tokens.expiresAt) ?? previousToken.expiry,
      token_uri: previousToken.token_uri ?? GEMINI_CLI_ENDPOINTS.token,
      client_id: previousToken.client_id ?? GEMINI_CLI_CLIENT.clientId,
      client_secret: previousToken.client_secret ?? GEMINI_CLI_CLIENT.clientSecret,
      scopes: previousToken.scopes ?? [...GEMINI_CLI_CLIENT.scopes],
      universe_domain: previousToken.universe_domain ?? 'googleapis.com',
    },
    project_id: (record.projects ?? []).join(','),
    email: record.email ?? previous.email ?? '',
    auto: record.attributes.auto !== undefined ? record.attributes.auto === 'true' : (previous.auto ?? false),
    checked: record.attributes.checked !== undefined ? record.attributes.checked === 'true' : (previous.checked ?? false),
    ...(record.plan ? { tier: record.plan } : {}),
    last_refresh: isoTime(tokens.refreshedAt) ?? previous.last_refresh,
  };
}

/** `gemini-<email>-<project>.json`, or `gemini-<email>-all.json` when the login holds several projects. */
export function geminiCliFileName(record: AccountRecord): string {
  const email = fileNamePart(record.email ?? record.identity);
  const projects = record.projects ?? [];
  if (projects.length > 1) return `gemini-${email}-all.json`;
  return projects[0] ? `gemini-${email}-${fileNamePart(projects[0])}.json` : `gemini-${email}.json`;
}

/**
 * One credential per project when `quota-exceeded.switch-project` is on (quota on one project fails over to the
 * next, like the reference's virtual credentials); otherwise the first project only.
 */
export function expandGeminiCliProjects(record: AccountRecord, options: { switchProject: boolean }): Array<{ key: string; label: string; project?: string }> {
  const projects = record.projects ?? [];
  if (!options.switchProject || projects.length <= 1) return [{ key: '', label: projects.length > 1 ? `${record.label} (${projects[0]})` : record.label, project: projects[0] }];
  return projects.map((project) => ({ key: project, label: `${record.label} (${project})`, project }));
}
