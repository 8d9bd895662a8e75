import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readRequestBody } from '../read-body.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import { MANAGEMENT_BASE } from './contract.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';

const MAX_FILE_BYTES = 1024 * 1024;
const fieldsSchema = z.object({
  name: z.string().min(1),
  prefix: z.string().optional(),
  proxy_url: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  priority: z.number().int().optional(),
  note: z.string().optional(),
});

/** A bare `<something>.json` file name, or a 400 naming the field. */
function fileName(raw: string | null | undefined, field: string): string {
  const name = (raw ?? '').trim();
  if (!name || name !== path.basename(name) || name.startsWith('.') || !name.toLowerCase().endsWith('.json')) {
    throw managementError(400, `${field} must be a file name ending in .json (no folders), got "${name}".`);
  }
  return name;
}

/** Parses an account file's text: a JSON object, or a 400 naming the file. */
function accountObject(text: string, name: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw managementError(400, `${name} is not a JSON object; upload the account file the login wrote.`);
}

/**
 * CLIProxyAPI's auth-file routes beyond listing (reference auth_files_crud.go, auth_files_fields.go): upload
 * (multipart `file`, or a raw JSON body with `?name=`), download, per-file fields and models. Files land in the
 * auth-dir with mode 0600; the auth-dir watcher loads them.
 */
export function registerReferenceAuthFileRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;
  const authDir = () => services.runtime.current().config.authDir;
  const save = async (name: string, text: string) => {
    accountObject(text, name);
    await mkdir(authDir(), { recursive: true, mode: 0o700 });
    const target = path.join(authDir(), name);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, target);
  };

  router.add('POST', `${base}/auth-files`, managed(services, async (context) => {
    const type = context.req.headers['content-type'] ?? '';
    const raw = await readRequestBody(context.req, 8 * MAX_FILE_BYTES);
    if (type.toLowerCase().startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData().catch(() => {
        throw managementError(400, 'The multipart body could not be read; send the files in a field named "file".');
      });
      const files = form.getAll('file').filter((entry): entry is File => typeof entry !== 'string');
      if (files.length === 0) throw managementError(400, 'No file in the form: send each account file in a field named "file".');
      const uploaded: string[] = [];
      const failed: Array<{ name: string; error: string }> = [];
      for (const file of files) {
        try {
          const name = fileName(file.name, 'file');
          if (file.size > MAX_FILE_BYTES) throw managementError(400, `${name} is larger than 1 MiB; an account file is a few KiB.`);
          await save(name, await file.text());
          uploaded.push(name);
        } catch (error) {
          failed.push({ name: file.name, error: (error as Error).message });
        }
      }
      if (failed.length > 0 && uploaded.length === 0 && files.length === 1) throw managementError(400, failed[0].error);
      sendJson(context.res, failed.length > 0 ? 207 : 200, { status: failed.length > 0 ? 'partial' : 'ok', uploaded: uploaded.length, files: uploaded, ...(failed.length > 0 ? { failed } : {}) });
      return;
    }
    const name = fileName(context.url.searchParams.get('name'), '?name=');
    if (raw.length > MAX_FILE_BYTES) throw managementError(400, `${name} is larger than 1 MiB; an account file is a few KiB.`);
    await save(name, raw.toString('utf8'));
    sendJson(context.res, 200, { status: 'ok' });
  }));

  router.add('GET', `${base}/auth-files/download`, managed(services, async ({ res, url }) => {
    const name = fileName(url.searchParams.get('name'), '?name=');
    let data: Buffer;
    try {
      data = await readFile(path.join(authDir(), name));
    } catch {
      throw managementError(404, `No account file ${name} in the auth-dir.`);
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-disposition': `attachment; filename="${name}"`, 'content-length': data.length, 'cache-control': 'no-store' });
    res.end(data);
  }));

  router.add('PATCH', `${base}/auth-files/fields`, managed(services, async (context) => {
    const body = await readManagementBody(context, fieldsSchema);
    const name = fileName(body.name, 'name');
    const target = path.join(authDir(), name);
    let text: string;
    try {
      text = await readFile(target, 'utf8');
    } catch {
      throw managementError(404, `No account file ${name} in the auth-dir.`);
    }
    const account = accountObject(text, name);
    const { name: _name, ...fields } = body;
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      if (value === '') delete account[key];
      else account[key] = value;
    }
    await save(name, `${JSON.stringify(account, null, 2)}\n`);
    sendJson(context.res, 200, { status: 'ok' });
  }));

  router.add('GET', `${base}/auth-files/models`, managed(services, ({ res, url }) => {
    const name = fileName(url.searchParams.get('name'), '?name=');
    const state = services.runtime.current();
    const credentials = state.credentials.filter((credential) => credential.account?.file !== undefined && path.basename(credential.account.file) === name);
    const ids = [...new Set(credentials.flatMap((credential) => state.registry.modelsOf(credential.id)))];
    sendJson(res, 200, { models: ids.map((id) => ({ id, owned_by: credentials[0]?.provider ?? '' })) });
  }));
}
