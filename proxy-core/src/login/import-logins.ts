/**
 * Turns existing login files into auth-dir accounts: CLIProxyAPI auth files and the vendors' own CLI caches
 * (~/.claude/.credentials.json, ~/.codex/auth.json, ~/.gemini/oauth_creds.json), through each provider's
 * importers. One code path for `cliproxyctl import` and the dashboard's import (POST /auth-files/import).
 */
import path from 'node:path';
import type { AccountImporter, ImportSource, ProviderDefinition } from '../providers/provider-definition.js';
import type { AccountRecord } from '../credentials/account.js';
import type { AccountContext } from './login-types.js';

export interface LoginImportHost {
  /** Providers whose importers may claim a file (already filtered by `--provider`, if any). */
  providers: Iterable<ProviderDefinition>;
  context(providerId: string): AccountContext;
  save(providerId: string, record: AccountRecord): Promise<{ label: string; file: string }>;
}

export type LoginImportResult =
  | { kind: 'imported'; provider: string; account: string; file: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; error: string };

/** The providers that can import something, in registry order. */
export function importingProviders(providers: Iterable<ProviderDefinition>): ProviderDefinition[] {
  return [...providers].filter((provider) => (provider.accounts?.importers?.length ?? 0) > 0);
}

/** The JSON object in a login file's text; an error names what is wrong with it. */
export function parseLoginFile(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`not a credential file (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a credential file (not a JSON object)');
  return parsed as Record<string, unknown>;
}

/**
 * Offers `data` to every importer in turn; the first that recognises it saves the account into the auth-dir.
 * A file at a vendor CLI's own place (`source.path`) goes to that vendor first: Gemini CLI and Qwen Code both write
 * `oauth_creds.json`.
 */
export async function importLoginData(data: Record<string, unknown>, host: LoginImportHost, source?: ImportSource): Promise<LoginImportResult> {
  const owns = (provider: ProviderDefinition) =>
    source !== undefined && (provider.accounts?.importers ?? []).some((importer) => importer.defaultPaths.some((file) => source.path.endsWith(path.join(path.sep, file))));
  for (const provider of importingProviders(host.providers).sort((a, b) => Number(owns(b)) - Number(owns(a)))) {
    for (const importer of provider.accounts!.importers! as readonly AccountImporter[]) {
      try {
        const record = await importer.read(data, host.context(provider.id), source);
        if (!record) continue;
        const saved = await host.save(provider.id, record);
        return { kind: 'imported', provider: provider.id, account: saved.label, file: saved.file };
      } catch (error) {
        return { kind: 'failed', error: (error as Error).message };
      }
    }
  }
  return { kind: 'skipped', reason: 'not a login file of a provider this app supports' };
}

/** `parseLoginFile` then `importLoginData`, for a file's text. */
export async function importLoginText(text: string, host: LoginImportHost, source?: ImportSource): Promise<LoginImportResult> {
  let data: Record<string, unknown>;
  try {
    data = parseLoginFile(text);
  } catch (error) {
    return { kind: 'failed', error: (error as Error).message };
  }
  return importLoginData(data, host, source);
}
