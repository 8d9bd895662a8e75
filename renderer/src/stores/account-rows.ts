import type { AuthFileView, CooldownView, CredentialView, ProviderListKey } from '../api/index.js';
import { formatClock, providerName } from '../format/index.js';
import { ENGLISH_WORDS, type Words } from './words.js';

export type AccountState = 'active' | 'cooling' | 'disabled' | 'unsupported' | 'invalid' | 'needs-relogin' | 'refresh-failing' | 'exhausted';

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
  /** Subscription accounts (GET /accounts): what a "Log in again" button starts. */
  relogin?: { provider: string; label: string } | null;
}

const PROVIDER_LISTS = new Set<string>(['claude-api-key', 'gemini-api-key', 'codex-api-key', 'xai-api-key', 'vertex-api-key', 'openai-compatibility']);

/** Cooldowns, earliest end first. */
export function sortedCooldowns(cooldowns: readonly CooldownView[]): CooldownView[] {
  return cooldowns.slice().sort((a, b) => Date.parse(a.until) - Date.parse(b.until));
}

/** Why the earliest cooldown rests the account: "quota (429) on claude-sonnet-4 — rate limited". */
export function coolingReason(cooldowns: readonly CooldownView[], words: Words = ENGLISH_WORDS): string | null {
  const t = (key: string, values?: Record<string, unknown>) => words.t(`facts.rows.${key}`, values);
  const cooling = sortedCooldowns(cooldowns);
  const first = cooling[0];
  if (!first) return null;
  const reason = [first.reason, first.status ? `(${first.status})` : ''].filter(Boolean).join(' ') || t('upstreamError');
  const scope = cooling.length > 1 ? t('models', { count: cooling.length }) : first.model === '*' ? t('everyModel') : first.model;
  return first.message ? t('onWithMessage', { reason, scope, message: first.message }) : t('on', { reason, scope });
}

/** "until 14:20 · quota (429) on claude-sonnet-4 — rate limited" for the earliest cooldown. */
export function coolingDetail(cooldowns: readonly CooldownView[], words: Words = ENGLISH_WORDS): string | null {
  const first = sortedCooldowns(cooldowns)[0];
  return first ? words.t('facts.rows.until', { time: formatClock(first.until), reason: coolingReason(cooldowns, words) }) : null;
}

export function credentialRow(credential: CredentialView, lastUsed: Map<string, number>, words: Words = ENGLISH_WORDS): AccountRow {
  const t = (key: string, values?: Record<string, unknown>) => words.t(`facts.rows.${key}`, values);
  const first = sortedCooldowns(credential.cooldowns)[0];
  const source = credential.source;
  let detail: string | null = null;
  if (credential.state === 'cooling' && first) {
    detail = coolingDetail(credential.cooldowns, words);
  } else if (credential.state === 'disabled') detail = t('turnedOff');
  else if (credential.state === 'unsupported') detail = t('unsupported', { provider: providerName(credential.provider, credential.kind) });

  let removal: AccountRemoval | null = null;
  if (source.type === 'file') removal = { type: 'auth-file', name: source.fileName };
  else if (source.type === 'config' && PROVIDER_LISTS.has(source.yamlKey)) {
    const list = source.yamlKey as ProviderListKey;
    removal = list === 'openai-compatibility'
      ? { type: 'entry', list, index: source.index, name: credential.group, wholeProvider: true }
      : { type: 'entry', list, index: source.index, wholeProvider: false };
  }

  return {
    id: credential.id,
    label: credential.label,
    providerLabel: credential.provider.startsWith('openai-compatible') ? credential.group : providerName(credential.provider, credential.kind),
    kind: credential.kind,
    state: credential.state,
    detail,
    coolingUntil: first ? Date.parse(first.until) : null,
    enabled: !credential.disabled,
    toggle: { type: 'credential', id: credential.id },
    source: source.type === 'file' ? t('accountFile', { name: source.fileName }) : source.type === 'runtime' ? source.origin : `config.yaml · ${source.yamlKey} #${source.index + 1}`,
    models: credential.models.length,
    lastUsed: lastUsed.get(credential.id) ?? null,
    removal,
  };
}

/** Account files that are not loaded as credentials (invalid JSON, unsupported type). */
export function fileRow(file: AuthFileView, words: Words = ENGLISH_WORDS): AccountRow {
  return {
    id: `file:${file.name}`,
    label: file.label,
    providerLabel: file.provider ? providerName(file.provider, 'oauth') : words.t('facts.rows.unknownType'),
    kind: 'file',
    state: file.status,
    detail: file.statusMessage,
    coolingUntil: null,
    enabled: !file.disabled,
    toggle: file.status === 'invalid' ? null : { type: 'auth-file', name: file.name },
    source: words.t('facts.rows.accountFile', { name: file.name }),
    models: 0,
    lastUsed: null,
    removal: { type: 'auth-file', name: file.name },
  };
}

/**
 * Credentials first (in the proxy's order), then files that did not load. Account files listed in
 * `subscriptionFiles` (the subscription accounts of GET /accounts, shown on their own) are left out.
 */
export function buildAccountRows(
  credentials: CredentialView[],
  files: AuthFileView[],
  lastUsed: Map<string, number>,
  subscriptionFiles: ReadonlySet<string> = new Set(),
  words: Words = ENGLISH_WORDS,
): AccountRow[] {
  const fromFile = (credential: CredentialView) => (credential.source.type === 'file' ? credential.source.fileName : null);
  const loadedFiles = new Set(credentials.flatMap((credential) => (credential.source.type === 'file' ? [credential.source.fileName] : [])));
  return [
    ...credentials.filter((credential) => !subscriptionFiles.has(fromFile(credential) ?? '')).map((credential) => credentialRow(credential, lastUsed, words)),
    ...files.filter((file) => !loadedFiles.has(file.name) && !subscriptionFiles.has(file.name)).map((file) => fileRow(file, words)),
  ];
}

export function needsAttention(row: AccountRow): boolean {
  return row.state !== 'active';
}
