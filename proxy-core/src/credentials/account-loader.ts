import type { ProviderDefinition } from '../providers/provider-definition.js';
import { sha256Hex } from '../shared/ids.js';
import { readMeta, type AccountEntry } from './account-entry.js';
import { createAuthFileStore } from './auth-file-store.js';
import type { Credential } from './credential.js';

export interface LoadedAccounts {
  /** By file name: the files in use (one per account). */
  entries: Map<string, AccountEntry>;
  byCredential: Map<string, AccountEntry>;
  /** Files that lost to a newer file of the same account: file → the winner. */
  shadowed: Map<string, string>;
  /** Files that could not be read as an account: file → why. */
  problems: Map<string, string>;
  credentials: Credential[];
  /** Credentials whose token was replaced from outside since the last load (a new login, an edit). */
  renewed: string[];
}

export interface LoadInput {
  authDir: string;
  providers: ReadonlyMap<string, ProviderDefinition>;
  /** The previous load, whose run-time state (refresh results, quota) carries over while the token is the same. */
  previous: ReadonlyMap<string, AccountEntry>;
  endpoints(providerId: string): (name: string) => string;
  switchProject: boolean;
  proxyUrl: string;
  onReadError(message: string): void;
}

/** Newer token first: later expiry, then later refresh, then newer file. */
function newer(a: AccountEntry, b: AccountEntry): number {
  return (a.record.tokens.expiresAt ?? 0) - (b.record.tokens.expiresAt ?? 0) || (a.record.tokens.refreshedAt ?? 0) - (b.record.tokens.refreshedAt ?? 0) || a.modifiedAt - b.modifiedAt;
}

/** One account file → its credentials (several when the provider expands it, e.g. one per project). */
export function accountCredentials(entry: AccountEntry, input: Pick<LoadInput, 'endpoints' | 'switchProject' | 'proxyUrl'>): Credential[] {
  const { provider, support, record, meta } = entry;
  const endpoint = input.endpoints(provider.id);
  const endpoints = Object.fromEntries(Object.keys(support.endpoints).map((name) => [name, endpoint(name)]));
  const expansions = support.expand?.(record, { switchProject: input.switchProject }) ?? [{ key: '', label: record.label, project: record.projects?.[0] }];
  return expansions.map((expansion) => {
    const id = expansion.key ? `${entry.file}#${expansion.key}` : entry.file;
    return {
      id,
      authIndex: sha256Hex(id).slice(0, 16),
      provider: provider.id,
      group: provider.id,
      kind: 'oauth',
      label: expansion.label,
      priority: meta.priority,
      ...(meta.weight !== undefined ? { weight: meta.weight } : {}),
      prefix: meta.prefix,
      baseUrl: meta.baseUrl,
      proxyUrl: meta.proxyUrl || input.proxyUrl || undefined,
      headers: {},
      models: [],
      excludedModels: meta.excludedModels,
      disabled: meta.disabled,
      secret: record.tokens.accessToken,
      source: { type: 'file', path: entry.path, fileName: entry.file },
      account: { file: entry.file, project: expansion.project, plan: record.plan, endpoints },
    };
  });
}

/**
 * Reads auth-dir: each file of a provider with accounts is parsed; of several files for one account (same
 * identity) the newest token wins; broken files are listed with the reason, never thrown on.
 */
export async function loadAccounts(input: LoadInput): Promise<LoadedAccounts> {
  const byFileType = new Map<string, ProviderDefinition>();
  for (const provider of input.providers.values()) if (provider.accounts) byFileType.set(provider.accounts.fileType, provider);
  const files = await createAuthFileStore(input.authDir).list().catch((error: Error) => {
    input.onReadError(`cannot read the credential folder ${input.authDir}: ${error.message}`);
    return [];
  });
  const problems = new Map<string, string>();
  const renewed: string[] = [];
  const loaded: AccountEntry[] = [];
  for (const file of files) {
    if (!file.data) {
      problems.set(file.name, file.problem ?? 'unreadable');
      continue;
    }
    const provider = byFileType.get(String(file.data.type));
    if (!provider?.accounts) continue;
    try {
      const record = provider.accounts.parse(file.data);
      const previous = input.previous.get(file.name);
      // Files that never hold an access token (Vertex service accounts mint theirs) keep the minted one while the key is unchanged.
      const mintedOnly = record.tokens.accessToken === '' && previous?.record.tokens.refreshToken === record.tokens.refreshToken;
      const sameToken = (previous?.record.tokens.accessToken === record.tokens.accessToken || mintedOnly) && previous?.provider === provider;
      loaded.push({
        file: file.name,
        path: file.path,
        modifiedAt: file.modifiedAt,
        provider,
        support: provider.accounts,
        record: sameToken ? previous.record : record,
        raw: file.data,
        meta: readMeta(file.data),
        credentialIds: [],
        quota: previous?.quota ?? { buckets: [] },
        lastUsedAt: previous?.lastUsedAt,
        ...(sameToken ? { refreshing: previous.refreshing, lastRefresh: previous.lastRefresh, needsRelogin: previous.needsRelogin, refreshBlockedUntil: previous.refreshBlockedUntil } : {}),
      });
      if (previous && !sameToken) renewed.push(...previous.credentialIds);
    } catch (error) {
      problems.set(file.name, (error as Error).message);
    }
  }
  const winners = new Map<string, AccountEntry>();
  const shadowed = new Map<string, string>();
  for (const entry of loaded) {
    const key = `${entry.provider.id}|${entry.record.identity}`;
    const current = winners.get(key);
    if (!current) winners.set(key, entry);
    else if (newer(entry, current) > 0) {
      shadowed.set(current.file, entry.file);
      winners.set(key, entry);
    } else shadowed.set(entry.file, current.file);
  }
  const entries = new Map<string, AccountEntry>();
  const byCredential = new Map<string, AccountEntry>();
  const credentials: Credential[] = [];
  for (const entry of winners.values()) {
    const list = accountCredentials(entry, input);
    entry.credentialIds = list.map((credential) => credential.id);
    entries.set(entry.file, entry);
    for (const credential of list) {
      byCredential.set(credential.id, entry);
      credentials.push(credential);
    }
  }
  // Point every older copy at the file in use (its first winner may itself have lost to a newer one).
  for (const [file, winner] of shadowed) {
    let target = winner;
    for (let hops = 0; !entries.has(target) && shadowed.has(target) && hops < shadowed.size; hops++) target = shadowed.get(target)!;
    shadowed.set(file, target);
  }
  return { entries, byCredential, shadowed, problems, credentials, renewed };
}
