import type { AuthFileView, CredentialView, ProviderListKey } from '../api/index.js';
import { formatClock, providerName } from '../format/index.js';

export type AccountState = 'active' | 'cooling' | 'disabled' | 'unsupported' | 'invalid';

export type AccountRemoval =
  | { type: 'auth-file'; name: string }
  | { type: 'entry'; list: ProviderListKey; index: number; name?: string; wholeProvider: boolean };

/** One line of the Accounts page: a credential, or an account file the proxy could not load. */
export interface AccountRow {
  id: string;
  label: string;
  providerLabel: string;
  kind: 'api-key' | 'oauth' | 'file';
  state: AccountState;
  /** Why it is not active, in words ("until 14:20 · rate limited (429) on claude-sonnet-4"). */
  detail: string | null;
  /** Earliest end of a cooldown, ms since the epoch. */
  coolingUntil: number | null;
  enabled: boolean;
  /** How the enable switch writes: the credential, an auth file, or not at all. */
  toggle: { type: 'credential'; id: string } | { type: 'auth-file'; name: string } | null;
  source: string;
  models: number;
  lastUsed: number | null;
  removal: AccountRemoval | null;
}

const PROVIDER_LISTS = new Set<string>(['claude-api-key', 'gemini-api-key', 'codex-api-key', 'openai-compatibility']);

export function credentialRow(credential: CredentialView, lastUsed: Map<string, number>): AccountRow {
  const cooling = credential.cooldowns.slice().sort((a, b) => Date.parse(a.until) - Date.parse(b.until));
  const first = cooling[0];
  const source = credential.source;
  let detail: string | null = null;
  if (credential.state === 'cooling' && first) {
    const reason = [first.reason, first.status ? `(${first.status})` : ''].filter(Boolean).join(' ');
    const scope = cooling.length > 1 ? `${cooling.length} models` : first.model;
    detail = `until ${formatClock(first.until)} · ${reason || 'upstream error'} on ${scope}${first.message ? ` — ${first.message}` : ''}`;
  } else if (credential.state === 'disabled') detail = 'Turned off: requests never use it.';
  else if (credential.state === 'unsupported') detail = `This build cannot use ${providerName(credential.provider, credential.kind)} accounts yet; the account is kept.`;

  let removal: AccountRemoval | null = null;
  if (source.type === 'file') removal = { type: 'auth-file', name: source.fileName };
  else if (PROVIDER_LISTS.has(source.yamlKey)) {
    const list = source.yamlKey as ProviderListKey;
    removal = list === 'openai-compatibility'
      ? { type: 'entry', list, index: source.index, name: credential.group, wholeProvider: true }
      : { type: 'entry', list, index: source.index, wholeProvider: false };
  }

  return {
    id: credential.id,
    label: credential.label,
    providerLabel: credential.provider === 'openai-compatible' ? credential.group : providerName(credential.provider, credential.kind),
    kind: credential.kind,
    state: credential.state,
    detail,
    coolingUntil: first ? Date.parse(first.until) : null,
    enabled: !credential.disabled,
    toggle: { type: 'credential', id: credential.id },
    source: source.type === 'file' ? `account file ${source.fileName}` : `config.yaml · ${source.yamlKey} #${source.index + 1}`,
    models: credential.models.length,
    lastUsed: lastUsed.get(credential.id) ?? null,
    removal,
  };
}

/** Account files that are not loaded as credentials (invalid JSON, unsupported type). */
export function fileRow(file: AuthFileView): AccountRow {
  return {
    id: `file:${file.name}`,
    label: file.label,
    providerLabel: file.provider ? providerName(file.provider, 'oauth') : 'Unknown type',
    kind: 'file',
    state: file.status,
    detail: file.statusMessage,
    coolingUntil: null,
    enabled: !file.disabled,
    toggle: file.status === 'invalid' ? null : { type: 'auth-file', name: file.name },
    source: `account file ${file.name}`,
    models: 0,
    lastUsed: null,
    removal: { type: 'auth-file', name: file.name },
  };
}

/** Credentials first (in the proxy's order), then files that did not load. */
export function buildAccountRows(credentials: CredentialView[], files: AuthFileView[], lastUsed: Map<string, number>): AccountRow[] {
  const loadedFiles = new Set(credentials.flatMap((credential) => (credential.source.type === 'file' ? [credential.source.fileName] : [])));
  return [...credentials.map((credential) => credentialRow(credential, lastUsed)), ...files.filter((file) => !loadedFiles.has(file.name)).map(fileRow)];
}

export function needsAttention(row: AccountRow): boolean {
  return row.state !== 'active';
}
