/**
 * Import and backup from the dashboard: login files through the same importers as `cliproxyctl import`, and a
 * backup bundle (config.yaml, account files, usage history) that another machine can import, optionally encrypted.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ensureAuthDir, writeJsonFileAtomic } from '../../credentials/account-files.js';
import { importLoginText } from '../../login/import-logins.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { BACKUP_FORMAT, BackupPassphraseError, backupBundleSchema, decodeBackup, encodeBackup, type BackupPayload } from './backup-bundle.js';
import {
  authFileImportSchema,
  backupExportSchema,
  backupImportSchema,
  MANAGEMENT_BASE,
  type AuthFileImportResponse,
  type AuthFileImportResult,
  type BackupImportResponse,
} from './contract.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';

/** The largest backup file accepted by POST /backup/import. */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

/** Keys of config.yaml that describe this machine, not the user's setup: a restore keeps the current values. */
export const MACHINE_KEYS = ['host', 'port', 'auth-dir', 'remote-management'] as const;

/** The backup's config.yaml text with this machine's host, port, auth-dir and management settings put back. */
export function keepMachineKeys(incoming: string, current: string): string {
  const target = parseDocument(incoming);
  if (target.errors.length > 0) throw managementError(422, `The backup's config.yaml does not parse: ${target.errors[0].message}`);
  const here = parseDocument(current);
  for (const key of MACHINE_KEYS) {
    if (here.has(key)) target.set(key, here.get(key, true));
    else target.delete(key);
  }
  return target.toString();
}

async function readAuthFiles(dir: string): Promise<BackupPayload['authFiles']> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: BackupPayload['authFiles'] = [];
  for (const name of names) {
    try {
      const data = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as unknown;
      if (data && typeof data === 'object' && !Array.isArray(data)) files.push({ name, data: data as Record<string, unknown> });
    } catch {
      // A broken file is not worth carrying to another machine; the Accounts page already flags it.
    }
  }
  return files;
}

export function registerBackupRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;

  router.add('POST', `${base}/auth-files/import`, managed(services, async (context) => {
    const host = services.loginImport;
    if (!host) throw managementError(404, 'This proxy cannot import login files.');
    const { files } = await readManagementBody(context, authFileImportSchema);
    const results: AuthFileImportResult[] = [];
    for (const file of files) results.push({ name: file.name, ...(await importLoginText(file.content, host)) });
    const count = (kind: AuthFileImportResult['kind']) => results.filter((result) => result.kind === kind).length;
    const imported = count('imported');
    if (imported > 0) services.log('info', `imported ${imported} login file(s) from the dashboard`);
    sendJson(context.res, 200, { results, imported, skipped: count('skipped'), failed: count('failed') } satisfies AuthFileImportResponse);
  }));

  router.add('POST', `${base}/backup/export`, managed(services, async (context) => {
    const { passphrase, include } = await readManagementBody(context, backupExportSchema);
    const payload: BackupPayload = {
      config: include.config ? services.config.text() : null,
      authFiles: include.accounts ? await readAuthFiles(services.runtime.current().config.authDir) : [],
      usage: include.usage ? (services.usage.exportRecords?.() ?? []) : [],
    };
    const now = new Date(services.clock.now());
    const bundle = await encodeBackup(payload, { createdAt: now, appVersion: services.version, passphrase });
    const body = JSON.stringify(bundle, null, 2);
    context.res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'content-disposition': `attachment; filename="cliproxy-backup-${now.toISOString().slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    });
    context.res.end(body);
    services.log('info', `backup exported (${payload.authFiles.length} account file(s), ${payload.usage.length} usage record(s), ${passphrase ? 'encrypted' : 'not encrypted'})`);
  }));

  router.add('POST', `${base}/backup/import`, managed(services, async (context) => {
    // A backup carries the whole usage history: allow far more than the usual 8 MiB.
    const input = await readManagementBody(context, backupImportSchema, { maxBytes: MAX_BACKUP_BYTES, maskedLabels: 'allowed' });
    let raw = input.bundle;
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw);
      } catch (error) {
        throw managementError(400, `The backup file is not JSON (${(error as Error).message}). Pick the .json file that Export made.`);
      }
    }
    if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
      throw managementError(400, `The file is not a CLIProxy backup (it has no "format": "${BACKUP_FORMAT}"). Pick the .json file that Export made.`);
    }
    const parsed = backupBundleSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw managementError(400, `The backup file is not a CLIProxy backup: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    }
    let payload: BackupPayload;
    try {
      payload = await decodeBackup(parsed.data, input.passphrase);
    } catch (error) {
      if (error instanceof BackupPassphraseError) throw managementError(422, error.message, { code: 'wrong_passphrase' });
      throw error;
    }

    // Accounts first: a config that names them then finds them in place.
    const authDir = services.runtime.current().config.authDir;
    if (payload.authFiles.length > 0) await ensureAuthDir(authDir);
    for (const file of payload.authFiles) await writeJsonFileAtomic(path.join(authDir, file.name), file.data);

    const response: BackupImportResponse = { config: { restored: false, persisted: true, kept: [...MACHINE_KEYS] }, accounts: { restored: payload.authFiles.length }, usage: { added: 0, skipped: 0 } };
    if (payload.config !== null) {
      const result = await services.config.replace(keepMachineKeys(payload.config, services.config.text()));
      response.config = { restored: true, persisted: result.persisted, reason: result.reason, kept: [...MACHINE_KEYS] };
    }
    await services.accounts.reload();
    if (payload.usage.length > 0) response.usage = services.usage.importRecords?.(payload.usage) ?? { added: 0, skipped: payload.usage.length };
    services.log('info', `backup imported (${payload.authFiles.length} account file(s), config ${response.config.restored ? 'restored' : 'not in the backup'}, ${response.usage.added} usage record(s) added)`);
    sendJson(context.res, 200, response);
  }));
}
