import { createAuthFileStore } from '../credentials/auth-file-store.js';
import type { Credential } from '../credentials/credential.js';
import { credentialsFromConfig } from '../credentials/synthesize.js';
import { createAuthFileService } from '../server/auth-file-service.js';
import type { AuthFileView } from '../server/management/contract.js';
import { modelIdsOf } from './client-api.js';
import type { DiagnosticsContext } from './context.js';

/** The credentials in effect: the running proxy's (config keys and account files), else config.yaml's keys. */
export function credentialsOf(context: DiagnosticsContext): Credential[] {
  if (context.proxy) return context.proxy.runtime.current().credentials;
  const config = context.config().loaded?.config;
  return config ? credentialsFromConfig(config) : [];
}

/** auth-dir files with their status (active, disabled, unsupported, invalid). */
export async function authFilesOf(context: DiagnosticsContext): Promise<AuthFileView[]> {
  if (context.proxy) return context.proxy.authFiles();
  const authDir = context.config().loaded?.config.authDir;
  if (!authDir) return [];
  return createAuthFileService(() => createAuthFileStore(authDir), context.providers).list().catch(() => []);
}

/** Client-facing model ids: the running registry, else what `GET /v1/models` lists; undefined when unknown. */
export async function listedModelIds(context: DiagnosticsContext): Promise<{ ids: string[]; source: string } | undefined> {
  if (context.proxy) return { ids: context.proxy.runtime.current().registry.list().map((model) => model.id), source: 'model registry' };
  if (!context.client) return undefined;
  const ids = modelIdsOf(await context.client.request('/v1/models'));
  return ids ? { ids, source: 'GET /v1/models' } : undefined;
}

/** Whether an id (bare or `prefix/id`) is listed. */
export function hasModel(ids: readonly string[], id: string): boolean {
  return ids.some((candidate) => candidate === id || candidate.endsWith(`/${id}`));
}

/** How a credential is named to users: `claude sk-a…0001`, or the label alone when it already starts with the group. */
export function credentialName(credential: Pick<Credential, 'group' | 'label'>): string {
  return credential.label.startsWith(`${credential.group} `) ? credential.label : `${credential.group} ${credential.label}`;
}

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
