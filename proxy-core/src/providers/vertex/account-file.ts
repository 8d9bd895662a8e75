import type { AccountRecord } from '../../credentials/account.js';
import { fileNamePart } from '../../credentials/account-files.js';
import { parseServiceAccount, type ServiceAccount } from './service-account.js';
import { text } from '../../shared/json-values.js';

export const DEFAULT_LOCATION = 'us-central1';

/**
 * A service account as an account record. The private key is the long-lived secret that mints access tokens, so
 * it travels as `refreshToken` (redacted wherever tokens are); the rest of the key file (no secret) is kept in
 * `attributes.serviceAccount` so the file is written back whole. Access tokens are minted on first use and
 * before they expire (1 h), never written to the file — as CLIProxyAPI mints them per call.
 */
export function serviceAccountRecord(account: ServiceAccount, options: { location?: string; projectId?: string; label?: string } = {}): AccountRecord {
  const { private_key: privateKey, ...rest } = account;
  const projectId = options.projectId || account.project_id;
  const location = options.location || DEFAULT_LOCATION;
  return {
    tokens: { accessToken: '', refreshToken: privateKey, expiresAt: 0 },
    label: options.label || `${account.client_email} (${projectId})`,
    email: account.client_email,
    identity: `${account.client_email}|${projectId}`,
    attributes: { projectId, location, serviceAccount: JSON.stringify(rest) },
  };
}

/** The service-account key back from a record (to sign the next assertion). */
export function serviceAccountOf(record: AccountRecord): ServiceAccount {
  const rest = JSON.parse(record.attributes.serviceAccount ?? '{}') as Record<string, unknown>;
  return { ...rest, private_key: record.tokens.refreshToken ?? '' } as ServiceAccount;
}

/**
 * `vertex-<project>.json` as CLIProxyAPI writes it (internal/cmd/vertex_import.go, internal/auth/vertex):
 * `{type: "vertex", service_account: {…the key file…}, project_id, email, location, prefix?, label?}`.
 */
export function parseVertexFile(data: Record<string, unknown>): AccountRecord {
  const account = parseServiceAccount(data.service_account);
  return serviceAccountRecord(account, { projectId: text(data.project_id) ?? text(data.project), location: text(data.location), label: text(data.label) });
}

export function vertexFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const account = serviceAccountOf(record);
  return {
    ...previous,
    type: 'vertex',
    service_account: { ...(typeof previous.service_account === 'object' && previous.service_account ? previous.service_account : {}), ...account },
    project_id: record.attributes.projectId,
    email: account.client_email,
    location: record.attributes.location || DEFAULT_LOCATION,
  };
}

export function vertexFileName(record: AccountRecord): string {
  return `vertex-${fileNamePart(record.attributes.projectId ?? 'project')}.json`;
}
